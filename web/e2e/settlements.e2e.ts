// Settlements end to end: Heimbau's manager opens the settlement of the third quarter of 2025,
// sees the revenue per site and downloads its statement and payout file, and gives a site its
// own payout account; the operator settles the next quarter from the contracts page and finds it
// among all managers' settlements with the platform's revenue.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { asPlatform } from '../../server/src/db/scope.ts';
import { addCardTopUp, addSite, addUsage } from '../../server/src/modules/settlements/settlements.fixtures.ts';
import { runSettlement } from '../../server/src/modules/settlements/settlements.usecases.ts';
import { logIn, startE2E, type E2E } from './harness.ts';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
  const { db } = e2e.running.deps;
  const { tenant, anna } = await asPlatform(db, async (tx) => ({
    tenant: (await tx.selectFrom('tenants').select('id').where('short_code', '=', 'heimbau').executeTakeFirstOrThrow()).id,
    anna: (await tx.selectFrom('people').select('id').where('customer_number', '=', 'HEIMBAU-10001').executeTakeFirstOrThrow()).id,
  }));
  const site = await addSite(db, tenant, 'Wohnanlage Ost', 2, new Date('2025-02-01T10:00:00Z'));
  await addCardTopUp(db, tenant, anna, 30_000, new Date('2025-07-01T10:00:00Z'));
  await addUsage(db, tenant, site, anna, 25_000, new Date('2025-08-01T10:00:00Z'));
  await runSettlement(e2e.running.deps, tenant, '2025-Q3', 'e2e');
});
afterAll(async () => { await e2e?.close(); });

const euro = (locale: string, minor: number) => new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' }).format(minor / 100);
const download = (page: Page, href: string) => page.evaluate(async (url) => {
  const response = await fetch(url);
  return { type: response.headers.get('content-type'), disposition: response.headers.get('content-disposition'), head: (await response.text()).slice(0, 200) };
}, href);

it('a manager opens a settlement, sees the revenue per site, and downloads its statement and payout file', async () => {
  const page = await e2e.newPage('de');
  await logIn(page, 'manager@demo.test');
  await page.getByRole('link', { name: 'Abrechnungen', exact: true }).click();
  await page.getByText(`Portalgebühr: ${euro('de-AT', 12_000)} pro Terminal und Jahr`).waitFor();
  const list = page.getByRole('table', { name: 'Bisherige Abrechnungen' });
  // 250.00 washed at Ost; fees: 2 terminals × 33.75, a quarter of the data option (12.50), card fees 1.4 % of 300.00 + 0.25 (4.45).
  const row = list.getByRole('row').filter({ hasText: '2025-Q3' });
  await row.filter({ hasText: euro('de-AT', 25_000) }).filter({ hasText: euro('de-AT', 8_445) }).filter({ hasText: euro('de-AT', 16_555) }).waitFor();
  await row.getByRole('link', { name: '2025-Q3', exact: true }).click();

  await page.getByRole('heading', { name: 'Abrechnung 2025-Q3' }).waitFor();
  await page.getByText('Vom 01.07.2025 bis 30.09.2025').waitFor();
  const sites = page.getByRole('table', { name: 'Umsatz pro Objekt' });
  await sites.getByRole('row').filter({ hasText: 'Wohnanlage Ost' }).filter({ hasText: euro('de-AT', 6_750) }).waitFor();
  await page.getByLabel('Wohnanlage Ost: Gebühren sind 27 % des Umsatzes').waitFor();
  await page.getByText(`${euro('de-AT', 16_555)} an Heimbau Hausverwaltung GmbH, AT61 •••• 3201`).waitFor();
  const statement = await download(page, (await page.getByRole('link', { name: 'Abrechnung 2025-Q3 (PDF)' }).getAttribute('href'))!);
  expect(statement.type).toBe('application/pdf');
  expect(statement.head.startsWith('%PDF-')).toBe(true);
  const file = await download(page, (await page.getByRole('link', { name: 'Auszahlungsdatei 2025-Q3 (pain.001)' }).getAttribute('href'))!);
  expect(file.disposition).toContain('pain001-heimbau-settlement-2025-Q3.xml');
  expect(file.head).toContain('pain.001.001.09');
  await page.context().close();
});

it('a manager gives a site its own payout account', async () => {
  const page = await e2e.newPage('en');
  await logIn(page, 'manager@demo.test');
  await page.getByRole('link', { name: 'Settlements', exact: true }).click();
  const accounts = page.getByRole('table', { name: 'Payout accounts per site' });
  await accounts.getByRole('button', { name: 'Set the payout account of Wohnanlage Ost' }).click();
  const dialog = page.getByRole('dialog', { name: 'Payout account of Wohnanlage Ost' });
  await dialog.getByLabel('Account holder').fill('WEG Ost');
  await dialog.getByLabel('IBAN').fill('DE89 3704 0044 0532 0130 01');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.getByText('This is not a valid IBAN.').waitFor();
  await dialog.getByLabel('IBAN').fill('DE89 3704 0044 0532 0130 00');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await accounts.getByRole('row').filter({ hasText: 'Wohnanlage Ost' }).filter({ hasText: 'WEG Ost, DE89 •••• 3000' }).waitFor();
  await page.context().close();
});

it('the operator settles the next quarter from the contracts page and sees it among all settlements', async () => {
  const page = await e2e.newPage('en');
  await logIn(page, 'operator@demo.test');
  await page.getByRole('link', { name: 'Contracts', exact: true }).click();
  const contracts = page.getByRole('table', { name: 'Contracts' });
  await contracts.getByRole('row').filter({ hasText: 'Heimbau' }).filter({ hasText: 'Quarterly' }).waitFor();
  await contracts.getByRole('button', { name: 'Settle a period for Heimbau' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settle a period for Heimbau' });
  await dialog.getByLabel('Period').fill('2025-Q4');
  await dialog.getByRole('button', { name: 'Settle 2025-Q4' }).click();
  // Nothing was earned in the quarter: the fees are carried, nothing is paid.
  await page.getByText(`2025-Q4 settled: ${euro('en-GB', 0)} paid out, ${euro('en-GB', 6_750 + 1_250)} of fees.`).waitFor();
  await contracts.getByRole('button', { name: 'Settle a period for Heimbau' }).click();
  await dialog.getByLabel('Period').fill('2025-Q2');
  await dialog.getByRole('button', { name: 'Settle 2025-Q2' }).click();
  await dialog.getByText('A later settlement already covers this period.').waitFor();
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('link', { name: 'Settlements', exact: true }).click();
  await page.getByText('Platform revenue (EUR)').waitFor();
  const all = page.getByRole('table', { name: 'All settlements' });
  await all.getByRole('row').filter({ hasText: 'Heimbau' }).filter({ hasText: '2025-Q4' }).waitFor();
  await all.getByRole('row').filter({ hasText: 'Heimbau' }).filter({ hasText: '2025-Q3' }).waitFor();
  await page.getByRole('table', { name: 'Per property manager' }).getByRole('row').filter({ hasText: 'Heimbau' }).filter({ hasText: euro('en-GB', 8_445 + 8_000) }).waitFor();
  await page.context().close();
});
