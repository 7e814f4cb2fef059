// Badge orders and their fee: an order bills badge and shipping in the holder's language; staff
// issue it from stock; the badge waits for its fee and works once the fee is paid (from the
// wallet or by bank transfer), or at once when the fee was paid first or waived.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../../db/scope.ts';
import type { TenantActor } from '../../http/actor.ts';
import { createTestContext, login, type Session, type TestContext } from '../../test/app.ts';
import { fixture } from '../bankimport/fixtures/fixtures.ts';
import { payFeeFromWallet } from '../fees/fees.usecases.ts';
import { addStock, demoIds, listChanges, stockCount } from './credentials.fixtures.ts';

let ctx: TestContext;
let staff: Session;
let regie: Session;
let resident: Session;
let ids: Awaited<ReturnType<typeof demoIds>>;
const ANNA = 'HEIMBAU-10001';
const LUKAS = 'HEIMBAU-10002';
const MARIE = 'HEIMBAU-10003';

beforeAll(async () => {
  ctx = await createTestContext();
  ids = await demoIds(ctx.deps.db);
  [staff, regie, resident] = await Promise.all([login(ctx.app, 'staff@demo.test'), login(ctx.app, 'regie@demo.test'), login(ctx.app, 'resident@demo.test')]);
  await addStock(ctx.deps.db, ids.heimbau, [
    { uid: '04A224B2C35E80', label: 'ID*heimbau*1001' }, { uid: '04A224B2C35E81', label: 'ID*heimbau*1002' },
    { uid: '04A224B2C35E82', label: 'ID*heimbau*1003' }, { uid: '04A224B2C35E83', label: 'ID*heimbau*1004' },
    { uid: '04A224B2C35E84', label: 'ID*heimbau*1005' }, { uid: '04A224B2C35E85', label: 'ID*heimbau*1006' },
  ]);
  await addStock(ctx.deps.db, ids.regie, [{ uid: 'A1B2C3D4', label: 'ID*regielac*0001' }]);
});
afterAll(async () => { await ctx?.close(); });

const order = (session: Session, customer: string, extra: object = {}) =>
  session.request('POST', '/api/credentials/orders', { personId: ids.people[customer], ...extra });
const detail = async (session: Session, id: string) => (await session.request('GET', `/api/credentials/${id}`)).body;
const fee = async (session: Session, id: string) => (await session.request('GET', '/api/fees')).body.find((f: { id: string }) => f.id === id);

async function topUp(customer: string, amount: number) {
  await staff.request('POST', `/api/wallets/${ids.people[customer]}/adjustments`, { id: randomUUID(), amountMinor: amount, reason: 'Bareinzahlung' });
}

/** Heimbau's bank reports one credit quoting a reference (camt.054, built from the fixture's first entry). */
function camtCredit(reference: string, amount: string): string {
  const xml = fixture('heimbau-fees-camt054-v02.xml');
  const head = xml.slice(0, xml.indexOf('<Ntry>'));
  const entry = xml.slice(xml.indexOf('<Ntry>'), xml.indexOf('</Ntry>') + '</Ntry>'.length);
  const key = randomUUID().replace(/-/g, '').slice(0, 12).toUpperCase();
  return head.replace(/HB054-20240410-0007/, `HB054-${key}`).replace(/NTF-2024-0410-07/, `NTF-${key}`)
    + entry.replace(/RF61HEIMBAUF1/, reference).replace(/8\.00/g, amount).replace(/240410AT0000101/g, `T${key}`)
    + '\n    </Ntfctn>\n  </BkToCstmrDbtCdtNtfctn>\n</Document>\n';
}

