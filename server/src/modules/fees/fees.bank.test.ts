// Fees paid by bank transfer: the camt import recognises a fee's reference, pays the fee from the
// bank clearing account and credits whatever the fee does not take to the payer's wallet.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asPlatform, inTenant } from '../../db/scope.ts';
import { createTestContext, login, type Session, type TestContext } from '../../test/app.ts';
import { fixture } from '../bankimport/fixtures/fixtures.ts';
import { checkLedgerInvariants } from '../ledger/ledger.invariants.ts';
import { getAccount, systemAccount, walletOf } from '../ledger/ledger.usecases.ts';
import { payFeeFromWallet } from './fees.usecases.ts';

let ctx: TestContext;
let staff: Session;
let regie: Session;
const tenants: Record<string, string> = {};
const people: Record<string, string> = {};
const fees: Record<string, { id: string; reference: string; number: number }> = {};

const BADGE = [{ description: 'Badge', amountMinor: 650 }, { description: 'Shipping', amountMinor: 150 }];

beforeAll(async () => {
  ctx = await createTestContext();
  [staff, regie] = await Promise.all([login(ctx.app, 'staff@demo.test'), login(ctx.app, 'regie@demo.test')]);
  await asPlatform(ctx.deps.db, async (tx) => {
    for (const t of await tx.selectFrom('tenants').select(['id', 'short_code']).execute()) tenants[t.short_code] = t.id;
    for (const p of await tx.selectFrom('people').select(['id', 'customer_number']).execute()) people[p.customer_number] = p.id;
  });
  // The fixture quotes fees 1 to 4 of Heimbau: bill them in that order.
  for (const [name, customer] of [['anna', 'HEIMBAU-10001'], ['lukas', 'HEIMBAU-10002'], ['marie', 'HEIMBAU-10003'], ['tomasz', 'HEIMBAU-10004']] as const) {
    const res = await staff.request('POST', '/api/fees', { id: randomUUID(), personId: people[customer], items: BADGE });
    expect(res.status).toBe(201);
    fees[name] = res.body;
  }
  expect(Object.values(fees).map((f) => f.number)).toEqual([1, 2, 3, 4]);
  await staff.request('POST', `/api/fees/${fees.tomasz!.id}/cancel`, { reason: 'Badge order withdrawn' });
});
afterAll(async () => { await ctx?.close(); });

async function upload(session: Session, xml: string) {
  const res = await ctx.app.inject({ method: 'POST', url: '/api/bank/statements', payload: xml,
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'application/xml' } });
  return { status: res.statusCode, body: res.json() };
}

/** Wallet balances by customer number, and the tenant's revenue. */
async function money(shortCode: string) {
  const tenantId = tenants[shortCode]!;
  return inTenant(ctx.deps.db, tenantId, async (tx) => {
    const wallets: Record<string, number> = {};
    for (const [customer, id] of Object.entries(people).filter(([c]) => c.startsWith(shortCode.toUpperCase()))) wallets[customer] = (await walletOf(tx, tenantId, id)).posted;
    return { wallets, revenue: (await getAccount(tx, tenantId, await systemAccount(tx, tenantId, 'revenue'))).posted };
  });
}

function walletChanges(before: Record<string, number>, after: Record<string, number>) {
  return Object.fromEntries(Object.keys(after).filter((k) => after[k] !== before[k]).map((k) => [k, after[k]! - before[k]!]));
}

const feeStatus = async (session: Session, id: string) => (await session.request('GET', '/api/fees')).body.find((f: { id: string }) => f.id === id);

