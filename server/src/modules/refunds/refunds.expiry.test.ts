import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../../db/scope.ts';
import { createTestContext, login, type TestContext } from '../../test/app.ts';
import { expireHoldsEverywhere } from '../../worker/jobs/expireHolds.ts';
import { createTransfer, systemAccount, walletOf } from '../ledger/ledger.usecases.ts';
import { REFUND_HOLD_SECONDS } from './refunds.expiry.usecases.ts';

const DAY = 86_400_000;
let ctx: TestContext;
beforeAll(async () => { ctx = await createTestContext(); });
afterAll(async () => { await ctx.close(); });

async function topUp(email: string, amount: number) {
  const person = await ctx.handle.asOwner((db) => db.selectFrom('people').select(['id', 'tenant_id']).where('email', '=', email).executeTakeFirstOrThrow());
  await inTenant(ctx.deps.db, person.tenant_id, async (tx) => createTransfer(tx, person.tenant_id, {
    id: randomUUID(), debitAccountId: await systemAccount(tx, person.tenant_id, 'card_clearing'),
    creditAccountId: (await walletOf(tx, person.tenant_id, person.id)).id, amount, code: 'top_up', reference: { type: 'test', id: 't' },
  }, ctx.clock.now()));
}

/** A resident with `amount` on the wallet asks for all of it back. */
async function requested(email: string, amount: number, iban: string) {
  await topUp(email, amount);
  const resident = await login(ctx.app, email);
  const created = await resident.request('POST', '/api/wallet/refund-requests', { requestId: randomUUID(), iban, accountHolder: 'Test Holder' });
  expect(created).toMatchObject({ status: 201, body: { status: 'requested', amountMinor: (await resident.request('GET', '/api/wallet')).body.pendingDebits } });
  return created.body.id as string;
}

/** Past the hold's timeout. Sessions do not live that long, so callers log in again afterwards. */
const holdRunsOut = () => ctx.clock.advance(REFUND_HOLD_SECONDS * 1000 + 60_000);
const mailsTo = (email: string, subject: string) => ctx.mails.filter((m) => m.to === email && m.subject === subject);
const EXPIRED_DE = 'Ihr Antrag auf Rückerstattung ist abgelaufen';

