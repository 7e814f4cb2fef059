// Invoices settled by bank transfer (the camt import recognises an invoice's reference) and from
// the wallet; what comes beyond what is due goes to the payer's wallet. Reconciled to the cent.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asPlatform, inTenant } from '../../db/scope.ts';
import { createTestContext, login, type Session, type TestContext } from '../../test/app.ts';
import { pdfPages, pdfQrCode } from '../../test/pdf.ts';
import { camt054 } from '../bankimport/fixtures/fixtures.ts';
import { checkLedgerInvariants } from '../ledger/ledger.invariants.ts';
import { getAccount, receivableOf, systemAccount, walletOf } from '../ledger/ledger.usecases.ts';
import { addPostpaidCharger, addPostpaidSessions } from './invoices.fixtures.ts';
import { runInvoices } from './invoices.usecases.ts';

let ctx: TestContext;
let staff: Session;
let heimbauId: string;
const person: Record<string, string> = {};
const invoice: Record<string, { id: string; number: string; reference: string; grossMinor: number }> = {};
const ACCOUNT = { iban: 'AT611904300234573201', currency: 'EUR' };

beforeAll(async () => {
  ctx = await createTestContext();
  staff = await login(ctx.app, 'staff@demo.test');
  heimbauId = (await staff.request('GET', '/api/tenant')).body.id;
  for (const row of await asPlatform(ctx.deps.db, (tx) => tx.selectFrom('people').select(['id', 'customer_number']).execute())) person[row.customer_number] = row.id;
  const charger = await addPostpaidCharger(ctx.deps.db, heimbauId);
  const customers = ['HEIMBAU-10001', 'HEIMBAU-10002', 'HEIMBAU-10003', 'HEIMBAU-10004', 'HEIMBAU-10005'];
  await addPostpaidSessions(ctx.deps.db, heimbauId, charger, customers.map((c, i) => ({ personId: person[c]!, wh: 10_000, amountMinor: 1_000 + i * 100, stoppedAt: new Date('2026-10-10T10:00:00Z') })));
  await runInvoices(ctx.deps, heimbauId, '2026-10');
  for (const i of (await staff.request('GET', '/api/invoices')).body) invoice[i.customerNumber] = i;
});
afterAll(async () => { await ctx?.close(); });

async function upload(xml: string) {
  const res = await ctx.app.inject({ method: 'POST', url: '/api/bank/statements', payload: xml,
    headers: { cookie: staff.cookie, 'x-csrf-token': staff.csrf, 'content-type': 'application/xml' } });
  return { status: res.statusCode, body: res.json() };
}

/** Owed on invoices, wallet balance, and the tenant's bank clearing account. */
const books = (customer: string) => inTenant(ctx.deps.db, heimbauId, async (tx) => ({
  owed: 0 - (await receivableOf(tx, heimbauId, person[customer]!)).posted,
  wallet: (await walletOf(tx, heimbauId, person[customer]!)).posted,
  clearing: (await getAccount(tx, heimbauId, await systemAccount(tx, heimbauId, 'bank_clearing'))).posted,
}));
const status = async (customer: string) => (await staff.request('GET', `/api/invoices/${invoice[customer]!.id}`)).body;

