// Every licence rule of seed 002, walked with a test clock through the HTTP API: each table row
// is one moment in a lock's life, what someone does then, and what they must see.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asPlatform } from '../../db/scope.ts';
import { createTestContext, login, type Session, type TestContext } from '../../test/app.ts';
import { codes, DAY, lockOwnerLogin, stockLock } from './locks.fixtures.ts';
import { addMonths, INCLUDED_KEYS, KEY_LIMIT } from './locks.licence.ts';

let ctx: TestContext;
const sessions = new Map<string, Session>();
const emails: Record<string, string> = { manager: 'manager@demo.test', operator: 'operator@demo.test', regie: 'regie@demo.test' };

/** Calls the API as someone; a session that ran out while the clock moved on is opened again. */
async function as(who: string, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body?: unknown) {
  let session = sessions.get(who) ?? await login(ctx.app, emails[who]!);
  sessions.set(who, session);
  let res = await session.request(method, url, body);
  if (res.status === 401) {
    session = await login(ctx.app, emails[who]!);
    sessions.set(who, session);
    res = await session.request(method, url, body);
  }
  return res;
}

const operator = () => ({ request: (m: 'GET' | 'POST', u: string, b?: unknown) => as('operator', m, u, b) }) as Session;

async function register(who = 'owner', name = 'Front door') {
  const { serial, secret } = await stockLock(operator());
  const res = await as(who, 'POST', '/api/locks', { serial, secret, name });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { id: res.body.id as string, serial, secret, registeredAt: new Date(res.body.registeredAt) };
}

const lockOf = async (id: string, who = 'owner') => (await as(who, 'GET', `/api/locks/${id}`)).body;
const issue = (lockId: string, body: Record<string, unknown> = {}, who = 'owner') =>
  as(who, 'POST', `/api/locks/${lockId}/keys`, { holderName: 'Holder', medium: 'fob', identifier: `R${Math.random().toString(36).slice(2, 12)}`, ...body });
const revoke = (lockId: string, keyId: string, who = 'owner') => as(who, 'POST', `/api/locks/${lockId}/keys/${keyId}/revoke`);
async function redeem(lockId: string | undefined, product: 'management_5y' | 'organisation_option' | 'key_pack' | 'organisation_management', who = 'owner', keysPerCode?: number) {
  const [code] = await codes(operator(), product, 1, keysPerCode);
  return { code: code!, res: await as(who, 'POST', '/api/prepaid-codes/redeem', { code, ...(lockId && { lockId }) }) };
}
/** Five years after a moment between `before` and now: when the code was redeemed. */
function expectFiveYearsAfter(iso: string, before: Date) {
  const at = new Date(iso).getTime();
  expect(at).toBeGreaterThanOrEqual(addMonths(before, 60).getTime());
  expect(at).toBeLessThanOrEqual(addMonths(ctx.clock.now(), 60).getTime());
}
const advanceTo = (at: Date) => ctx.clock.advance(Math.max(0, at.getTime() - ctx.clock.now().getTime()));

beforeAll(async () => {
  ctx = await createTestContext();
  const manager = await login(ctx.app, emails.manager!);
  const owner = await lockOwnerLogin(ctx, manager, 'lock_owner', 'Karin Schlosser');
  emails.owner = owner.email;
  const org = await lockOwnerLogin(ctx, manager, 'organisation', 'Hausbetreuung Wien GmbH');
  emails.org = org.email;
  emails.orgId = org.partyId;
});
afterAll(() => ctx?.close());