describe('badge orders (Heimbau: the platform bills and collects)', () => {
  it('bills badge and shipping in the holder\'s language; issued from stock the badge waits for its fee; paid from the wallet it works', async () => {
    const ordered = await order(staff, ANNA);
    expect(ordered).toMatchObject({ status: 201, body: { type: 'rfid', status: 'ordered', uid: null, label: null, origin: 'platform', customerNumber: ANNA } });
    const { id } = ordered.body;
    const billed = await fee(staff, ordered.body.fee.id);
    expect(billed).toMatchObject({ status: 'open', amountMinor: 800, currency: 'EUR', subject: { type: 'badge_order', id },
      items: [{ description: 'Badge (Karte)', amountMinor: 650 }, { description: 'Versand', amountMinor: 150 }] });

    const stockBefore = await stockCount(ctx.deps.db, ids.heimbau);
    const issued = await staff.request('POST', `/api/credentials/${id}/fulfil`, { label: 'ID*heimbau*1003' });
    expect(issued).toMatchObject({ status: 200, body: { status: 'awaiting_fee', uid: '04A224B2C35E82', label: 'ID*heimbau*1003', technology: 'mifare_classic' } });
    expect(await stockCount(ctx.deps.db, ids.heimbau)).toBe(stockBefore - 1);
    // Not a second time, and the unpaid fee keeps it waiting: staff cannot switch it on.
    expect((await staff.request('POST', `/api/credentials/${id}/fulfil`, {})).body.error.code).toBe('credentials.not_ordered');
    expect((await staff.request('POST', `/api/credentials/${id}/unblock`, {})).body.error.code).toBe('credentials.illegal_transition');
    expect((await detail(staff, id)).credential.status).toBe('awaiting_fee');
    // Devices know the tag as blocked until the fee is paid.
    expect((await listChanges(ctx.deps.db, ids.heimbau, '04A224B2C35E82')).map((c) => c.status)).toEqual(['Blocked']);

    // Too little money: the fee stays open and the badge waits.
    expect((await resident.request('GET', '/api/wallet')).body.available).toBe(0);
    expect((await resident.request('POST', `/api/me/fees/${billed.id}/pay`)).body.error.code).toBe('fees.insufficient_funds');
    expect((await detail(staff, id)).credential.status).toBe('awaiting_fee');
    await topUp(ANNA, 800);
    const paid = await resident.request('POST', `/api/me/fees/${billed.id}/pay`);
    expect(paid).toMatchObject({ status: 200, body: { status: 'paid', paidVia: 'wallet' } });
    const after = await detail(staff, id);
    expect(after.credential).toMatchObject({ status: 'active', fee: { status: 'paid' } });
    expect(after.history.map((h: { actor: string; toStatus: string }) => [h.actor, h.toStatus])).toEqual([['staff', 'ordered'], ['staff', 'awaiting_fee'], ['fee', 'active']]);
    expect(after.history[0].by).toBe('staff@demo.test');
    expect((await listChanges(ctx.deps.db, ids.heimbau, '04A224B2C35E82')).map((c) => c.status)).toEqual(['Blocked', 'Accepted']);
  });

  it('activates a badge awaiting its fee when the bank reports a payment quoting the fee\'s reference; a short payment keeps it waiting', async () => {
    const { body: ordered } = await order(staff, LUKAS, { fulfil: { uid: '04:a2:24:b2:c3:5e:84' } });
    expect(ordered).toMatchObject({ status: 'awaiting_fee', uid: '04A224B2C35E84', label: 'ID*heimbau*1005' });
    const billed = await fee(staff, ordered.fee.id);

    const short = await ctx.app.inject({ method: 'POST', url: '/api/bank/statements', payload: camtCredit(billed.reference, '5.00'),
      headers: { cookie: staff.cookie, 'x-csrf-token': staff.csrf, 'content-type': 'application/xml' } });
    expect(short.statusCode, short.body).toBe(201);
    expect((await detail(staff, ordered.id)).credential.status).toBe('awaiting_fee');

    const full = await ctx.app.inject({ method: 'POST', url: '/api/bank/statements', payload: camtCredit(billed.reference, '8.00'),
      headers: { cookie: staff.cookie, 'x-csrf-token': staff.csrf, 'content-type': 'application/xml' } });
    expect(full.statusCode, full.body).toBe(201);
    expect(full.json().fees).toEqual([expect.objectContaining({ feeId: billed.id, outcome: 'paid' })]);
    const after = await detail(staff, ordered.id);
    expect(after.credential).toMatchObject({ status: 'active', fee: { status: 'paid' } });
    expect(after.history.at(-1)).toMatchObject({ actor: 'fee', fromStatus: 'awaiting_fee', toStatus: 'active' });
  });

  it('issues a badge whose fee was paid before at once as active', async () => {
    const { body: ordered } = await order(staff, MARIE);
    await topUp(MARIE, 800);
    // Marie has no login: she pays through the same use case the portal calls.
    const marie = { tenantId: ids.heimbau, role: 'resident', personId: ids.people[MARIE], userId: randomUUID(), email: 'x', displayName: 'test', via: 'token' } as TenantActor;
    await inTenant(ctx.deps.db, ids.heimbau, (tx) => payFeeFromWallet(tx, { tenantId: ids.heimbau, feeId: ordered.fee.id, personId: marie.personId!, actor: marie, now: new Date() }));
    expect((await detail(staff, ordered.id)).credential.status).toBe('ordered');
    const issued = await staff.request('POST', `/api/credentials/${ordered.id}/fulfil`, {});
    // The next free badge: the lowest label left.
    expect(issued.body).toMatchObject({ status: 'active', label: 'ID*heimbau*1001' });
  });

  it('issues directly without a fee when staff waive it, with the reason in the history', async () => {
    expect((await order(staff, MARIE, { fulfil: {}, waiveFeeReason: '   ' })).body.error.code).toBe('credentials.invalid_reason');
    const { status, body } = await order(staff, MARIE, { fulfil: {}, waiveFeeReason: 'Defekte Karte getauscht' });
    expect(status).toBe(201);
    expect(body).toMatchObject({ status: 'active', fee: null, label: 'ID*heimbau*1002' });
    const history = (await detail(staff, body.id)).history;
    expect(history[0]).toMatchObject({ toStatus: 'ordered', reason: 'Fee waived: Defekte Karte getauscht' });
    expect(history[1]).toMatchObject({ fromStatus: 'ordered', toStatus: 'active' });
  });

  it('refuses a stock badge that is not there, a bad UID and a UID already registered, leaving stock and order as they were', async () => {
    const { body: ordered } = await order(staff, MARIE);
    expect(await staff.request('POST', `/api/credentials/${ordered.id}/fulfil`, { label: 'ID*heimbau*9999' })).toMatchObject({ status: 404, body: { error: { code: 'credentials.stock_not_found' } } });
    expect(await staff.request('POST', `/api/credentials/${ordered.id}/fulfil`, { uid: '04A2' })).toMatchObject({ status: 400, body: { error: { code: 'credentials.bad_uid' } } });
    // A fob with the same serial as a UID in stock (stock imports refuse that; here it got in anyway).
    await staff.request('POST', '/api/credentials/fobs', { personId: ids.people[LUKAS], serial: '04A224B2C35E85' });
    const before = await stockCount(ctx.deps.db, ids.heimbau);
    expect(await staff.request('POST', `/api/credentials/${ordered.id}/fulfil`, { uid: '04A224B2C35E85' })).toMatchObject({ status: 409, body: { error: { code: 'credentials.duplicate_uid' } } });
    expect(await stockCount(ctx.deps.db, ids.heimbau)).toBe(before);
    expect((await detail(staff, ordered.id)).credential).toMatchObject({ status: 'ordered', uid: null });
    expect((await staff.request('POST', `/api/credentials/${ordered.id}/fulfil`, { label: 'ID*heimbau*1004' })).body.status).toBe('awaiting_fee');
  });

  it('withdraws an order staff take back before it is paid, with its fee; a paid fee is never refunded', async () => {
    const { body: ordered } = await order(staff, MARIE);
    const returned = await staff.request('POST', `/api/credentials/${ordered.id}/return`, { reason: 'Bestellung zurückgezogen' });
    expect(returned.body).toMatchObject({ status: 'returned', fee: { status: 'cancelled' } });
    expect(await fee(staff, ordered.fee.id)).toMatchObject({ status: 'cancelled', cancelReason: 'Bestellung zurückgezogen' });

    const anna = (await staff.request('GET', `/api/credentials?personId=${ids.people[ANNA]}&status=active`)).body[0];
    expect(anna.fee.status).toBe('paid');
    expect((await staff.request('POST', `/api/credentials/${anna.id}/return`, {})).body).toMatchObject({ status: 'returned', fee: { status: 'paid' } });
  });

  it('lets a badge waiting for its fee work once staff cancel the fee, with the reason in its history', async () => {
    await addStock(ctx.deps.db, ids.heimbau, [{ uid: '04A224B2C35E90', label: 'ID*heimbau*1090' }]);
    const { body: ordered } = await order(staff, LUKAS, { fulfil: { label: 'ID*heimbau*1090' } });
    expect(ordered).toMatchObject({ status: 'awaiting_fee' });
    expect((await staff.request('POST', `/api/fees/${ordered.fee.id}/cancel`, { reason: 'Kulanz' })).status).toBe(200);
    const { credential, history } = await detail(staff, ordered.id);
    expect(credential.status).toBe('active');
    expect(history.at(-1)).toMatchObject({ fromStatus: 'awaiting_fee', toStatus: 'active', reason: 'Fee cancelled: Kulanz' });
  });

  it('is for staff only', async () => {
    expect((await order(resident, ANNA)).status).toBe(403);
    expect((await resident.request('GET', '/api/credentials')).status).toBe(403);
  });
});

