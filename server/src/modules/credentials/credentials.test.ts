// Staff and credentials: finding them (UID in any notation, printed label, holder, customer
// number), the history of each (who, when, why), blocking, unblocking and taking back, and every
// refusal: a change the life cycle does not allow, a badge that does not exist or is another
// property manager's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../../db/scope.ts';
import type { TenantActor } from '../../http/actor.ts';
import { createTestContext, login, type Session, type TestContext } from '../../test/app.ts';
import { addStock, demoIds, listChanges } from './credentials.fixtures.ts';
import { blockCredential } from './credentials.usecases.ts';

let ctx: TestContext;
let staff: Session;
let regie: Session;
let ids: Awaited<ReturnType<typeof demoIds>>;
let badge: { id: string; uid: string; label: string };
let foreignBadge: { id: string };

beforeAll(async () => {
  ctx = await createTestContext();
  ids = await demoIds(ctx.deps.db);
  [staff, regie] = await Promise.all([login(ctx.app, 'staff@demo.test'), login(ctx.app, 'regie@demo.test')]);
  await addStock(ctx.deps.db, ids.heimbau, [{ uid: '04A224B2C35E80', label: 'ID*heimbau*1234' }]);
  await addStock(ctx.deps.db, ids.regie, [{ uid: '04A224B2C35E80', label: 'ID*regielac*1234' }]);
  // Tomasz Nowak gets a badge, the fee waived so it works at once.
  badge = (await staff.request('POST', '/api/credentials/orders', { personId: ids.people['HEIMBAU-10004'], fulfil: {}, waiveFeeReason: 'Hausmeister' })).body;
  // Régie holds the same UID: a UID is unique within a property manager only.
  foreignBadge = (await regie.request('POST', '/api/credentials/orders', { personId: ids.people['REGIELAC-10001'], fulfil: {}, waiveFeeReason: 'Test' })).body;
});
afterAll(async () => { await ctx?.close(); });

const search = async (session: Session, query: string) => (await session.request('GET', `/api/credentials?${query}`)).body as { id: string }[];

describe('finding credentials', () => {
  it('finds a badge by its UID in any notation, its printed label, the holder\'s name or customer number', async () => {
    for (const q of ['04:a2:24:b2:c3:5e:80', '04a224b2c35e80', 'B2C35E', 'heimbau*1234', 'Nowak', 'Tomasz Nowak', 'HEIMBAU-10004']) {
      expect((await search(staff, `q=${encodeURIComponent(q)}`)).map((c) => c.id), q).toContain(badge.id);
    }
    expect(await search(staff, 'q=Nobody')).toEqual([]);
    // Another property manager's badge with the same UID is not among them.
    expect((await search(staff, 'q=04A224B2C35E80')).map((c) => c.id)).toEqual([badge.id]);
    expect((await search(staff, `personId=${ids.people['HEIMBAU-10004']}&type=rfid&status=active`)).map((c) => c.id)).toEqual([badge.id]);
    expect((await search(staff, 'status=lost')).map((c) => c.id)).not.toContain(badge.id);
  });

  it('never finds a PIN by its digits', async () => {
    const resident = await login(ctx.app, 'resident@demo.test');
    const pin = (await resident.request('PUT', '/api/me/credentials/pin', { pin: '4711' })).body;
    expect(pin).toMatchObject({ type: 'pin', uid: null });
    expect((await search(staff, 'q=4711')).map((c) => c.id)).not.toContain(pin.id);
    expect((await search(staff, 'type=pin')).map((c) => c.id)).toContain(pin.id);
  });
});