describe('fees paid by bank transfer', () => {
  it('pays exact and overpaid fees, credits short payments and payments to closed fees to the wallet, and says so', async () => {
    const before = await money('heimbau');
    const res = await upload(staff, fixture('heimbau-fees-camt054-v02.xml'));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ newEntries: 6, matched: 5, toReview: 1, credited: { EUR: 200 + 500 + 800 + 800 } });
    expect(res.body.fees).toEqual([
      { feeId: fees.anna!.id, reference: fees.anna!.reference, outcome: 'paid', currency: 'EUR', receivedMinor: 800, feeMinor: 800, toWalletMinor: 0 },
      { feeId: fees.lukas!.id, reference: fees.lukas!.reference, outcome: 'paid', currency: 'EUR', receivedMinor: 1000, feeMinor: 800, toWalletMinor: 200 },
      { feeId: fees.marie!.id, reference: fees.marie!.reference, outcome: 'underpaid', currency: 'EUR', receivedMinor: 500, feeMinor: 800, toWalletMinor: 500 },
      { feeId: fees.tomasz!.id, reference: fees.tomasz!.reference, outcome: 'not_open', currency: 'EUR', receivedMinor: 800, feeMinor: 800, toWalletMinor: 800 },
      { feeId: fees.anna!.id, reference: fees.anna!.reference, outcome: 'not_open', currency: 'EUR', receivedMinor: 800, feeMinor: 800, toWalletMinor: 800 },
    ]);

    const after = await money('heimbau');
    expect(walletChanges(before.wallets, after.wallets)).toEqual({ 'HEIMBAU-10001': 800, 'HEIMBAU-10002': 200, 'HEIMBAU-10003': 500, 'HEIMBAU-10004': 800 });
    expect(after.revenue - before.revenue).toBe(1600);

    expect(await feeStatus(staff, fees.anna!.id)).toMatchObject({ status: 'paid', paidVia: 'bank' });
    expect(await feeStatus(staff, fees.lukas!.id)).toMatchObject({ status: 'paid', paidVia: 'bank' });
    expect(await feeStatus(staff, fees.marie!.id)).toMatchObject({ status: 'open', paidVia: null });
    expect(await feeStatus(staff, fees.tomasz!.id)).toMatchObject({ status: 'cancelled' });

    const review = (await staff.request('GET', '/api/bank/entries?status=review')).body;
    expect(review.map((e: { reference: string; reviewReason: string }) => [e.reference, e.reviewReason])).toEqual([['RF14HEIMBAUF99', 'unknown_customer']]);
    const matched = (await staff.request('GET', '/api/bank/entries?status=matched')).body;
    expect(matched).toHaveLength(5);
    expect(matched.every((e: { matchedBy: string; transferId: string }) => e.matchedBy === 'reference' && e.transferId)).toBe(true);
  });

  it('credits nothing twice when the same file or the same bookings in another file come again', async () => {
    const before = await money('heimbau');
    const same = await upload(staff, fixture('heimbau-fees-camt054-v02.xml'));
    expect(same.body).toMatchObject({ alreadyImported: true, credited: {}, fees: [] });
    const overlapping = await upload(staff, fixture('heimbau-fees-camt054-v02.xml').replace('HB054-20240410-0007', 'HB053-20240410-0001'));
    expect(overlapping.status).toBe(201);
    expect(overlapping.body).toMatchObject({ newEntries: 0, duplicatesSkipped: 6, credited: {}, fees: [] });
    expect(await money('heimbau')).toEqual(before);
  });

  it('leaves a short-paid fee open to be paid from the wallet the short payment went to', async () => {
    const marie = await inTenant(ctx.deps.db, tenants.heimbau!, (tx) => walletOf(tx, tenants.heimbau!, people['HEIMBAU-10003']!));
    expect(marie.available).toBe(500);
    await staff.request('POST', `/api/wallets/${people['HEIMBAU-10003']}/adjustments`, { id: randomUUID(), amountMinor: 300, reason: 'Rest bar bezahlt' });
    // Marie has no login: the use case behind the resident's "pay from balance" pays it.
    const actor = { userId: '', email: '', displayName: 'test', language: 'en' as const, platformRole: null, tenantId: tenants.heimbau!, role: 'manager_staff' as const, personId: null, via: 'token' as const, sessionId: null, scopes: null };
    const paid = await inTenant(ctx.deps.db, tenants.heimbau!, (tx) => payFeeFromWallet(tx, { tenantId: tenants.heimbau!, feeId: fees.marie!.id, actor, now: new Date() }));
    expect(paid).toMatchObject({ status: 'paid', paid_via: 'wallet' });
    expect((await inTenant(ctx.deps.db, tenants.heimbau!, (tx) => walletOf(tx, tenants.heimbau!, people['HEIMBAU-10003']!))).available).toBe(0);
  });

  it('pays a Swiss fee quoted with its QR reference', async () => {
    const camilleId = people['REGIELAC-10001']!;
    const fee = (await regie.request('POST', '/api/fees', { id: randomUUID(), personId: camilleId, items: BADGE })).body;
    expect(fee.reference).toBe('900000000000000000000000017');
    const before = await money('regielac');
    const res = await upload(regie, fixture('regielac-fees-camt054-v08.xml'));
    expect(res.body).toMatchObject({ matched: 1, credited: {}, fees: [{ feeId: fee.id, outcome: 'paid', currency: 'CHF', toWalletMinor: 0 }] });
    const after = await money('regielac');
    expect(after.wallets).toEqual(before.wallets);
    expect(after.revenue - before.revenue).toBe(800);
    expect(await feeStatus(regie, fee.id)).toMatchObject({ status: 'paid', paidVia: 'bank' });
  });

  it('does not let another tenant\'s statement pay a fee, and keeps the ledger consistent', async () => {
    // Heimbau's fee reference arriving on Régie du Lac's account names no fee there.
    const xml = fixture('heimbau-fees-camt054-v02.xml').replace('HB054-20240410-0007', 'WRONG-ACCOUNT').replaceAll('<Amt Ccy="EUR">', '<Amt Ccy="CHF">')
      .replaceAll('240410AT', '240410CH');
    const res = await upload(regie, xml);
    expect(res.body).toMatchObject({ matched: 0, toReview: 6, fees: [] });
    expect(await ctx.handle.asOwner((db) => checkLedgerInvariants(db))).toEqual([]);
  });
});
