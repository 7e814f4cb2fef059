// Locks and keys through the HTTP API: who sees and manages which lock, what a key may be, the
// event log with its filters, retention and pseudonymisation. The licence rules have their own
// table-driven walk in locks.licence.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asPlatform } from '../../db/scope.ts';
import { createTestContext, login, type Session, type TestContext } from '../../test/app.ts';
import { pruneLockEvents } from './locks.usecases.ts';
import { pinHash } from './locks.secrets.ts';
import { DAY, lockOwnerLogin, stockLock } from './locks.fixtures.ts';

let ctx: TestContext;
let manager: Session;
let staff: Session;
let resident: Session;
let operator: Session;
let regie: Session;
let owner: { session: Session; partyId: string };
let other: { session: Session; partyId: string };
let tenantId: string;
let lockId: string;
let serial: string;

beforeAll(async () => {
  ctx = await createTestContext();
  const sessions = await Promise.all(['manager@demo.test', 'staff@demo.test', 'resident@demo.test', 'operator@demo.test', 'regie@demo.test']
    .map((email) => login(ctx.app, email)));
  [manager, staff, resident, operator, regie] = sessions as [Session, Session, Session, Session, Session];
  tenantId = (await manager.request('GET', '/api/tenant')).body.id;
  owner = await lockOwnerLogin(ctx, manager, 'lock_owner', 'Karin Schlosser');
  other = await lockOwnerLogin(ctx, manager, 'lock_owner', 'Otto Other');
  const stocked = await stockLock(operator);
  serial = stocked.serial;
  const res = await owner.session.request('POST', '/api/locks', { ...stocked, name: 'Garden gate' });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  lockId = res.body.id;
});
afterAll(() => ctx?.close());

describe('who sees a lock', () => {
  it('shows the owner its lock with the free period, the manager\'s staff every lock, and nobody else anything', async () => {
    const mine = (await owner.session.request('GET', '/api/locks')).body;
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ id: lockId, serial, name: 'Garden gate', right: 'owner', owner: { name: 'Karin Schlosser' },
      licence: { management: 'full', phase: 'free', purchasedKeys: 10, issuableKeys: 10, keyLimit: 2500 } });
    expect((await staff.request('GET', '/api/locks')).body.map((l: { id: string; right: string }) => [l.id, l.right])).toContainEqual([lockId, 'reader']);
    expect((await other.session.request('GET', '/api/locks')).body).toEqual([]);
    expect((await other.session.request('GET', `/api/locks/${lockId}`)).status).toBe(404);
    expect((await regie.request('GET', `/api/locks/${lockId}`)).status).toBe(404);
    expect((await resident.request('GET', '/api/locks')).status).toBe(403);
  });

  it('offers a lock owner only organisations with organisation management to share a lock with', async () => {
    const names = (await owner.session.request('GET', '/api/lock-organisations')).body.map((o: { name: string }) => o.name);
    expect(names).toEqual(['Hausbetreuung Wien GmbH']);
    expect((await staff.request('GET', '/api/lock-organisations')).status).toBe(403);
  });

  it('lets staff read but not change, and another owner not even find it', async () => {
    expect((await staff.request('POST', `/api/locks/${lockId}/keys`, { holderName: 'X', medium: 'pin', pin: '1234' })).status).toBe(403);
    expect((await staff.request('DELETE', `/api/locks/${lockId}`)).status).toBe(403);
    expect((await other.session.request('POST', `/api/locks/${lockId}/keys`, { holderName: 'X', medium: 'pin', pin: '1234' })).status).toBe(404);
    expect((await regie.request('GET', `/api/locks/${lockId}/events`)).status).toBe(404);
  });
});