describe('paying an invoice by bank transfer', () => {
  it('settles invoices quoting their reference: in full, partly, and beyond what is due (the excess to the wallet)', async () => {
    const before = await Promise.all(['HEIMBAU-10001', 'HEIMBAU-10002', 'HEIMBAU-10003'].map(books));
    expect(before.map((b) => b.owed)).toEqual([1000, 1100, 1200]);
    const xml = camt054(ACCOUNT, 'INV-PAY-1', [
      { amount: '10.00', reference: invoice['HEIMBAU-10001']!.reference, debtor: 'Anna Huber', bankReference: 'INV1' },
      { amount: '4.00', reference: invoice['HEIMBAU-10002']!.reference, debtor: 'Lukas Gruber', bankReference: 'INV2' },
      // Printed in groups, as a payer types it from the PDF.
      { amount: '15.00', reference: invoice['HEIMBAU-10003']!.reference.replace(/(.{4})/g, '$1 '), debtor: 'Marie Wagner', bankReference: 'INV3' },
    ]);
    const { status: code, body } = await upload(xml);
    expect(code).toBe(201);
    expect(body).toMatchObject({ newEntries: 3, matched: 3, toReview: 0, credited: { EUR: 300 } });
    expect(body.invoices).toEqual([
      { invoiceId: invoice['HEIMBAU-10001']!.id, number: invoice['HEIMBAU-10001']!.number, outcome: 'paid', currency: 'EUR', receivedMinor: 1000, dueMinor: 0, toWalletMinor: 0 },
      { invoiceId: invoice['HEIMBAU-10002']!.id, number: invoice['HEIMBAU-10002']!.number, outcome: 'partly_paid', currency: 'EUR', receivedMinor: 400, dueMinor: 700, toWalletMinor: 0 },
      { invoiceId: invoice['HEIMBAU-10003']!.id, number: invoice['HEIMBAU-10003']!.number, outcome: 'paid', currency: 'EUR', receivedMinor: 1500, dueMinor: 0, toWalletMinor: 300 },
    ]);
    expect(await status('HEIMBAU-10001')).toMatchObject({ status: 'paid', paidMinor: 1000, amountDueMinor: 0 });
    expect(await status('HEIMBAU-10002')).toMatchObject({ status: 'open', paidMinor: 400, amountDueMinor: 700 });
    expect(await status('HEIMBAU-10003')).toMatchObject({ status: 'paid', paidMinor: 1200, amountDueMinor: 0 });
    const after = await Promise.all(['HEIMBAU-10001', 'HEIMBAU-10002', 'HEIMBAU-10003'].map(books));
    expect(after.map((b) => b.owed)).toEqual([0, 700, 0]);
    expect(after.map((b, i) => b.wallet - before[i]!.wallet)).toEqual([0, 0, 300]);
    // Every cent received left the clearing account: to receivables or to the wallet.
    expect(after[0]!.clearing - before[0]!.clearing).toBe(-(1000 + 400 + 1500));

    // The same file again, and the same entries in another file, change nothing.
    expect((await upload(xml)).body.alreadyImported).toBe(true);
    const again = await upload(xml.replace('INV-PAY-1', 'INV-PAY-1B'));
    expect(again.body).toMatchObject({ newEntries: 0, duplicatesSkipped: 3, invoices: [] });
    expect((await Promise.all(['HEIMBAU-10001', 'HEIMBAU-10002', 'HEIMBAU-10003'].map(books)))).toEqual(after);
  });

  it('credits the wallet with money for an invoice that has nothing left to pay', async () => {
    const before = await books('HEIMBAU-10001');
    const { body } = await upload(camt054(ACCOUNT, 'INV-PAY-2', [{ amount: '10.00', reference: invoice['HEIMBAU-10001']!.reference, debtor: 'Anna Huber', bankReference: 'INV4' }]));
    expect(body.invoices).toEqual([expect.objectContaining({ outcome: 'not_open', toWalletMinor: 1000, dueMinor: 0 })]);
    expect((await books('HEIMBAU-10001')).wallet).toBe(before.wallet + 1000);
    expect(await inTenant(ctx.deps.db, heimbauId, (tx) => checkLedgerInvariants(tx))).toEqual([]);
  });
});

describe('paying an invoice from the wallet', () => {
  it('lets a resident pay what is due from her balance, once, and refuses when the balance is too low', async () => {
    const anna = await login(ctx.app, 'resident@demo.test');
    // Anna's October invoice is paid; Lukas's is not hers; staff have no wallet to pay from.
    expect((await anna.request('POST', `/api/me/invoices/${invoice['HEIMBAU-10001']!.id}/pay`)).body.error.code).toBe('invoices.not_open');
    expect((await anna.request('POST', `/api/me/invoices/${invoice['HEIMBAU-10002']!.id}/pay`)).status).toBe(404);
    expect((await staff.request('POST', `/api/me/invoices/${invoice['HEIMBAU-10002']!.id}/pay`)).status).toBe(403);

    // A November invoice for more than her balance: refused, nothing moves.
    const available = (await anna.request('GET', '/api/wallet')).body.available as number;
    const charger = await addPostpaidCharger(ctx.deps.db, heimbauId, 'Garage Süd');
    await addPostpaidSessions(ctx.deps.db, heimbauId, charger, [{ personId: person['HEIMBAU-10001']!, wh: 50_000, amountMinor: available + 1_000, stoppedAt: new Date('2026-11-10T10:00:00Z') }]);
    await runInvoices(ctx.deps, heimbauId, '2026-11');
    const [november] = (await anna.request('GET', '/api/me/invoices')).body.filter((i: { status: string }) => i.status === 'open');
    expect(november.grossMinor).toBe(available + 1_000);
    const poor = await anna.request('POST', `/api/me/invoices/${november.id}/pay`);
    expect(poor.status).toBe(409);
    expect(poor.body.error.code).toBe('invoices.insufficient_funds');

    // Topped up, she pays — clicked twice at once, it is paid once.
    await staff.request('POST', `/api/wallets/${person['HEIMBAU-10001']}/adjustments`, { id: randomUUID(), amountMinor: 1_500, reason: 'Bareinzahlung' });
    const before = await books('HEIMBAU-10001');
    const [first, second] = await Promise.all([0, 1].map(() => anna.request('POST', `/api/me/invoices/${november.id}/pay`)));
    expect([first!.status, second!.status].sort()).toEqual([200, 409]);
    const after = await books('HEIMBAU-10001');
    expect(after.wallet).toBe(before.wallet - november.grossMinor);
    expect(after.owed).toBe(0);
    expect((await anna.request('GET', `/api/invoices/${november.id}`)).body).toMatchObject({ status: 'paid', amountDueMinor: 0 });
    const statement = (await anna.request('GET', '/api/wallet/statement')).body;
    expect(JSON.stringify(statement)).toContain(november.number);
    // Her payments of the last 6 months: the one from her balance, then the bank transfer.
    const payments = (await anna.request('GET', '/api/me/payments')).body;
    expect(payments.map((p: { invoiceNumber: string; via: string; amountMinor: number }) => [p.invoiceNumber, p.via, p.amountMinor])).toEqual([
      [november.number, 'balance', november.grossMinor],
      [invoice['HEIMBAU-10001']!.number, 'bank_transfer', 1000],
    ]);
    expect(await inTenant(ctx.deps.db, heimbauId, (tx) => checkLedgerInvariants(tx))).toEqual([]);
  });
});