describe('refund requests whose hold expired', () => {
  it('stays open until the hold runs out, then the worker closes it, frees the money and tells the resident once', async () => {
    const id = await requested('resident@demo.test', 1200, 'DE89370400440532013000');
    ctx.clock.advance(29 * DAY);
    expect(await expireHoldsEverywhere(ctx.deps)).toBe(0);
    let staff = await login(ctx.app, 'staff@demo.test');
    expect((await staff.request('GET', '/api/refund-requests?status=requested')).body.map((r: { id: string }) => r.id)).toContain(id);

    ctx.clock.advance(1 * DAY + 60_000);
    const mailsBefore = mailsTo('resident@demo.test', EXPIRED_DE).length;
    expect(await expireHoldsEverywhere(ctx.deps)).toBeGreaterThanOrEqual(1);
    const mails = mailsTo('resident@demo.test', EXPIRED_DE);
    expect(mails).toHaveLength(mailsBefore + 1);
    expect(mails.at(-1)!.text).toContain('12,00');
    expect(mails.at(-1)!.text).toContain('30 Tagen');
    expect(mails.at(-1)!.text).not.toMatch(/\{\w+\}/);

    const resident = await login(ctx.app, 'resident@demo.test');
    expect((await resident.request('GET', '/api/wallet')).body).toMatchObject({ available: 1200, pendingDebits: 0 });
    const own = (await resident.request('GET', '/api/wallet/refund-requests')).body.find((r: { id: string }) => r.id === id);
    expect(own).toMatchObject({ status: 'expired', decidedAt: expect.any(String) });

    // Off the staff queue, listed as expired, and no decision can be taken on it any more.
    staff = await login(ctx.app, 'staff@demo.test');
    expect((await staff.request('GET', '/api/refund-requests?status=requested')).body.map((r: { id: string }) => r.id)).not.toContain(id);
    expect((await staff.request('GET', '/api/refund-requests?status=expired')).body.map((r: { id: string }) => r.id)).toContain(id);
    expect(await staff.request('POST', `/api/refund-requests/${id}/approve`)).toMatchObject({ status: 409, body: { error: { code: 'refunds.hold_expired' } } });
    expect(await staff.request('POST', `/api/refund-requests/${id}/reject`, { reason: 'zu spät' })).toMatchObject({ status: 409, body: { error: { code: 'refunds.hold_expired' } } });
    expect((await resident.request('GET', '/api/wallet')).body.available).toBe(1200);

    // The worker's next run finds nothing new to announce; the resident may ask again.
    await expireHoldsEverywhere(ctx.deps);
    expect(mailsTo('resident@demo.test', EXPIRED_DE)).toHaveLength(mailsBefore + 1);
    const again = await resident.request('POST', '/api/wallet/refund-requests', { requestId: randomUUID(), iban: 'DE89370400440532013000', accountHolder: 'Anna Huber' });
    expect(again).toMatchObject({ status: 201, body: { status: 'requested', amountMinor: 1200 } });
    await staff.request('POST', `/api/refund-requests/${again.body.id}/reject`, { reason: 'Test' });
  });

  it('closes an overdue request when it is read, before the worker has run, and mails once', async () => {
    const id = await requested('resident.ch@demo.test', 3000, 'CH5604835012345678009');
    holdRunsOut();
    const before = ctx.mails.length;
    const resident = await login(ctx.app, 'resident.ch@demo.test');
    const own = await resident.request('GET', '/api/wallet/refund-requests');
    expect(own.body.find((r: { id: string }) => r.id === id).status).toBe('expired');
    // The money is free at once, not only after the worker's next run.
    expect((await resident.request('GET', '/api/wallet')).body).toMatchObject({ available: 3000, pendingDebits: 0 });
    expect(ctx.mails.slice(before)).toMatchObject([{ to: 'resident.ch@demo.test', subject: 'Votre demande de remboursement a expiré' }]);
    expect(ctx.mails.at(-1)!.text).toContain('30 jours');

    await resident.request('GET', '/api/wallet/refund-requests');
    const regie = await login(ctx.app, 'regie@demo.test');
    expect((await regie.request('GET', '/api/refund-requests')).body.find((r: { id: string }) => r.id === id).status).toBe('expired');
    await expireHoldsEverywhere(ctx.deps);
    expect(ctx.mails.length).toBe(before + 1);
  });

  it('closes an overdue request that staff try to approve or reject, and refuses the decision', async () => {
    const approving = await requested('resident@demo.test', 800, 'AT483200000012345864');
    holdRunsOut();
    const staff = await login(ctx.app, 'staff@demo.test');
    const before = mailsTo('resident@demo.test', EXPIRED_DE).length;
    expect(await staff.request('POST', `/api/refund-requests/${approving}/approve`)).toMatchObject({ status: 409, body: { error: { code: 'refunds.hold_expired' } } });
    // The refusal did not roll the closing back: the request is expired and the resident was told.
    const listed = (await staff.request('GET', '/api/refund-requests')).body.find((r: { id: string }) => r.id === approving);
    expect(listed).toMatchObject({ status: 'expired', reason: null });
    expect(mailsTo('resident@demo.test', EXPIRED_DE)).toHaveLength(before + 1);
    const resident = await login(ctx.app, 'resident@demo.test');
    expect((await resident.request('GET', '/api/wallet')).body.pendingDebits).toBe(0);

    const rejecting = await requested('resident@demo.test', 100, 'AT483200000012345864');
    holdRunsOut();
    const manager = await login(ctx.app, 'manager@demo.test');
    expect(await manager.request('POST', `/api/refund-requests/${rejecting}/reject`, { reason: 'Konto unklar' })).toMatchObject({ status: 409, body: { error: { code: 'refunds.hold_expired' } } });
    expect((await manager.request('GET', '/api/refund-requests?status=expired')).body.map((r: { id: string }) => r.id)).toContain(rejecting);
    expect(mailsTo('resident@demo.test', EXPIRED_DE)).toHaveLength(before + 2);
  });

  it('lets the resident ask again straight away when the old request is overdue, holding the whole balance', async () => {
    const old = await requested('resident@demo.test', 500, 'AT483200000012345864');
    holdRunsOut();
    const resident = await login(ctx.app, 'resident@demo.test');
    const available = (await resident.request('GET', '/api/wallet')).body.posted;
    const again = await resident.request('POST', '/api/wallet/refund-requests', { requestId: randomUUID(), iban: 'AT483200000012345864', accountHolder: 'Anna Huber' });
    expect(again).toMatchObject({ status: 201, body: { status: 'requested', amountMinor: available } });
    const statuses = Object.fromEntries((await resident.request('GET', '/api/wallet/refund-requests')).body.map((r: { id: string; status: string }) => [r.id, r.status]));
    expect(statuses).toMatchObject({ [old]: 'expired', [again.body.id]: 'requested' });

    // A hold that runs out after approval changes nothing: approved is final.
    const staff = await login(ctx.app, 'staff@demo.test');
    expect((await staff.request('POST', `/api/refund-requests/${again.body.id}/approve`)).body.status).toBe('approved');
    holdRunsOut();
    await expireHoldsEverywhere(ctx.deps);
    const after = await login(ctx.app, 'resident@demo.test');
    expect((await after.request('GET', '/api/wallet/refund-requests')).body.find((r: { id: string }) => r.id === again.body.id).status).toBe('approved');
  });
});