describe('blocking, unblocking and taking back', () => {
  it('blocks with a reason and unblocks; each change is in the history with who, when and why, and reaches the device lists', async () => {
    expect((await staff.request('POST', `/api/credentials/${badge.id}/block`, {})).body.error.code).toBe('request.invalid_body');
    expect((await staff.request('POST', `/api/credentials/${badge.id}/block`, { reason: '   ' })).body.error.code).toBe('credentials.invalid_reason');
    const blocked = await staff.request('POST', `/api/credentials/${badge.id}/block`, { reason: 'Missbrauch gemeldet' });
    expect(blocked).toMatchObject({ status: 200, body: { status: 'blocked' } });
    expect((await staff.request('POST', `/api/credentials/${badge.id}/block`, { reason: 'again' })).body.error.code).toBe('credentials.illegal_transition');
    expect((await staff.request('POST', `/api/credentials/${badge.id}/unblock`, { reason: 'Geklärt' })).body.status).toBe('active');
    expect((await staff.request('POST', `/api/credentials/${badge.id}/unblock`, {})).body.error.code).toBe('credentials.illegal_transition');

    const { credential, history } = (await staff.request('GET', `/api/credentials/${badge.id}`)).body;
    expect(credential).toMatchObject({ id: badge.id, status: 'active', uid: '04A224B2C35E80', name: 'Tomasz Nowak', customerNumber: 'HEIMBAU-10004' });
    expect(history.map((h: object) => ({ ...h, at: undefined }))).toEqual([
      { at: undefined, actor: 'staff', by: 'staff@demo.test', fromStatus: null, toStatus: 'ordered', reason: 'Fee waived: Hausmeister' },
      { at: undefined, actor: 'staff', by: 'staff@demo.test', fromStatus: 'ordered', toStatus: 'active', reason: null },
      { at: undefined, actor: 'staff', by: 'staff@demo.test', fromStatus: 'active', toStatus: 'blocked', reason: 'Missbrauch gemeldet' },
      { at: undefined, actor: 'staff', by: 'staff@demo.test', fromStatus: 'blocked', toStatus: 'active', reason: 'Geklärt' },
    ]);
    expect(history.every((h: { at: string }) => !Number.isNaN(Date.parse(h.at)))).toBe(true);
    expect((await listChanges(ctx.deps.db, ids.heimbau, '04A224B2C35E80')).map((c) => c.status)).toEqual(['Accepted', 'Blocked', 'Accepted']);
    const audit = await (await login(ctx.app, 'manager@demo.test')).request('GET', '/api/audit?entityType=credential');
    expect(audit.body.events.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['credential.blocked', 'credential.active']));
  });

  it('takes a badge back; a returned badge can change no more', async () => {
    const returned = await staff.request('POST', `/api/credentials/${badge.id}/return`, { reason: 'Auszug' });
    expect(returned.body).toMatchObject({ status: 'returned' });
    for (const action of ['block', 'unblock', 'return']) {
      expect((await staff.request('POST', `/api/credentials/${badge.id}/${action}`, { reason: 'x' })).body.error.code, action).toBe('credentials.illegal_transition');
    }
    // Returned badges leave the device lists.
    expect((await listChanges(ctx.deps.db, ids.heimbau, '04A224B2C35E80')).at(-1)!.status).toBeNull();
  });
});

describe('another property manager\'s badges', () => {
  it('do not exist for staff, through the API or the use case with a forged tenant filter under row-level security', async () => {
    expect((await staff.request('GET', `/api/credentials/${foreignBadge.id}`)).body.error.code).toBe('credentials.not_found');
    for (const action of ['block', 'unblock', 'return', 'fulfil']) {
      expect((await staff.request('POST', `/api/credentials/${foreignBadge.id}/${action}`, action === 'fulfil' ? {} : { reason: 'x' })).status, action).toBe(404);
    }
    // The second lock: a transaction of Heimbau cannot see Régie's row even when asked by id.
    const visible = await inTenant(ctx.deps.db, ids.heimbau, (tx) => tx.selectFrom('credentials').select('id').where('id', '=', foreignBadge.id).execute());
    expect(visible).toEqual([]);
    const heimbauStaff = { tenantId: ids.heimbau, role: 'manager_staff', personId: null, userId: ids.people['HEIMBAU-10001'], email: 'x', displayName: 'x', via: 'token' } as unknown as TenantActor;
    await expect(blockCredential(ctx.deps, heimbauStaff, foreignBadge.id, 'x')).rejects.toMatchObject({ code: 'credentials.not_found' });
    expect((await regie.request('GET', `/api/credentials/${foreignBadge.id}`)).body.credential.status).toBe('active');
  });

  it('staff routes refuse residents and technicians', async () => {
    const resident = await login(ctx.app, 'resident@demo.test');
    expect((await resident.request('GET', `/api/credentials/${badge.id}`)).status).toBe(403);
    expect((await resident.request('POST', `/api/credentials/${badge.id}/block`, { reason: 'x' })).status).toBe(403);
  });
});
