// Reminders end to end: Anna's invoice stays unpaid past its due date; the daily run sends her the
// 1st reminder, then the 2nd with its fee. She sees the reminder on her unpaid invoice with the fee
// in what is due, and the manager's office sees the level in the invoice list.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { asPlatform } from '../../server/src/db/scope.ts';
import { addPostpaidCharger, addPostpaidSessions } from '../../server/src/modules/invoices/invoices.fixtures.ts';
import { runDunning } from '../../server/src/modules/invoices/invoices.reminders.ts';
import { runInvoices } from '../../server/src/modules/invoices/invoices.usecases.ts';
import { logIn, startE2E, type E2E } from './harness.ts';

let e2e: E2E;
let number: string;
beforeAll(async () => {
  e2e = await startE2E();
  const { db } = e2e.running.deps;
  const anna = await asPlatform(db, (tx) => tx.selectFrom('people').select(['tenant_id', 'id']).where('customer_number', '=', 'HEIMBAU-10001').executeTakeFirstOrThrow());
  const charger = await addPostpaidCharger(db, anna.tenant_id, 'Tiefgarage');
  await addPostpaidSessions(db, anna.tenant_id, charger, [{ personId: anna.id, wh: 20_000, amountMinor: 800, stoppedAt: new Date('2026-10-03T12:00:00Z') }]);
  await runInvoices(e2e.running.deps, anna.tenant_id, '2026-10');
  const invoice = await asPlatform(db, (tx) => tx.selectFrom('invoices').select(['number', 'due_on']).where('person_id', '=', anna.id).executeTakeFirstOrThrow());
  number = invoice.number;
  const after = (days: number) => new Date(new Date(invoice.due_on).getTime() + days * 86_400_000 + 9 * 3_600_000);
  await runDunning(e2e.running.deps, anna.tenant_id, after(14));
  await runDunning(e2e.running.deps, anna.tenant_id, after(28));
});
afterAll(async () => { await e2e?.close(); });

const euro = (minor: number) => new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' }).format(minor / 100);

it('a resident sees the reminder on her unpaid invoice, with the fee in what is due', async () => {
  const page = await e2e.newPage('en');
  await logIn(page, 'resident@demo.test');
  await page.getByRole('link', { name: 'Invoices', exact: true }).click();
  const unpaid = page.getByRole('region', { name: `Unpaid invoice ${number}` });
  await unpaid.getByText('2nd reminder').waitFor();
  const text = await unpaid.textContent();
  expect(text).toContain(euro(800 + 500));
  expect(text).toContain(`Includes reminder fees of ${euro(500)}.`);
  await page.getByRole('table', { name: 'Invoices of the last 12 months' }).getByRole('row').filter({ hasText: number }).filter({ hasText: '2nd reminder' }).waitFor();
  await page.context().close();
});

it('the manager\'s office sees the reminder level in the invoice list', async () => {
  const staff = await e2e.newPage('de');
  await logIn(staff, 'manager@demo.test');
  await staff.getByRole('link', { name: 'Rechnungen', exact: true }).click();
  await staff.getByRole('table', { name: 'Rechnungen' }).getByRole('row').filter({ hasText: number }).filter({ hasText: '2. Mahnung' }).waitFor();
  await staff.context().close();
});

it('the manager sets the reminder levels: a level earlier than the one before is refused, and none at all is allowed', async () => {
  const page = await e2e.newPage('en');
  await logIn(page, 'manager@demo.test');
  await page.getByRole('link', { name: 'Bank account', exact: true }).click();
  const levels = page.getByRole('table', { name: 'Payment reminders' });
  await expect.poll(async () => levels.getByLabel('Days after the due date for reminder 3').inputValue()).toBe('42');
  await levels.getByLabel('Days after the due date for reminder 2').fill('10');
  await page.getByRole('button', { name: 'Save' }).last().click();
  await page.getByText('Each reminder must come later than the one before it.').waitFor();
  await levels.getByLabel('Days after the due date for reminder 2').fill('21');
  await levels.getByLabel('Fee of reminder 2').fill('7.50');
  await levels.getByRole('button', { name: 'Remove reminder 3' }).click();
  await page.getByRole('button', { name: 'Save' }).last().click();
  await page.getByText('Saved').waitFor();
  expect(await page.evaluate(async () => (await fetch('/api/settings/reminders')).json())).toEqual({ levels: [{ days: 14, feeMinor: 0 }, { days: 21, feeMinor: 750 }] });
  await page.context().close();
});
