// The money loop of one quarter, reconciled to the cent against the ledger: prepaid washing, a
// badge fee and card top-ups; postpaid charging invoiced, paid by bank transfer and from the
// balance, one invoice reminded with a fee; then the quarter's settlement. Every sum the
// documents state must equal the ledger's movements of the quarter.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asPlatform, inTenant } from '../../db/scope.ts';
import { createTestContext, login, type Session, type TestContext } from '../../test/app.ts';
import { camt054 } from '../bankimport/fixtures/fixtures.ts';
import { checkReceivables } from '../invoices/invoices.invariants.ts';
import { addPostpaidCharger, addPostpaidSessions } from '../invoices/invoices.fixtures.ts';
import { runDunning } from '../invoices/invoices.reminders.ts';
import { runInvoices } from '../invoices/invoices.usecases.ts';
import { checkLedgerInvariants } from '../ledger/ledger.invariants.ts';
import { systemAccount } from '../ledger/ledger.usecases.ts';
import { addCardTopUp, addFee, addSite, addUsage } from './settlements.fixtures.ts';
import { runSettlement } from './settlements.usecases.ts';

let ctx: TestContext;
let staff: Session;
let heimbau: string;
const person: Record<string, string> = {};
const at = (iso: string) => new Date(iso);
// The quarter in Vienna.
const FROM = at('2025-09-30T22:00:00Z');
const TO = at('2025-12-31T23:00:00Z');

/** Runs `work` with the clock at `iso`, then back to now. */
async function on<T>(iso: string, work: () => Promise<T>): Promise<T> {
  ctx.clock.advance(Date.parse(iso) - ctx.clock.now().getTime());
  try {
    return await work();
  } finally {
    ctx.clock.advance(Date.now() - ctx.clock.now().getTime());
  }
}

beforeAll(async () => {
  ctx = await createTestContext();
  staff = await login(ctx.app, 'manager@demo.test');
  heimbau = (await staff.request('GET', '/api/tenant')).body.id;
  for (const row of await asPlatform(ctx.deps.db, (tx) => tx.selectFrom('people').select(['id', 'customer_number']).execute())) person[row.customer_number] = row.id;
  const anna = person['HEIMBAU-10001']!;
  const lukas = person['HEIMBAU-10002']!;
  const laundry = await addSite(ctx.deps.db, heimbau, 'Waschküche Nord', 1, at('2025-01-10T08:00:00Z'));
  const garage = await addPostpaidCharger(ctx.deps.db, heimbau, 'Garage Süd');
  // Prepaid: top-ups by card, washing, a badge fee.
  await addCardTopUp(ctx.deps.db, heimbau, anna, 5_000, at('2025-10-02T08:00:00Z'));
  await addCardTopUp(ctx.deps.db, heimbau, lukas, 2_000, at('2025-10-03T08:00:00Z'), 'terminal_card_clearing');
  await addUsage(ctx.deps.db, heimbau, laundry, anna, 1_200, at('2025-10-04T08:00:00Z'));
  await addUsage(ctx.deps.db, heimbau, laundry, lukas, 800, at('2025-11-14T08:00:00Z'));
  await addFee(ctx.deps.db, heimbau, anna, 800, at('2025-10-05T08:00:00Z'));
  // Postpaid charging in October, invoiced on 3 November.
  await addPostpaidSessions(ctx.deps.db, heimbau, garage, [
    { personId: anna, wh: 20_000, amountMinor: 1_000, stoppedAt: at('2025-10-10T12:00:00Z') },
    { personId: lukas, wh: 30_000, amountMinor: 1_500, stoppedAt: at('2025-10-11T12:00:00Z') },
    { personId: person['HEIMBAU-10003']!, wh: 5_000, amountMinor: 250, stoppedAt: at('2025-10-12T12:00:00Z') },
  ]);
  await on('2025-11-03T09:00:00Z', () => runInvoices(ctx.deps, heimbau, '2025-10'));
  const invoices = (await staff.request('GET', '/api/invoices')).body as { id: string; customerNumber: string; reference: string }[];
  const of = (customer: string) => invoices.find((i) => i.customerNumber === customer)!;
  // Lukas pays by bank transfer (17.00: 2.00 beyond, to his wallet), Anna from her balance; Marie not.
  await on('2025-11-20T09:00:00Z', async () => {
    const xml = camt054({ iban: 'AT611904300234573201', currency: 'EUR' }, 'RECON-1', [{ amount: '17.00', reference: of('HEIMBAU-10002').reference, debtor: 'Lukas Gruber', bankReference: 'RECON1' }]);
    const res = await ctx.app.inject({ method: 'POST', url: '/api/bank/statements', payload: xml, headers: { cookie: staff.cookie, 'x-csrf-token': staff.csrf, 'content-type': 'application/xml' } });
    expect(res.statusCode).toBe(201);
    const annaLogin = await login(ctx.app, 'resident@demo.test');
    expect((await annaLogin.request('POST', `/api/me/invoices/${of('HEIMBAU-10001').id}/pay`)).status).toBe(200);
  });
  // Marie's invoice is reminded on 10 December with a 3.00 fee.
  await staff.request('PUT', '/api/settings/reminders', { levels: [{ days: 1, feeMinor: 300 }] });
  await on('2025-12-10T09:00:00Z', () => runDunning(ctx.deps, heimbau, ctx.clock.now()));
}, 120_000);
afterAll(async () => { await ctx?.close(); });

