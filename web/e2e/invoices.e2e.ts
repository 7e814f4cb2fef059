// Invoices end to end: a resident finds her unpaid invoice for last month's charging, opens it with
// its lines and VAT and downloads its PDF; she pays an older one from her balance; staff import the
// bank's notification of her transfer for the other, and she sees it paid, with both payments listed.
// Then the manager corrects one invoice with a credit note, and she finds it among her invoices.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { asPlatform } from '../../server/src/db/scope.ts';
import { camt054 } from '../../server/src/modules/bankimport/fixtures/fixtures.ts';
import { addPostpaidCharger, addPostpaidSessions } from '../../server/src/modules/invoices/invoices.fixtures.ts';
import { runInvoices } from '../../server/src/modules/invoices/invoices.usecases.ts';
import { logIn, startE2E, type E2E } from './harness.ts';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
  const { db } = e2e.running.deps;
  const anna = await asPlatform(db, (tx) => tx.selectFrom('people').select(['tenant_id', 'id']).where('customer_number', '=', 'HEIMBAU-10001').executeTakeFirstOrThrow());
  const charger = await addPostpaidCharger(db, anna.tenant_id, 'Tiefgarage');
  // September: invoice 2026-000001 (2.50); October: invoice 2026-000002 (11.55).
  await addPostpaidSessions(db, anna.tenant_id, charger, [{ personId: anna.id, wh: 7_143, amountMinor: 250, stoppedAt: new Date('2026-09-21T12:00:00Z') }]);
  await runInvoices(e2e.running.deps, anna.tenant_id, '2026-09');
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
const api = <T,>(page: Page, path: string) => page.evaluate(async (p) => (await fetch(p)).json(), path) as Promise<T>;

it('a resident opens her unpaid invoice, sees its lines and VAT, and downloads the PDF', async () => {
  const page = await e2e.newPage('en');
  await logIn(page, 'resident@demo.test');
  await page.getByRole('link', { name: 'Invoices', exact: true }).click();
  const unpaid = page.getByRole('region', { name: 'Unpaid invoice 2026-000002' });
  await unpaid.waitFor();
  expect(await unpaid.textContent()).toContain(euro(1155));
  const pdf = await unpaid.getByRole('link', { name: 'Pay by bank transfer (PDF with QR code)' }).getAttribute('href');
  expect(await download(page, pdf!)).toEqual({ type: 'application/pdf', head: '%PDF-' });

  const recent = page.getByRole('table', { name: 'Invoices of the last 12 months' });
  await recent.getByRole('row').filter({ hasText: '2026-000002' }).filter({ hasText: 'Open' }).waitFor();
  await recent.getByRole('link', { name: '2026-000002', exact: true }).click();
  await page.getByRole('heading', { name: 'Invoice 2026-000002' }).waitFor();
  const lines = page.getByRole('table', { name: 'Invoice lines' });
  await lines.getByRole('row').filter({ hasText: 'Tiefgarage' }).filter({ hasText: euro(800) }).waitFor();
  await lines.getByRole('row').filter({ hasText: `VAT 20 % on ${euro(963)}` }).filter({ hasText: euro(192) }).waitFor();
  await lines.getByRole('row').filter({ hasText: 'Total' }).filter({ hasText: euro(1155) }).first().waitFor();
  await page.getByText('Prices include VAT.').waitFor();
  expect(await download(page, (await page.getByRole('link', { name: 'PDF 2026-000002' }).getAttribute('href'))!)).toEqual({ type: 'application/pdf', head: '%PDF-' });

  await page.getByRole('link', { name: 'All invoices' }).click();
  await page.getByRole('button', { name: 'Show older invoices' }).click();
  await page.getByRole('heading', { name: 'Older invoices' }).waitFor();
  await page.getByRole('heading', { name: 'Older invoices' }).locator('xpath=..').getByText('Nothing here yet').waitFor();
  await page.getByText('No payments in the last 6 months.').waitFor();
  await page.context().close();
});

it('a resident pays an invoice from her balance after confirming, and her balance drops by it', async () => {
  const page = await e2e.newPage('en');
  await logIn(page, 'resident@demo.test');
  await page.getByRole('link', { name: 'Invoices', exact: true }).click();
  const before = (await api<{ available: number }>(page, '/api/wallet')).available;
  const unpaid = page.getByRole('region', { name: 'Unpaid invoice 2026-000001' });
  await unpaid.getByRole('button', { name: 'Pay from balance' }).click();
  const dialog = page.getByRole('dialog', { name: 'Pay this invoice from your balance?' });
  expect(await dialog.textContent()).toContain(euro(before - 250));
  await dialog.getByRole('button', { name: `Pay ${euro(250)}` }).click();
  await page.getByText('Invoice 2026-000001 paid.').waitFor();
  await expect.poll(() => unpaid.count()).toBe(0);
  await page.getByRole('table', { name: 'Invoices of the last 12 months' }).getByRole('row').filter({ hasText: '2026-000001' }).filter({ hasText: 'Paid' }).waitFor();
  expect((await api<{ available: number }>(page, '/api/wallet')).available).toBe(before - 250);
  await page.context().close();
});