describe('issuing keys', () => {
  it('issues a PIN key with a time window, shows the PIN once, and keeps only its hash', async () => {
    const res = await owner.session.request('POST', `/api/locks/${lockId}/keys`, {
      holderName: 'Cleaner', medium: 'pin', pin: '482913', validFrom: '2026-01-01T00:00:00.000Z', validUntil: '2027-01-01T00:00:00.000Z',
      weekdays: 0b0011111, minutesFrom: 7 * 60, minutesUntil: 18 * 60,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.secret).toBe('482913');
    expect(res.body.key).toMatchObject({ holderName: 'Cleaner', medium: 'pin', identifier: null, weekdays: 31, minutesFrom: 420, minutesUntil: 1080, revokedAt: null });
    expect(res.body.key.pseudonym).toMatch(/^[0-9A-F]{6}$/);
    expect(res.body.lock.licence).toMatchObject({ activeKeys: 1, keySlotsUsed: 1, issuableKeys: 9 });
    const stored = await asPlatform(ctx.deps.db, (tx) => tx.selectFrom('lock_keys').select(['pin_hash', 'identifier']).where('id', '=', res.body.key.id).executeTakeFirstOrThrow());
    expect(stored).toEqual({ pin_hash: pinHash(serial, '482913'), identifier: null });
    expect(JSON.stringify((await owner.session.request('GET', `/api/locks/${lockId}/keys`)).body)).not.toContain('482913');
  });

  it('refuses bad input with the field at fault and writes nothing', async () => {
    const before = (await owner.session.request('GET', `/api/locks/${lockId}`)).body.licence;
    const cases: [Record<string, unknown>, string, string][] = [
      [{ holderName: 'A', medium: 'pin', pin: '12' }, 'request.invalid_body', 'pin'],
      [{ holderName: 'A', medium: 'pin' }, 'locks.bad_pin', 'pin'],
      [{ holderName: 'A', medium: 'pin', pin: '482913' }, 'locks.pin_taken', 'pin'],
      [{ holderName: 'A', medium: 'rfid', identifier: 'XYZ' }, 'credentials.bad_uid', 'identifier'],
      [{ holderName: 'A', medium: 'fob' }, 'locks.missing_identifier', 'identifier'],
      [{ holderName: 'A' }, 'locks.missing_medium', 'medium'],
      [{ medium: 'fob', identifier: 'R1' }, 'locks.missing_holder', 'holderName'],
      [{ holderName: 'A', medium: 'fob', identifier: 'R1', validFrom: '2027-01-01T00:00:00Z', validUntil: '2026-01-01T00:00:00Z' }, 'locks.bad_window', 'validUntil'],
      [{ holderName: 'A', medium: 'fob', identifier: 'R1', minutesFrom: 600 }, 'locks.bad_window', 'minutesUntil'],
      [{ holderName: 'A', medium: 'fob', identifier: 'R1', minutesFrom: 600, minutesUntil: 500 }, 'locks.bad_window', 'minutesUntil'],
      [{ holderName: 'A', medium: 'fob', identifier: 'R1', weekdays: 0 }, 'request.invalid_body', 'weekdays'],
      [{ holderName: 'A', medium: 'fob', identifier: 'R1', extra: 1 }, 'request.invalid_body', 'extra'],
    ];
    for (const [body, code, field] of cases) {
      const res = await owner.session.request('POST', `/api/locks/${lockId}/keys`, body);
      expect(res.status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.body.error.code, JSON.stringify(body)).toBe(code);
      expect(JSON.stringify(res.body.error.fields), JSON.stringify(body)).toContain(field);
    }
    expect((await owner.session.request('GET', `/api/locks/${lockId}`)).body.licence).toEqual(before);
  });

  it('issues tags, remotes and phones, refuses the same tag twice, and finds keys by holder or identifier', async () => {
    const tag = await owner.session.request('POST', `/api/locks/${lockId}/keys`, { holderName: 'Jana Novak', medium: 'rfid', identifier: '04:a2:24:b2:c3:5e:80' });
    expect(tag.body.key.identifier).toBe('04A224B2C35E80');
    expect((await owner.session.request('POST', `/api/locks/${lockId}/keys`, { holderName: 'Someone', medium: 'rfid', identifier: '04A224B2C35E80' })).body.error.code).toBe('locks.duplicate_identifier');
    const phone = await owner.session.request('POST', `/api/locks/${lockId}/keys`, { holderName: 'Jana Novak', medium: 'phone' });
    expect(phone.body.secret).toMatch(/^[0-9a-f]{32}$/);
    await owner.session.request('POST', `/api/locks/${lockId}/keys`, { holderName: 'Peter Remote', medium: 'fob', identifier: 'fob-77' });
    const byName = (await owner.session.request('GET', `/api/locks/${lockId}/keys?search=jana`)).body;
    expect(byName.total).toBe(2);
    expect((await owner.session.request('GET', `/api/locks/${lockId}/keys?search=FOB-77`)).body.keys.map((k: { holderName: string }) => k.holderName)).toEqual(['Peter Remote']);
    // Revoked: out of the active list, into the revoked one; the UID is free again.
    expect((await owner.session.request('POST', `/api/locks/${lockId}/keys/${tag.body.key.id}/revoke`)).body.revokedAt).not.toBeNull();
    expect((await owner.session.request('POST', `/api/locks/${lockId}/keys/${tag.body.key.id}/revoke`)).body.error.code).toBe('locks.already_revoked');
    expect((await owner.session.request('GET', `/api/locks/${lockId}/keys?status=revoked`)).body.keys.map((k: { id: string }) => k.id)).toEqual([tag.body.key.id]);
  });

  it('lets the manager\'s admin issue a key to one of the tenant\'s people, named after them, with a badge they hold', async () => {
    const people = (await manager.request('GET', '/api/people')).body as { id: string; firstName: string; lastName: string }[];
    const anna = people.find((p) => p.firstName === 'Anna')!;
    const res = await manager.request('POST', `/api/locks/${lockId}/keys`, { personId: anna.id, medium: 'fob', identifier: 'ANNA-1' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.key).toMatchObject({ holderName: 'Anna Huber', personId: anna.id });
    // A lock owner does not reach the manager's people.
    expect((await owner.session.request('POST', `/api/locks/${lockId}/keys`, { personId: anna.id, medium: 'fob', identifier: 'ANNA-2' })).status).toBe(403);
  });

  it('raises the whitelist version with every key change that a lock must learn', async () => {
    const before = (await owner.session.request('GET', `/api/locks/${lockId}`)).body.whitelistVersion;
    const key = await owner.session.request('POST', `/api/locks/${lockId}/keys`, { holderName: 'V', medium: 'fob', identifier: 'V-1' });
    expect(key.body.lock.whitelistVersion).toBe(before + 1);
    await owner.session.request('POST', `/api/locks/${lockId}/keys/${key.body.key.id}/revoke`);
    expect((await owner.session.request('GET', `/api/locks/${lockId}`)).body.whitelistVersion).toBe(before + 2);
  });
});

describe('placing locks', () => {
  it('lets a lock owner place a lock at a site and unit only after switching on building management', async () => {
    const site = (await manager.request('GET', '/api/sites')).body[0];
    const unit = (await manager.request('GET', `/api/sites/${site.id}/units`)).body[0];
    expect((await owner.session.request('PATCH', `/api/locks/${lockId}`, { siteId: site.id })).body.error.code).toBe('locks.building_management_off');
    expect((await owner.session.request('GET', '/api/lock-places')).status).toBe(403);
    const account = await owner.session.request('POST', '/api/lock-account/building-management', {});
    expect(account.body.buildingManagementAt).not.toBeNull();
    const places = (await owner.session.request('GET', '/api/lock-places')).body;
    expect(places.find((p: { id: string }) => p.id === site.id).units.map((u: { id: string }) => u.id)).toContain(unit.id);
    expect((await owner.session.request('PATCH', `/api/locks/${lockId}`, { unitId: unit.id })).body.error.code).toBe('locks.unit_needs_site');
    const placed = await owner.session.request('PATCH', `/api/locks/${lockId}`, { siteId: site.id, unitId: unit.id, name: 'Flat door' });
    expect(placed.body).toMatchObject({ name: 'Flat door', site: { id: site.id }, unit: { id: unit.id } });
    expect((await owner.session.request('GET', '/api/lock-account')).body).toMatchObject({ name: 'Karin Schlosser', kind: 'lock_owner' });
  });
});

describe('the event log', () => {
  const events = async (query = '') => (await owner.session.request('GET', `/api/locks/${lockId}/events${query}`)).body;

  it('lists what the lock reported, newest first, filtered by kind, key and time, and hides names at a residential unit after the set time', async () => {
    const key = (await owner.session.request('POST', `/api/locks/${lockId}/keys`, { holderName: 'Eva Event', medium: 'fob', identifier: 'EVA-1' })).body.key;
    const now = ctx.clock.now().getTime();
    await asPlatform(ctx.deps.db, (tx) => tx.insertInto('lock_events').values([
      { tenant_id: tenantId, lock_id: lockId, device_event_id: 'e1', at: new Date(now - 40 * DAY), kind: 'opened', key_id: key.id, key_pseudonym: key.pseudonym, detail: null },
      { tenant_id: tenantId, lock_id: lockId, device_event_id: 'e2', at: new Date(now - 2 * DAY), kind: 'opened', key_id: key.id, key_pseudonym: key.pseudonym, detail: null },
      { tenant_id: tenantId, lock_id: lockId, device_event_id: 'e3', at: new Date(now - DAY), kind: 'denied', key_id: null, key_pseudonym: null, detail: 'unknown tag 0451' },
      { tenant_id: tenantId, lock_id: lockId, device_event_id: 'e4', at: new Date(now - 400 * DAY), kind: 'battery_low', key_id: null, key_pseudonym: null, detail: null },
    ]).execute());
    const all = await events();
    expect(all.events.map((e: { kind: string }) => e.kind)).toEqual(['denied', 'opened', 'opened', 'battery_low']);
    expect(all.events[1]).toMatchObject({ holderName: 'Eva Event', keyPseudonym: key.pseudonym, medium: 'fob' });
    expect((await events('?kind=denied')).events.map((e: { detail: string }) => e.detail)).toEqual(['unknown tag 0451']);
    expect((await events(`?keyId=${key.id}`)).total).toBe(2);
    expect((await events(`?from=${new Date(now - 3 * DAY).toISOString()}`)).total).toBe(2);
    expect((await staff.request('GET', `/api/locks/${lockId}/events`)).body.total).toBe(4);

    // The worker: the 400-day-old event goes (retention 365), the 40-day-old one at this flat's door loses its holder (30 days).
    expect(await pruneLockEvents(ctx.deps)).toMatchObject({ deleted: 1, pseudonymised: 1 });
    const after = await events();
    expect(after.total).toBe(3);
    expect(after.events[2]).toMatchObject({ kind: 'opened', holderName: null, keyId: null, keyPseudonym: key.pseudonym });
    expect(after.events[1]).toMatchObject({ holderName: 'Eva Event' });
  });

  it('keeps the settings the manager\'s admin chose, refusing hiding names after deleting the events', async () => {
    expect((await manager.request('GET', '/api/lock-event-settings')).body).toEqual({ retentionDays: 365, pseudonymiseDays: 30 });
    expect((await manager.request('PUT', '/api/lock-event-settings', { retentionDays: 30, pseudonymiseDays: 60 })).body.error).toMatchObject({ code: 'locks.pseudonymise_after_retention', fields: [{ field: 'pseudonymiseDays' }] });
    expect((await manager.request('PUT', '/api/lock-event-settings', { retentionDays: 90, pseudonymiseDays: 1 })).status).toBe(200);
    expect((await staff.request('PUT', '/api/lock-event-settings', { retentionDays: 90, pseudonymiseDays: 1 })).status).toBe(403);
    expect(await pruneLockEvents(ctx.deps)).toMatchObject({ pseudonymised: 1 });
    expect((await events()).events.every((e: { holderName: string | null }) => e.holderName === null)).toBe(true);
  });
});

describe('the operator\'s lock stock', () => {
  it('adds locks once, hashes their secrets, and is the operator\'s alone', async () => {
    const res = await operator.request('POST', '/api/operator/lock-hardware', { locks: [{ serial: 'STK-0001', secret: 'secret-1' }, { serial: 'STK-0001', secret: 'other-secret' }, { serial: 'stk-0002', secret: 'secret-2' }] });
    expect(res.body, JSON.stringify(res.body)).toEqual({ added: 2, given: 3 });
    const stock = (await operator.request('GET', '/api/operator/lock-hardware')).body;
    expect(stock.map((h: { serial: string }) => h.serial)).toEqual(expect.arrayContaining(['STK-0001', 'STK-0002', serial]));
    expect(stock.find((h: { serial: string }) => h.serial === serial)).toMatchObject({ registeredWith: 'Heimbau' });
    expect(JSON.stringify(stock)).not.toContain('secret-1');
    expect((await manager.request('GET', '/api/operator/lock-hardware')).status).toBe(403);
  });
});
