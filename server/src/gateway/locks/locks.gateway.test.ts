import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RPCClient } from 'ocpp-rpc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asPlatform, inTenant } from '../../db/scope.ts';
import { createTestContext, login, type TestContext } from '../../test/app.ts';
import { SimulatedLock, withinWindow } from '../../simulator/lock.ts';
import { attachGateway, type Gateway } from '../ocpp/gateway.ts';
import { attachLockGateway, type LockGateway } from './gateway.ts';
import { addParty, issueKey, issueKeys, registerLock, removeLock, revokeKey, stockLock, type TestLock } from './locks.fixtures.ts';

let ctx: TestContext;
let ocpp: Gateway;
let locks: LockGateway;
let url: string;
let tenantId: string;
let ownerId: string;
const simulated: SimulatedLock[] = [];

beforeAll(async () => {
  ctx = await createTestContext();
  ocpp = attachGateway(ctx.app.server, ctx.deps);
  locks = attachLockGateway(ctx.app.server, ctx.deps);
  await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  url = `ws://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
  tenantId = (await asPlatform(ctx.deps.db, (tx) => tx.selectFrom('tenants').select('id').where('short_code', '=', 'heimbau').executeTakeFirstOrThrow())).id;
  ownerId = await addParty(ctx.deps.db, tenantId, 'lock_owner');
});

afterAll(async () => {
  await Promise.all(simulated.map((l) => l.disconnect()));
  const closed = ctx.app.close();
  await Promise.all([ocpp.close(), locks.close()]);
  await closed;
  await ctx.close();
});

function simulate(lock: { serial: string; secret: string }): SimulatedLock {
  const sim = new SimulatedLock({ url, serial: lock.serial, secret: lock.secret });
  simulated.push(sim);
  return sim;
}

async function connected(lock: TestLock): Promise<SimulatedLock> {
  const sim = simulate(lock);
  await sim.connect();
  return sim;
}

const lockRow = (lock: TestLock) => inTenant(ctx.deps.db, lock.tenantId, (tx) => tx.selectFrom('locks').selectAll().where('id', '=', lock.lockId).executeTakeFirstOrThrow());
const eventsOf = (lock: TestLock) => inTenant(ctx.deps.db, lock.tenantId, (tx) => tx.selectFrom('lock_events').select(['device_event_id', 'kind', 'key_id', 'key_pseudonym'])
  .where('lock_id', '=', lock.lockId).orderBy('id').execute());

/** The HTTP status a bare WebSocket upgrade of this path is answered with. */
function upgradeStatus(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url.replace('ws:', 'http:')}${path}`, { headers: { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==' } });
    req.on('response', (res) => { res.resume(); resolve(res.statusCode!); });
    req.on('upgrade', (res, socket) => { socket.destroy(); resolve(res.statusCode!); });
    req.on('error', reject);
    req.setTimeout(3_000, () => { req.destroy(); reject(new Error(`no answer for ${path}`)); });
    req.end();
  });
}

describe('lock endpoint /locks/{serial} beside OCPP', () => {
  it('refuses a wrong secret and an unknown serial with 401, a lock not registered with 404', async () => {
    const lock = await registerLock(ctx.deps.db, tenantId, ownerId);
    await expect(simulate({ ...lock, secret: 'wrong' }).connect()).rejects.toMatchObject({ code: 401 });
    await expect(simulate({ serial: 'NOBODY-1', secret: 'x' }).connect()).rejects.toMatchObject({ code: 401 });
    const inStock = await stockLock(ctx.deps.db);
    await expect(simulate(inStock).connect()).rejects.toMatchObject({ code: 404 });
    await expect(simulate({ ...inStock, secret: 'wrong' }).connect()).rejects.toMatchObject({ code: 401 });
    const sim = await connected(lock);
    expect(sim.timeZone).toBe('Europe/Vienna');
  });

  it('leaves OCPP to its gateway and answers paths nobody takes with 404', async () => {
    const charger = new RPCClient({ endpoint: `${url}/ocpp`, identity: 'NOBODY-OCPP', password: 'x', protocols: ['ocpp1.6'], reconnect: false } as ConstructorParameters<typeof RPCClient>[0]);
    await expect(charger.connect()).rejects.toMatchObject({ code: 404 });
    expect(await upgradeStatus('/elsewhere')).toBe(404);
    expect(await upgradeStatus('/locks/')).toBe(404);
    expect(await upgradeStatus('/locks/A/B')).toBe(404);
    expect(await upgradeStatus('/locks/SOME-LOCK')).toBe(401);
  });
});

describe('whitelist sync', () => {
  it('sends the full list first, then only the changes since the version the lock holds', async () => {
    const lock = await registerLock(ctx.deps.db, tenantId, ownerId);
    const { keyIds } = await issueKeys(ctx.deps.db, lock, Array.from({ length: 20 }, (_, i) => ({ medium: 'rfid' as const, identifier: `TAG-${i}` })));
    const sim = await connected(lock);
    expect(sim.version).toBe(1);
    expect(sim.whitelist.size).toBe(20);
    const first = await sim.request({ type: 'sync', since: 0 });
    expect(first).toMatchObject({ type: 'whitelist', full: true, version: 1, removed: [] });
    expect(first.keys[0]).toEqual({ key: expect.any(String), medium: 'rfid', identifier: expect.stringMatching(/^TAG-/), weekdays: 127 });

    // Ten changes: seven keys issued, three revoked.
    const added: string[] = [];
    for (let i = 0; i < 7; i++) added.push((await issueKey(ctx.deps.db, lock, { medium: 'pin', pin: `12${i}4`, weekdays: 31, minutesFrom: 480, minutesUntil: 1080 })).keyId);
    for (const keyId of keyIds.slice(0, 3)) await revokeKey(ctx.deps.db, lock, keyId);
    const delta = await sim.request({ type: 'sync', since: 1 });
    expect(delta).toMatchObject({ type: 'whitelist', full: false, version: 11 });
    expect(delta.keys.map((k: { key: string }) => k.key)).toEqual(added);
    expect(delta.keys[0]).toEqual({ key: added[0], medium: 'pin', pinHash: expect.stringMatching(/^[0-9a-f]{64}$/), weekdays: 31, minutesFrom: 480, minutesUntil: 1080 });
    expect(delta.removed.sort()).toEqual(keyIds.slice(0, 3).sort());
    expect(await sim.request({ type: 'sync', since: 11 })).toMatchObject({ full: false, keys: [], removed: [] });
    // A lock ahead of the server (registered elsewhere before) starts afresh.
    const ahead = await sim.request({ type: 'sync', since: 99 });
    expect(ahead).toMatchObject({ full: true, version: 11, removed: [] });
    expect(ahead.keys).toHaveLength(24);

    await sim.waitForVersion(11);
    expect(sim.whitelist.size).toBe(24);
    await locks.flush();
    const row = await lockRow(lock);
    expect(row.synced_version).toBe(11);
    expect(row.last_seen_at).toBeInstanceOf(Date);
  });

  it('has a revoked key refused once the change is pushed and the lock synced', async () => {
    const lock = await registerLock(ctx.deps.db, tenantId, ownerId);
    const { keyId } = await issueKey(ctx.deps.db, lock, { medium: 'fob', identifier: 'FOB-1' });
    await issueKey(ctx.deps.db, lock, { medium: 'pin', pin: '4711' });
    const sim = await connected(lock);
    expect(sim.present('fob', 'FOB-1').kind).toBe('opened');
    expect(sim.present('pin', '4711').kind).toBe('opened');
    expect(sim.present('pin', '0000').kind).toBe('denied');

    const version = await revokeKey(ctx.deps.db, lock, keyId);
    await sim.waitForVersion(version); // pushed by `changed`, no sync asked for
    expect(sim.present('fob', 'FOB-1').kind).toBe('denied');
    await sim.settled();
    expect((await eventsOf(lock)).map((e) => [e.kind, e.key_id])).toEqual([
      ['opened', keyId], ['opened', expect.any(String)], ['denied', null], ['denied', null], // the lock no longer knows the key
    ]);
  });

  it('never sends organisation keys', async () => {
    const lock = await registerLock(ctx.deps.db, tenantId, ownerId);
    const organisation = await addParty(ctx.deps.db, tenantId, 'organisation');
    await issueKey(ctx.deps.db, lock, { medium: null, organisationId: organisation });
    const { keyId } = await issueKey(ctx.deps.db, lock, { medium: 'phone', identifier: 'PHONE-1' });
    const sim = await connected(lock);
    expect([...sim.whitelist.keys()]).toEqual([keyId]);
    expect((await sim.request({ type: 'sync', since: 1 })).keys.map((k: { key: string }) => k.key)).toEqual([keyId]);
  });

  it('closes the connection with 4004 when the lock is removed', async () => {
    const lock = await registerLock(ctx.deps.db, tenantId, ownerId);
    const sim = await connected(lock);
    await removeLock(ctx.deps.db, lock);
    await expect.poll(() => sim.closeCode).toBe(4004);
    await expect(simulate(lock).connect()).rejects.toMatchObject({ code: 404 });
  });
});

describe('events', () => {
  it('buffers events while offline and replays them on reconnect, stored once', async () => {
    const lock = await registerLock(ctx.deps.db, tenantId, ownerId);
    const { keyId } = await issueKey(ctx.deps.db, lock, { medium: 'rfid', identifier: 'TAG-OFF' });
    const sim = await connected(lock);
    await sim.disconnect();
    sim.present('rfid', 'TAG-OFF');
    sim.record({ kind: 'battery_low', at: new Date('2026-01-02T03:04:05Z') });
    sim.present('rfid', 'TAG-UNKNOWN');
    expect(sim.pending).toHaveLength(3);
    const replayed = [...sim.pending];
    await sim.connect();
    await sim.settled();
    // A lock that lost the ack sends the same events again: acknowledged, not stored twice.
    const again = await sim.request({ type: 'events', events: replayed });
    expect(again).toEqual({ id: again.id, type: 'ack', ids: replayed.map((e) => e.eventId) });
    const events = await eventsOf(lock);
    expect(events.map((e) => [e.device_event_id, e.kind, e.key_id])).toEqual([
      [replayed[0]!.eventId, 'opened', keyId], [replayed[1]!.eventId, 'battery_low', null], [replayed[2]!.eventId, 'denied', null],
    ]);
    expect(events[0]!.key_pseudonym).toMatch(/^[0-9A-F]{6}$/);
    expect((await lockRow(lock)).battery_low_at).toEqual(new Date('2026-01-02T03:04:05Z'));
  });

  it('stores a key that is not one of this lock\'s keys as no key', async () => {
    const lock = await registerLock(ctx.deps.db, tenantId, ownerId);
    const other = await registerLock(ctx.deps.db, tenantId, ownerId);
    const { keyId: foreign } = await issueKey(ctx.deps.db, other, { medium: 'rfid', identifier: 'TAG-OTHER' });
    const sim = await connected(lock);
    const at = new Date().toISOString();
    const ack = await sim.request({ type: 'events', events: [
      { eventId: 'e1', at, kind: 'opened', key: foreign }, { eventId: 'e2', at, kind: 'tamper', key: 'not-a-uuid', detail: 'cover opened' },
    ] });
    expect(ack.ids).toEqual(['e1', 'e2']);
    expect((await eventsOf(lock)).map((e) => [e.device_event_id, e.key_id, e.key_pseudonym])).toEqual([['e1', null, null], ['e2', null, null]]);
    expect((await lockRow(lock)).tamper_at).toEqual(new Date(at));
  });

  it('answers bad frames with error codes, writes nothing, and keeps the connection working', async () => {
    const lock = await registerLock(ctx.deps.db, tenantId, ownerId);
    const sim = await connected(lock);
    expect(await sim.raw('{not json', '')).toEqual({ type: 'error', code: 'protocol.bad_json', field: '', message: expect.any(String) });
    expect(await sim.raw(JSON.stringify({ id: 'u1', type: 'open_sesame' }), 'u1')).toMatchObject({ type: 'error', id: 'u1', code: 'protocol.unknown_type', field: '/type' });
    expect(await sim.raw(JSON.stringify({ id: 'i1', type: 'sync', since: -1 }), 'i1')).toMatchObject({ code: 'protocol.invalid', field: '/since' });
    expect(await sim.raw(JSON.stringify({ id: 'i2', type: 'sync' }), 'i2')).toMatchObject({ code: 'protocol.invalid', field: '/since' });
    const at = new Date().toISOString();
    expect(await sim.raw(JSON.stringify({ id: 'i3', type: 'events', events: [{ eventId: 'x1', at, kind: 'opened' }, { eventId: 'x2', at, kind: 'exploded' }] }), 'i3'))
      .toMatchObject({ code: 'protocol.invalid', field: '/events/1/kind' });
    expect(await sim.raw(JSON.stringify({ id: 'i4', type: 'events', events: [] }), 'i4')).toMatchObject({ code: 'protocol.invalid', field: '/events' });
    expect(await sim.raw(JSON.stringify({ id: 'i5', type: 'events', events: [{ eventId: 'x3', at: 'yesterday', kind: 'opened' }] }), 'i5')).toMatchObject({ code: 'protocol.invalid', field: '/events/0/at' });
    expect(await sim.raw(JSON.stringify({ id: 'i6', type: 'ping', extra: 1 }), 'i6')).toMatchObject({ code: 'protocol.invalid', field: '/extra' });
    expect(await sim.raw('[1,2]', '')).toMatchObject({ code: 'protocol.invalid' });
    expect(await eventsOf(lock)).toEqual([]);
    const pong = await sim.request({ type: 'ping' });
    expect(pong).toEqual({ id: pong.id, type: 'pong', time: expect.any(String) });
  });
});

describe('simulated lock time windows', () => {
  const entry = { key: 'k', medium: 'rfid' as const, identifier: 'T', weekdays: 0b0011111, minutesFrom: 8 * 60, minutesUntil: 18 * 60 };
  it('counts weekdays and minutes in the tenant\'s zone', () => {
    // Monday 2026-03-02, 07:30 UTC = 08:30 in Vienna (CET).
    expect(withinWindow(entry, new Date('2026-03-02T07:30:00Z'), 'Europe/Vienna')).toBe(true);
    expect(withinWindow(entry, new Date('2026-03-02T07:30:00Z'), 'UTC')).toBe(false);
    expect(withinWindow(entry, new Date('2026-03-07T09:00:00Z'), 'Europe/Vienna')).toBe(false); // Saturday
    expect(withinWindow({ ...entry, weekdays: 127, minutesFrom: 22 * 60, minutesUntil: 6 * 60 }, new Date('2026-03-07T23:30:00Z'), 'Europe/Vienna')).toBe(true);
    expect(withinWindow({ ...entry, validUntil: '2026-03-01T00:00:00Z' }, new Date('2026-03-02T07:30:00Z'), 'Europe/Vienna')).toBe(false);
  });
});

describe('through the portal\'s API end to end', () => {
  it('lets a key issued in the portal open the lock, and refuses it at the next sync once revoked; the portal shows both', async () => {
    const [manager, operator] = await Promise.all([login(ctx.app, 'manager@demo.test'), login(ctx.app, 'operator@demo.test')]);
    const party = (await manager.request('POST', '/api/parties', { kind: 'lock_owner', name: 'End To End' })).body;
    await operator.request('POST', '/api/operator/lock-hardware', { locks: [{ serial: 'E2E-LOCK-1', secret: 'label-secret' }] });
    const lock = (await manager.request('POST', '/api/locks', { serial: 'E2E-LOCK-1', secret: 'label-secret', name: 'Door', ownerId: party.id })).body;
    const sim = await connected({ serial: 'E2E-LOCK-1', secret: 'label-secret' } as TestLock);

    const issued = (await manager.request('POST', `/api/locks/${lock.id}/keys`, { holderName: 'Nora Neu', medium: 'pin', pin: '246810' })).body;
    await sim.waitForVersion(issued.lock.whitelistVersion);
    expect(sim.present('pin', '246810').kind).toBe('opened');

    await manager.request('POST', `/api/locks/${lock.id}/keys/${issued.key.id}/revoke`);
    await sim.waitForVersion(issued.lock.whitelistVersion + 1);
    expect(sim.present('pin', '246810').kind).toBe('denied');
    await sim.settled();

    const events = (await manager.request('GET', `/api/locks/${lock.id}/events`)).body.events;
    expect(events.map((e: { kind: string; holderName: string | null }) => [e.kind, e.holderName])).toEqual([['denied', null], ['opened', 'Nora Neu']]);
  });
});