describe('correcting an invoice', () => {
  it('issues a credit note for all of it: the next number, the amount off the revenue, and what was paid back to the wallet', async () => {
    const manager = await login(ctx.app, 'manager@demo.test');
    const lukas = invoice['HEIMBAU-10002']!;
    const before = await books('HEIMBAU-10002');
    expect(before.owed).toBe(700); // 1,100 invoiced, 400 paid by bank
    const revenue = () => inTenant(ctx.deps.db, heimbauId, async (tx) => (await getAccount(tx, heimbauId, await systemAccount(tx, heimbauId, 'revenue'))).posted);
    const revenueBefore = await revenue();

    // Only the manager's administrators correct invoices; a reason is required.
    expect((await staff.request('POST', `/api/invoices/${lukas.id}/credit-note`, { reason: 'Zähler defekt' })).status).toBe(403);
    expect((await manager.request('POST', `/api/invoices/${lukas.id}/credit-note`, { reason: '' })).body.error.code).toBe('request.invalid_body');

    const res = await manager.request('POST', `/api/invoices/${lukas.id}/credit-note`, { reason: 'Zähler defekt' });
    expect(res.status).toBe(201);
    const all = (await staff.request('GET', '/api/invoices')).body as { number: string }[];
    const highest = all.map((i) => i.number).sort().at(-1);
    expect(res.body).toMatchObject({ kind: 'credit_note', correctsId: lukas.id, reason: 'Zähler defekt', grossMinor: 1100, amountDueMinor: 0, number: highest });
    expect(await status('HEIMBAU-10002')).toMatchObject({ status: 'credited', amountDueMinor: 0 });
    expect((await manager.request('GET', `/api/invoices/${lukas.id}`)).body).toMatchObject({ creditNote: { id: res.body.id, number: res.body.number }, corrects: null });
    expect((await manager.request('GET', `/api/invoices/${res.body.id}`)).body).toMatchObject({ corrects: { id: lukas.id, number: lukas.number }, creditNote: null });
    const after = await books('HEIMBAU-10002');
    expect(after.owed).toBe(0);
    expect(after.wallet - before.wallet).toBe(400);
    expect(await revenue()).toBe(revenueBefore - 1100);

    // Once only; its PDF says what it is and asks for no payment.
    expect((await manager.request('POST', `/api/invoices/${lukas.id}/credit-note`, { reason: 'noch einmal' })).body.error.code).toBe('invoices.already_credited');
    const pdf = (await ctx.app.inject({ method: 'GET', url: `/api/invoices/${res.body.id}/pdf`, headers: { cookie: manager.cookie } })).rawPayload;
    const [page] = await pdfPages(pdf);
    expect(page).toContain(`Gutschrift ${res.body.number}`);
    expect(page).toContain('Grund: Zähler defekt');
    expect(await pdfQrCode(pdf)).toBeNull();
    expect(await inTenant(ctx.deps.db, heimbauId, (tx) => checkLedgerInvariants(tx))).toEqual([]);
  });
});