describe('the free period and revoke-only', () => {
  it('gives three months of full management at the first registration, then only revoking, and keeps every key', async () => {
    const lock = await register();
    const freeUntil = addMonths(lock.registeredAt, 3);
    const keys: string[] = [];
    const steps: { at: Date; does: string; expect: number | string; management: 'full' | 'revoke_only' }[] = [
      { at: lock.registeredAt, does: 'issue', expect: 201, management: 'full' },
      { at: new Date(freeUntil.getTime() - DAY), does: 'issue', expect: 201, management: 'full' },
      { at: new Date(freeUntil.getTime() + 1000), does: 'issue', expect: 'locks.revoke_only', management: 'revoke_only' },
      { at: new Date(freeUntil.getTime() + 2000), does: 'rename', expect: 'locks.revoke_only', management: 'revoke_only' },
      { at: new Date(freeUntil.getTime() + 3000), does: 'revoke', expect: 200, management: 'revoke_only' },
      { at: new Date(freeUntil.getTime() + 4000), does: 'read', expect: 200, management: 'revoke_only' },
    ];
    for (const step of steps) {
      advanceTo(step.at);
      const res = step.does === 'issue' ? await issue(lock.id)
        : step.does === 'rename' ? await as('owner', 'PATCH', `/api/locks/${lock.id}`, { name: 'Back door' })
          : step.does === 'revoke' ? await revoke(lock.id, keys[0]!)
            : await as('owner', 'GET', `/api/locks/${lock.id}/keys`);
      if (typeof step.expect === 'number') expect(res.status, `${step.does}: ${JSON.stringify(res.body)}`).toBe(step.expect);
      else expect(res.body.error.code, step.does).toBe(step.expect);
      if (step.does === 'issue' && res.status === 201) keys.push(res.body.key.id);
      const state = await lockOf(lock.id);
      expect(state.licence.management, step.does).toBe(step.management);
      expect(state.licence.freeUntil).toBe(freeUntil.toISOString());
    }
    // Revoke-only: the key revoked then is gone, the other still opens the door.
    const active = (await as('owner', 'GET', `/api/locks/${lock.id}/keys?status=active`)).body;
    expect(active.keys.map((k: { id: string }) => k.id)).toEqual([keys[1]]);
    expect((await lockOf(lock.id)).licence).toMatchObject({ phase: 'lapsed', issuableKeys: 0, activeKeys: 1 });
  });

  it('restores full management over all kept keys when a management code is redeemed after the lapse, for five years from then', async () => {
    const lock = await register();
    const first = await issue(lock.id);
    const second = await issue(lock.id);
    advanceTo(new Date(addMonths(lock.registeredAt, 7).getTime()));
    expect((await lockOf(lock.id)).licence.management).toBe('revoke_only');
    const before = ctx.clock.now();
    const { res } = await redeem(lock.id, 'management_5y');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const state = await lockOf(lock.id);
    expect(state.licence).toMatchObject({ management: 'full', phase: 'paid', activeKeys: 2 });
    expectFiveYearsAfter(state.licence.managedUntil, before);
    // Both keys kept through the lapse can be managed again: revoked and issued anew.
    expect((await revoke(lock.id, first.body.key.id)).status).toBe(200);
    expect((await issue(lock.id)).status).toBe(201);
    expect((await lockOf(lock.id)).licence.activeKeys).toBe(2);
    expect(second.status).toBe(201);
  });

  it('lapses again after the five paid years, and a code redeemed while they run adds five years to their end', async () => {
    const lock = await register();
    advanceTo(addMonths(lock.registeredAt, 1));
    const before = ctx.clock.now();
    await redeem(lock.id, 'management_5y');
    const paidUntil = new Date((await lockOf(lock.id)).licence.managedUntil);
    expectFiveYearsAfter(paidUntil.toISOString(), before);
    advanceTo(addMonths(paidUntil, -1));
    await redeem(lock.id, 'management_5y');
    expect((await lockOf(lock.id)).licence.managedUntil).toBe(addMonths(paidUntil, 60).toISOString());
    advanceTo(new Date(addMonths(paidUntil, 60).getTime() + 1000));
    expect((await lockOf(lock.id)).licence).toMatchObject({ management: 'revoke_only', phase: 'lapsed' });
    expect((await issue(lock.id)).body.error.code).toBe('locks.revoke_only');
  });
});

