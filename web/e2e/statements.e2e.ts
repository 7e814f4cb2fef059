// Owner statements end to end: Régie du Lac bills its residents itself; its manager opens last
// month's consumption statements, sees each resident's total, opens one as PDF and exports the
// month as CSV.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { asPlatform } from '../../server/src/db/scope.ts';
import { addPostpaidCharger, addPostpaidSessions } from '../../server/src/modules/invoices/invoices.fixtures.ts';
import { logIn, startE2E, type E2E } from './harness.ts';

let e2e: E2E;
// Last month, as the page opens on it.
const today = new Date();
const last = new Date(today.getFullYear(), today.getMonth() - 1, 10, 12);
const period = `${last.getFullYear()}-${String(last.getMonth() + 1).padStart(2, '0')}`;

beforeAll(async () => {
  e2e = await startE2E();
  const { db } = e2e.running.deps;
  const { tenant, camille } = await asPlatform(db, async (tx) => ({
    tenant: (await tx.selectFrom('tenants').select('id').where('short_code', '=', 'regielac').executeTakeFirstOrThrow()).id,
    camille: (await tx.selectFrom('people').select('id').where('customer_number', '=', 'REGIELAC-10001').executeTakeFirstOrThrow()).id,
  }));
  const charger = await addPostpaidCharger(db, tenant, 'Garage souterrain');
  await addPostpaidSessions(db, tenant, charger, [
    { personId: camille, wh: 25_000, amountMinor: 1_250, stoppedAt: last, vatRateBp: 810 },
    { personId: camille, wh: 6_000, amountMinor: 300, stoppedAt: new Date(last.getTime() + 86_400_000), vatRateBp: 810 },
  ]);
});
afterAll(async () => { await e2e?.close(); });

const download = (page: Page, href: string) => page.evaluate(async (url) => {
  const response = await fetch(url);
  return { type: response.headers.get('content-type'), text: (await response.text()).slice(0, 400) };
}, href);

it('an owner that bills itself opens last month\'s consumption statements, a resident\'s PDF and the CSV export', async () => {
  const page = await e2e.newPage('fr');
  await logIn(page, 'regie@demo.test');
  expect(await page.getByRole('link', { name: 'Factures', exact: true }).count()).toBe(0);
  await page.getByRole('link', { name: 'Relevés', exact: true }).click();
  await page.getByRole('heading', { name: 'Relevés de consommation' }).waitFor();
  const chf = (minor: number) => new Intl.NumberFormat('fr-CH', { style: 'currency', currency: 'CHF' }).format(minor / 100);
  const table = page.getByRole('table', { name: /^Relevés de / });
  await table.getByRole('row').filter({ hasText: 'REGIELAC-10001' }).filter({ hasText: 'Camille Favre' }).filter({ hasText: chf(1_550) }).waitFor();
  const pdf = await download(page, (await table.getByRole('link', { name: 'Relevé de Camille Favre (PDF)' }).getAttribute('href'))!);
  expect(pdf.type).toBe('application/pdf');
  expect(pdf.text.startsWith('%PDF-')).toBe(true);
  const csv = await download(page, (await page.getByRole('link', { name: /^Exporter .* \(CSV\)$/ }).getAttribute('href'))!);
  expect(csv.type).toBe('text/csv; charset=utf-8');
  expect(csv.text).toContain(`${period},REGIELAC-10001,Camille Favre,`);
  await page.context().close();
});