/** The sum of a query's single column, as a number. */
const total = async (query: ReturnType<typeof sql<{ sum: string | null }>>) =>
  Number((await inTenant(ctx.deps.db, heimbau, (tx) => query.execute(tx))).rows[0]!.sum ?? 0);

/** Credits minus debits of a system account's transfers created in the quarter, outside settlements or not. */
const moved = async (kind: 'revenue' | 'bank_clearing', settlements: 'without' | 'only') => {
  const account = await inTenant(ctx.deps.db, heimbau, (tx) => systemAccount(tx, heimbau, kind));
  return total(sql<{ sum: string | null }>`
    SELECT sum(CASE WHEN credit_account_id = ${account} THEN amount ELSE -amount END)::text AS sum FROM ledger_transfers
    WHERE tenant_id = ${heimbau} AND kind IN ('posted', 'post_pending') AND (credit_account_id = ${account} OR debit_account_id = ${account})
      AND ${settlements === 'only' ? sql`reference_type = 'settlement'` : sql`reference_type <> 'settlement' AND created_at >= ${FROM} AND created_at < ${TO}`}`);
};

describe('a quarter of money, reconciled', () => {
  it('documents and ledger agree to the cent', async () => {
    const { settlement } = await runSettlement(ctx.deps, heimbau, '2025-Q4', 'test');

    // Revenue: prepaid usage + fees + invoices issued + reminder fees = the revenue account's movements = what the settlement counted.
    const usage = await total(sql<{ sum: string | null }>`SELECT sum(amount_minor)::text AS sum FROM usage_sessions WHERE tenant_id = ${heimbau} AND billing = 'prepaid' AND status = 'completed' AND stopped_at >= ${FROM} AND stopped_at < ${TO}`);
    const issued = await total(sql<{ sum: string | null }>`SELECT sum(CASE WHEN kind = 'invoice' THEN gross_minor ELSE -gross_minor END)::text AS sum FROM invoices WHERE tenant_id = ${heimbau} AND issued_at >= ${FROM} AND issued_at < ${TO}`);
    const reminderFees = await total(sql<{ sum: string | null }>`SELECT sum(fee_minor)::text AS sum FROM invoice_reminders WHERE tenant_id = ${heimbau} AND reminded_at >= ${FROM} AND reminded_at < ${TO}`);
    expect([usage, issued, reminderFees]).toEqual([2_000, 2_750, 300]);
    const revenue = usage + 800 + issued + reminderFees;
    expect(await moved('revenue', 'without')).toBe(revenue);
    expect(settlement.revenue_minor).toBe(revenue);

    // Payments: what invoices record as paid = what reached receivables from the bank and from wallets.
    const paid = await total(sql<{ sum: string | null }>`SELECT sum(amount_minor)::text AS sum FROM invoice_payments WHERE tenant_id = ${heimbau} AND paid_at >= ${FROM} AND paid_at < ${TO}`);
    const paidOnInvoices = await total(sql<{ sum: string | null }>`SELECT sum(paid_minor)::text AS sum FROM invoices WHERE tenant_id = ${heimbau} AND kind = 'invoice'`);
    const intoReceivables = await total(sql<{ sum: string | null }>`
      SELECT sum(t.amount)::text AS sum FROM ledger_transfers t JOIN ledger_accounts a ON a.tenant_id = t.tenant_id AND a.id = t.credit_account_id
      WHERE t.tenant_id = ${heimbau} AND a.kind = 'receivable' AND t.code = 'invoice_payment' AND t.created_at >= ${FROM} AND t.created_at < ${TO}`);
    expect(paid).toBe(1_000 + 1_500);
    expect([paidOnInvoices, intoReceivables]).toEqual([paid, paid]);
    // The bank statement: 17.00 in, 15.00 to the invoice, 2.00 to Lukas's wallet.
    expect(await moved('bank_clearing', 'without')).toBe(-1_700);

    // The settlement: revenue = fees + payout − carried (nothing was carried in), and the ledger moved exactly that.
    expect(settlement.carried_in_minor).toBe(0);
    expect(settlement.fees_minor + settlement.payout_minor + settlement.carried_out_minor).toBe(revenue);
    expect(await moved('revenue', 'only')).toBe(-(settlement.fees_minor + settlement.payout_minor));
    const lines = await inTenant(ctx.deps.db, heimbau, (tx) => tx.selectFrom('settlement_lines').select(['site_name', 'revenue_minor', 'fees_minor', 'payout_minor']).where('settlement_id', '=', settlement.id).orderBy('line_no').execute());
    expect(lines.reduce((sum, l) => sum + Number(l.revenue_minor), 0)).toBe(revenue);
    expect(lines.reduce((sum, l) => sum + Number(l.fees_minor), 0)).toBe(settlement.fees_minor);
    expect(lines.reduce((sum, l) => sum + Number(l.payout_minor), 0)).toBe(settlement.payout_minor);
    expect(lines.map((l) => [l.site_name, Number(l.revenue_minor)])).toEqual([[null, 800 + reminderFees], ['Garage Süd', 2_750], ['Waschküche Nord', 2_000]]);

    expect(await inTenant(ctx.deps.db, heimbau, (tx) => checkLedgerInvariants(tx))).toEqual([]);
    expect(await inTenant(ctx.deps.db, heimbau, (tx) => checkReceivables(tx, heimbau))).toEqual([]);
  });
});