describe('purchased keys', () => {
  it('counts a revoked key as used until 5-year management is activated, which makes revoked and never-issued keys issuable again', async () => {
    const lock = await register();
    const issued: string[] = [];
    for (let i = 0; i < INCLUDED_KEYS; i += 1) issued.push((await issue(lock.id)).body.key.id);
    expect((await issue(lock.id)).body.error.code).toBe('locks.no_keys_left');
    await revoke(lock.id, issued[0]!);
    await revoke(lock.id, issued[1]!);
    await revoke(lock.id, issued[2]!);
    expect((await lockOf(lock.id)).licence).toMatchObject({ activeKeys: INCLUDED_KEYS - 3, keySlotsUsed: INCLUDED_KEYS, issuableKeys: 0 });
    expect((await issue(lock.id)).body.error.code).toBe('locks.no_keys_left');
    // A key pack adds keys at once.
    expect((await redeem(lock.id, 'key_pack', 'owner', 5)).res.status).toBe(200);
    expect((await lockOf(lock.id)).licence).toMatchObject({ purchasedKeys: INCLUDED_KEYS + 5, issuableKeys: 5 });
    expect((await issue(lock.id)).status).toBe(201);
    // Activation: the three revoked keys come back too.
    await redeem(lock.id, 'management_5y');
    const state = (await lockOf(lock.id)).licence;
    expect(state).toMatchObject({ activeKeys: INCLUDED_KEYS - 2, keySlotsUsed: INCLUDED_KEYS - 2, issuableKeys: 7 });
    for (let i = 0; i < 7; i += 1) expect((await issue(lock.id)).status).toBe(201);
    expect((await issue(lock.id)).body.error.code).toBe('locks.no_keys_left');
  });

  it('refuses the 2,501st key of a lock, and a key pack beyond 2,500 keys in all', async () => {
    const lock = await register();
    await redeem(lock.id, 'management_5y');
    const pack = await redeem(lock.id, 'key_pack', 'owner', KEY_LIMIT);
    expect(pack.res.body.error.code).toBe('locks.key_pack_too_large');
    expect((await redeem(lock.id, 'key_pack', 'owner', KEY_LIMIT - INCLUDED_KEYS)).res.status).toBe(200);
    // 2,499 keys written straight into the table (issuing them one by one would take minutes), then two through the API.
    const tenantId = (await as('manager', 'GET', '/api/tenant')).body.id;
    await asPlatform(ctx.deps.db, async (tx) => {
      await sql`INSERT INTO lock_keys (tenant_id, lock_id, holder_name, medium, identifier, issued_at, version, pseudonym)
        SELECT ${tenantId}, ${lock.id}, 'Bulk', 'fob', 'BULK' || n, now(), 1, upper(lpad(to_hex(n), 6, '0'))
        FROM generate_series(1, ${KEY_LIMIT - 1}) AS n`.execute(tx);
      await tx.updateTable('locks').set({ key_slots_used: KEY_LIMIT - 1 }).where('id', '=', lock.id).execute();
    });
    expect((await lockOf(lock.id)).licence).toMatchObject({ activeKeys: KEY_LIMIT - 1, issuableKeys: 1 });
    expect((await issue(lock.id)).status).toBe(201);
    const refused = await issue(lock.id);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('locks.key_limit');
    expect(refused.body.error.message).toContain('2,500');
  });
});

describe('removal and registration again', () => {
  it('restores the original end of the free period: no second free period, and the keys were revoked with the removal', async () => {
    const lock = await register();
    const key = (await issue(lock.id)).body.key;
    advanceTo(addMonths(lock.registeredAt, 1));
    expect((await as('owner', 'DELETE', `/api/locks/${lock.id}`)).status).toBe(200);
    expect((await as('owner', 'GET', `/api/locks/${lock.id}`)).status).toBe(404);
    advanceTo(addMonths(lock.registeredAt, 2));
    const again = await as('owner', 'POST', '/api/locks', { serial: lock.serial, secret: lock.secret, name: 'Front door again' });
    expect(again.status).toBe(201);
    expect(again.body.licence.freeUntil).toBe(addMonths(lock.registeredAt, 3).toISOString());
    expect((await as('owner', 'GET', `/api/locks/${again.body.id}/keys`)).body.total).toBe(0);
    advanceTo(new Date(addMonths(lock.registeredAt, 3).getTime() + 1000));
    expect((await lockOf(again.body.id)).licence.management).toBe('revoke_only');
    expect(key.revokedAt).toBeNull();
  });

  it('gives back the rest of the paid years and the organisation option, also with another property manager', async () => {
    const lock = await register();
    await redeem(lock.id, 'management_5y');
    await redeem(lock.id, 'organisation_option');
    const before = (await lockOf(lock.id)).licence;
    expect((await as('owner', 'DELETE', `/api/locks/${lock.id}`)).status).toBe(200);
    advanceTo(addMonths(ctx.clock.now(), 12));
    const regieParty = await as('regie', 'POST', '/api/parties', { kind: 'lock_owner', name: 'Propriétaire' });
    const again = await as('regie', 'POST', '/api/locks', { serial: lock.serial, secret: lock.secret, name: 'Porte', ownerId: regieParty.body.id });
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    expect(again.body.licence).toMatchObject({ freeUntil: before.freeUntil, managedUntil: before.managedUntil, orgOptionUntil: before.orgOptionUntil, phase: 'paid', sharing: true });
    // Registered there now: the first owner cannot register it a second time.
    expect((await as('owner', 'POST', '/api/locks', { serial: lock.serial, secret: lock.secret, name: 'Mine' })).body.error.code).toBe('locks.already_registered');
  });

  it('refuses a serial that was not made for Concierge or a wrong secret', async () => {
    const { serial } = await stockLock(operator());
    expect((await as('owner', 'POST', '/api/locks', { serial, secret: 'wrong-secret', name: 'X' })).body.error).toMatchObject({ code: 'locks.unknown_serial', fields: [{ field: 'serial' }] });
    expect((await as('owner', 'POST', '/api/locks', { serial: 'NOPE-0000', secret: 'whatever', name: 'X' })).body.error.code).toBe('locks.unknown_serial');
  });
});

