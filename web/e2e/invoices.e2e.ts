// Invoices end to end: a resident finds her unpaid invoice for last month's charging, opens it
// with its lines and VAT, and downloads its PDF; staff find it among the open invoices.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { asPlatform } from '../../server/src/db/scope.ts';
import { addPostpaidCharger, addPostpaidSessions } from '../../server/src/modules/invoices/invoices.fixtures.ts';
import { runInvoices } from '../../server/src/modules/invoices/invoices.usecases.ts';
import { logIn, startE2E, type E2E } from './harness.ts';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
  const { db } = e2e.running.deps;
  const anna = await asPlatform(db, (tx) => tx.selectFrom('people').select(['tenant_id', 'id']).where('customer_number', '=', 'HEIMBAU-10001').executeTakeFirstOrThrow());
  const charger = await addPostpaidCharger(db, anna.tenant_id, 'Tiefgarage');
  await addPostpaidSessions(db, anna.tenant_id, charger, [
    { personId: anna.id, wh: 20_000, amountMinor: 800, stoppedAt: new Date('2026-10-03T12:00:00Z') },
    { personId: anna.id, wh: 9_857, amountMinor: 355, stoppedAt: new Date('2026-10-17T08:30:00Z') },
  ]);
  await runInvoices(e2e.running.deps, anna.tenant_id, '2026-10');
});
afterAll(async () => { await e2e?.close(); });

const euro = (minor: number) => new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' }).format(minor / 100);
const download = (page: Page, href: string) => page.evaluate(async (url) => {
  const response = await fetch(url);
  return { type: response.headers.get('content-type'), head: new TextDecoder().decode((await response.arrayBuffer()).slice(0, 5)) };
}, href);

it('a resident opens her unpaid invoice, sees its lines and VAT, and downloads the PDF', async () => {
  const page = await e2e.newPage('en');
  await logIn(page, 'resident@demo.test');
  await page.getByRole('link', { name: 'Invoices', exact: true }).click();
  const unpaid = page.getByRole('region', { name: 'Unpaid invoice 2026-000001' });
  await unpaid.waitFor();
  expect(await unpaid.textContent()).toContain(euro(1155));
  const pdf = await unpaid.getByRole('link', { name: 'Pay by bank transfer (PDF with QR code)' }).getAttribute('href');
  expect(await download(page, pdf!)).toEqual({ type: 'application/pdf', head: '%PDF-' });

  const recent = page.getByRole('table', { name: 'Invoices of the last 12 months' });
  await recent.getByRole('row').filter({ hasText: '2026-000001' }).filter({ hasText: 'Open' }).waitFor();
  await recent.getByRole('link', { name: '2026-000001', exact: true }).click();
  await page.getByRole('heading', { name: 'Invoice 2026-000001' }).waitFor();
  const lines = page.getByRole('table', { name: 'Invoice lines' });
  await lines.getByRole('row').filter({ hasText: 'Tiefgarage' }).filter({ hasText: euro(800) }).waitFor();
  await lines.getByRole('row').filter({ hasText: `VAT 20 % on ${euro(963)}` }).filter({ hasText: euro(192) }).waitFor();
  await lines.getByRole('row').filter({ hasText: 'Total' }).filter({ hasText: euro(1155) }).first().waitFor();
  await page.getByText('Prices include VAT.').waitFor();
  expect(await download(page, (await page.getByRole('link', { name: 'PDF 2026-000001' }).getAttribute('href'))!)).toEqual({ type: 'application/pdf', head: '%PDF-' });

  await page.getByRole('link', { name: 'All invoices' }).click();
  await page.getByRole('button', { name: 'Show older invoices' }).click();
  await page.getByRole('heading', { name: 'Older invoices' }).waitFor();
  await page.getByText('Nothing here yet').waitFor();
  await page.context().close();
});

it('staff see the open invoice with its customer, in German too', async () => {
  const page = await e2e.newPage('de');
  await logIn(page, 'manager@demo.test');
  await page.getByRole('link', { name: 'Rechnungen', exact: true }).click();
  const table = page.getByRole('table', { name: 'Rechnungen' });
  await table.getByRole('row').filter({ hasText: 'Anna Huber (HEIMBAU-10001)' }).filter({ hasText: 'Offen' }).waitFor();
  await table.getByRole('link', { name: '2026-000001', exact: true }).click();
  await page.getByRole('heading', { name: 'Rechnung 2026-000001' }).waitFor();
  await page.getByText('Die Preise enthalten die Mehrwertsteuer.').waitFor();
  await page.context().close();
});