describe('badge orders (Régie du Lac: the owner makes its own statements)', () => {
  it('bills in CHF and French, and issues from its own stock only', async () => {
    const { body: ordered } = await order(regie, 'REGIELAC-10001');
    expect(await fee(regie, ordered.fee.id)).toMatchObject({ currency: 'CHF', items: [{ description: 'Badge', amountMinor: 650 }, { description: 'Frais d\'envoi', amountMinor: 150 }] });
    // Heimbau's labels are not in Régie's stock.
    expect((await regie.request('POST', `/api/credentials/${ordered.id}/fulfil`, { label: 'ID*heimbau*1006' })).body.error.code).toBe('credentials.stock_not_found');
    expect((await regie.request('POST', `/api/credentials/${ordered.id}/fulfil`, {})).body).toMatchObject({ status: 'awaiting_fee', uid: 'A1B2C3D4', label: 'ID*regielac*0001' });
    // With the stock used up, the next free badge is refused as such, and nothing is ordered or billed.
    const fees = (await regie.request('GET', '/api/fees')).body.length;
    expect(await order(regie, 'REGIELAC-10002', { fulfil: {} })).toMatchObject({ status: 409, body: { error: { code: 'credentials.stock_empty' } } });
    expect((await regie.request('GET', '/api/fees')).body.length).toBe(fees);
    // Heimbau's staff do not see it.
    expect((await staff.request('GET', `/api/credentials/${ordered.id}`)).status).toBe(404);
    expect((await staff.request('POST', `/api/credentials/${ordered.id}/block`, { reason: 'x' })).status).toBe(404);
  });

  it('registers remote fobs in both operating modes, normalised like a UID', async () => {
    const fob = await regie.request('POST', '/api/credentials/fobs', { personId: ids.people['REGIELAC-10002'], serial: ' gar-7712 ab ', label: 'Télécommande garage' });
    expect(fob).toMatchObject({ status: 201, body: { type: 'fob', uid: 'GAR7712AB', status: 'active', origin: 'building' } });
    expect((await regie.request('POST', '/api/credentials/fobs', { personId: ids.people['REGIELAC-10001'], serial: 'GAR7712AB' })).body.error.code).toBe('credentials.duplicate_uid');
    expect((await regie.request('POST', '/api/credentials/fobs', { personId: ids.people['REGIELAC-10001'], serial: 'a!' })).body.error.code).toBe('credentials.bad_serial');
    expect((await staff.request('POST', '/api/credentials/fobs', { personId: ids.people[LUKAS], serial: 'GAR7712AB' })).status).toBe(201);
  });
});