describe('keys for organisations (shared management)', () => {
  it('refuses the organisation option in the free period and after the paid years lapsed, and keeps the code unused', async () => {
    const lock = await register();
    const free = await redeem(lock.id, 'organisation_option');
    expect(free.res.body.error.code).toBe('locks.option_needs_management');
    expect((await issue(lock.id, { organisationId: emails.orgId, medium: undefined, identifier: undefined })).body.error.code).toBe('locks.sharing_inactive');
    await redeem(lock.id, 'management_5y');
    // The same code, refused before, works now.
    expect((await as('owner', 'POST', '/api/prepaid-codes/redeem', { code: free.code, lockId: lock.id })).status).toBe(200);
    const state = await lockOf(lock.id);
    expect(state.licence).toMatchObject({ sharing: true });
    // After the paid years lapse the option does not work, even if bought again.
    advanceTo(new Date(new Date(state.licence.managedUntil).getTime() + 1000));
    expect((await lockOf(lock.id)).licence.sharing).toBe(false);
    expect((await redeem(lock.id, 'organisation_option')).res.body.error.code).toBe('locks.option_needs_management');
  });

  it('lets an organisation with organisation management share a lock while the option runs', async () => {
    const lock = await register();
    await redeem(lock.id, 'management_5y');
    // The organisation has no organisation management yet: it is not a registered organisation for keys.
    await redeem(lock.id, 'organisation_option');
    expect((await issue(lock.id, { organisationId: emails.orgId, medium: undefined, identifier: undefined })).body.error.code).toBe('locks.not_organisation');
    expect((await redeem(undefined, 'organisation_management', 'org')).res.status).toBe(200);
    const orgKey = await issue(lock.id, { organisationId: emails.orgId, medium: undefined, identifier: undefined, holderName: undefined });
    expect(orgKey.status, JSON.stringify(orgKey.body)).toBe(201);
    expect(orgKey.body.key).toMatchObject({ holderName: 'Hausbetreuung Wien GmbH', medium: null });

    const shared = (await as('org', 'GET', '/api/locks')).body;
    expect(shared.map((l: { id: string; right: string }) => [l.id, l.right])).toContainEqual([lock.id, 'shared']);
    const key = await issue(lock.id, { holderName: 'Caretaker' }, 'org');
    expect(key.status).toBe(201);
    expect((await revoke(lock.id, key.body.key.id, 'org')).status).toBe(200);
    // Shared management is not ownership: no keys for organisations, no codes, no removal.
    expect((await issue(lock.id, { organisationId: emails.orgId }, 'org')).status).toBe(403);
    expect((await as('org', 'POST', '/api/prepaid-codes/redeem', { code: (await codes(operator(), 'key_pack', 1, 5))[0], lockId: lock.id })).status).toBe(403);
    expect((await as('org', 'DELETE', `/api/locks/${lock.id}`)).status).toBe(404);
    // Revoking the organisation's key ends the sharing.
    expect((await revoke(lock.id, orgKey.body.key.id)).status).toBe(200);
    expect((await as('org', 'GET', `/api/locks/${lock.id}`)).status).toBe(404);
  });
});