it('staff import the bank\'s notice of her transfer; she then sees the invoice paid and nothing left to pay', async () => {
  const resident = await e2e.newPage('en');
  await logIn(resident, 'resident@demo.test');
  await resident.getByRole('link', { name: 'Invoices', exact: true }).click();
  await resident.getByRole('region', { name: 'Unpaid invoice 2026-000002' }).waitFor();
  const invoice = (await api<{ number: string; reference: string }[]>(resident, '/api/me/invoices')).find((i) => i.number === '2026-000002')!;

  const staff = await e2e.newPage('de');
  await logIn(staff, 'manager@demo.test');
  await staff.getByRole('link', { name: 'Rechnungen', exact: true }).click();
  await staff.getByRole('table', { name: 'Rechnungen' }).getByRole('row').filter({ hasText: 'Anna Huber (HEIMBAU-10001)' }).filter({ hasText: 'Offen' }).waitFor();
  await staff.getByRole('link', { name: 'Bankimport', exact: true }).click();
  const xml = camt054({ iban: 'AT611904300234573201', currency: 'EUR' }, 'E2E-INVOICE-1', [{ amount: '11.55', reference: invoice.reference, debtor: 'Anna Huber', bankReference: 'E2EINV1' }]);
  await staff.locator('input[type=file]').setInputFiles({ name: 'camt054-invoice.xml', mimeType: 'application/xml', buffer: Buffer.from(xml) });
  await staff.getByRole('button', { name: 'Importieren', exact: true }).click();
  const austrianEuro = new Intl.NumberFormat('de-AT', { style: 'currency', currency: 'EUR' }).format(11.55);
  await staff.getByText(`Rechnung 2026-000002: bezahlt (${austrianEuro}).`).waitFor();
  await staff.context().close();

  await resident.reload();
  await resident.getByText('Nothing to pay: all your invoices are paid.').waitFor();
  await resident.getByRole('table', { name: 'Invoices of the last 12 months' }).getByRole('row').filter({ hasText: '2026-000002' }).filter({ hasText: 'Paid' }).waitFor();
  const payments = resident.getByRole('table', { name: 'Payments of the last 6 months' });
  await payments.getByRole('row').filter({ hasText: '2026-000002' }).filter({ hasText: 'Bank transfer' }).filter({ hasText: euro(1155) }).waitFor();
  await payments.getByRole('row').filter({ hasText: '2026-000001' }).filter({ hasText: 'Balance' }).filter({ hasText: euro(250) }).waitFor();
  await resident.context().close();
});

it('the manager corrects a paid invoice with a credit note, after giving a reason; the resident gets her money back on her balance', async () => {
  const resident = await e2e.newPage('en');
  await logIn(resident, 'resident@demo.test');
  await resident.getByRole('link', { name: 'Invoices', exact: true }).waitFor();
  const before = (await api<{ available: number }>(resident, '/api/wallet')).available;
  expect(before).toEqual(expect.any(Number));

  const staff = await e2e.newPage('de');
  await logIn(staff, 'manager@demo.test');
  await staff.getByRole('link', { name: 'Rechnungen', exact: true }).click();
  await staff.getByRole('radiogroup', { name: 'Anzeigen' }).getByText('Bezahlt', { exact: true }).click();
  await staff.getByRole('table', { name: 'Rechnungen' }).getByRole('link', { name: '2026-000001', exact: true }).click();
  await staff.getByRole('heading', { name: 'Rechnung 2026-000001' }).waitFor();
  await staff.getByRole('button', { name: 'Gutschrift ausstellen' }).click();
  const dialog = staff.getByRole('dialog', { name: 'Rechnung 2026-000001 mit einer Gutschrift korrigieren?' });
  const confirm = dialog.getByRole('button', { name: 'Gutschrift ausstellen' });
  expect(await confirm.isDisabled()).toBe(true);
  await dialog.getByLabel('Grund (steht auf der Gutschrift)').fill('Ladevorgang doppelt erfasst');
  await confirm.click();
  await staff.getByRole('heading', { name: 'Gutschrift 2026-000003' }).waitFor();
  await staff.getByText('Korrigiert Rechnung 2026-000001. Grund: Ladevorgang doppelt erfasst').waitFor();
  await staff.getByRole('link', { name: 'Rechnung 2026-000001' }).click();
  await staff.getByText('Korrigiert durch Gutschrift 2026-000003.').waitFor();
  expect(await staff.getByRole('button', { name: 'Gutschrift ausstellen' }).count()).toBe(0);
  await staff.context().close();

  await resident.getByRole('link', { name: 'Invoices', exact: true }).click();
  const recent = resident.getByRole('table', { name: 'Invoices of the last 12 months' });
  await recent.getByRole('row').filter({ hasText: '2026-000003' }).filter({ hasText: 'Credit note' }).waitFor();
  await recent.getByRole('row').filter({ hasText: '2026-000001' }).filter({ hasText: 'Credited' }).waitFor();
  expect((await api<{ available: number }>(resident, '/api/wallet')).available).toBe(before + 250);
  await resident.context().close();
});
