import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asPlatform } from '../../db/scope.ts';
import { createTestContext, login, type Session, type TestContext } from '../../test/app.ts';
import { verifyPassword } from '../auth/auth.passwords.ts';
import { heimbauRooms, newIdentity, registerTerminal, simulateConnection, simulateSession, type Rooms } from './devices.fixtures.ts';

let ctx: TestContext;
let manager: Session;
let staff: Session;
let regie: Session;
let rooms: Rooms;

beforeAll(async () => {
  ctx = await createTestContext();
  [manager, staff, regie] = await Promise.all([login(ctx.app, 'manager@demo.test'), login(ctx.app, 'staff@demo.test'), login(ctx.app, 'regie@demo.test')]);
  rooms = await heimbauRooms(manager);
});
afterAll(async () => { await ctx?.close(); });

const storedHash = (id: string) => asPlatform(ctx.deps.db, async (tx) => (await tx.selectFrom('devices').select('password_hash').where('id', '=', id).executeTakeFirstOrThrow()).password_hash!);
const audit = async (entityId: string) => ((await manager.request('GET', `/api/audit?entityType=device`)).body.events as { action: string; entityId: string; after: unknown }[])
  .filter((e) => e.entityId === entityId);

describe('registering a device', () => {
  it('registers a terminal in the laundry room and shows its password once; only an argon2id hash is kept', async () => {
    const identity = newIdentity();
    const res = await staff.request('POST', '/api/devices', { identity, kind: 'laundry_terminal', siteId: rooms.siteId, unitId: rooms.laundryRoomId, name: 'Waschküche links' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(res.body.device).toMatchObject({ identity, kind: 'laundry_terminal', siteName: 'Wohnhausanlage Leopoldau', unitLabel: 'Waschküche Stiege 1',
      name: 'Waschküche links', registration: 'pending', hasPassword: true, connected: false, appliances: [] });
    const hash = await storedHash(res.body.device.id);
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(hash, res.body.password)).toBe(true);

    const shown = (await manager.request('GET', `/api/devices/${res.body.device.id}`)).body;
    expect(JSON.stringify(shown)).not.toContain(res.body.password);
    expect(shown).not.toHaveProperty('password');
    const events = await audit(res.body.device.id);
    expect(events.map((e) => e.action)).toEqual(['device.created']);
    expect(JSON.stringify(events)).not.toContain(res.body.password);
    expect(JSON.stringify(events)).not.toContain('argon2');
  });

  it('refuses an identity another property manager already uses, without naming it', async () => {
    const identity = newIdentity();
    await registerTerminalWithIdentity(manager, identity);
    const regieSite = (await regie.request('GET', '/api/sites')).body[0].id;
    const res = await regie.request('POST', '/api/devices', { identity, kind: 'charger', siteId: regieSite, name: 'Borne 1' });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'devices.identity_taken', fields: [{ field: 'identity' }] });
    expect(JSON.stringify(res.body)).not.toMatch(/heimbau|leopoldau/i);
    expect((await regie.request('GET', '/api/devices')).body.map((d: { identity: string }) => d.identity)).not.toContain(identity);
  });

  it('checks the room: a unit of the same site, of the kind the device sits in', async () => {
    const base = { identity: newIdentity(), kind: 'laundry_terminal', siteId: rooms.siteId, name: 'x' };
    const otherSite = await manager.request('POST', '/api/devices', { ...base, unitId: rooms.otherLaundryRoomId });
    expect(otherSite.body.error).toMatchObject({ code: 'devices.unit_not_of_site', fields: [{ field: 'unitId' }] });
    expect((await manager.request('POST', '/api/devices', { ...base, unitId: rooms.flatId })).body.error.code).toBe('devices.wrong_unit_kind');
    expect((await manager.request('POST', '/api/devices', { ...base, unitId: rooms.garageId })).body.error.code).toBe('devices.wrong_unit_kind');
    expect((await manager.request('POST', '/api/devices', { ...base, kind: 'charger', unitId: rooms.parkingId })).status).toBe(201);
    expect((await manager.request('POST', '/api/devices', { ...base, identity: newIdentity(), unitId: null })).status).toBe(201);
  });

  it('refuses bad identities and unknown fields with the field named', async () => {
    for (const identity of ['', 'has space', 'x'.repeat(49), 'slash/inside']) {
      const res = await manager.request('POST', '/api/devices', { identity, kind: 'charger', siteId: rooms.siteId, name: 'x' });
      expect(res.status).toBe(400);
      expect(res.body.error.fields[0].field).toBe('identity');
    }
    expect((await manager.request('POST', '/api/devices', { identity: newIdentity(), kind: 'lock', siteId: rooms.siteId, name: 'x' })).status).toBe(400);
    expect((await manager.request('POST', '/api/devices', { identity: newIdentity(), kind: 'charger', siteId: rooms.siteId, name: 'x', passwordHash: 'x' })).status).toBe(400);
  });
});

async function registerTerminalWithIdentity(session: Session, identity: string) {
  const res = await session.request('POST', '/api/devices', { identity, kind: 'laundry_terminal', siteId: rooms.siteId, unitId: rooms.laundryRoomId, name: 'Terminal' });
  expect(res.status).toBe(201);
  return res.body;
}

describe('onboarding', () => {
  it('shows what the device reported at boot and lets staff accept it once; a second accept changes nothing', async () => {
    const device = await registerTerminal(manager, rooms);
    await simulateConnection(ctx, device.id, { connected: true, boot: { vendor: 'Miele', model: 'PT 8000', serial: 'SN-4711', firmware: '2.1.0' } });
    const pending = (await manager.request('GET', `/api/devices?siteId=${rooms.siteId}`)).body.find((d: { id: string }) => d.id === device.id);
    expect(pending).toMatchObject({ registration: 'pending', vendor: 'Miele', model: 'PT 8000', serialNumber: 'SN-4711', firmwareVersion: '2.1.0', connected: true });
    expect(pending.lastBootAt).not.toBeNull();

    const accepted = await staff.request('POST', `/api/devices/${device.id}/accept`);
    expect(accepted).toMatchObject({ status: 200, body: { registration: 'accepted' } });
    expect((await staff.request('POST', `/api/devices/${device.id}/accept`)).body.registration).toBe('accepted');
    expect((await audit(device.id)).filter((e) => e.action === 'device.accepted')).toHaveLength(1);

    expect((await manager.request('POST', `/api/devices/${device.id}/reject`)).body.registration).toBe('rejected');
    expect((await audit(device.id)).map((e) => e.action)).toContain('device.rejected');
  });

  it('gives a new password once; the old one no longer matches', async () => {
    const created = await manager.request('POST', '/api/devices', { identity: newIdentity(), kind: 'charger', siteId: rooms.siteId, unitId: rooms.garageId, name: 'Wallbox 1' });
    const res = await manager.request('POST', `/api/devices/${created.body.device.id}/password`);
    expect(res.status).toBe(200);
    expect(res.body.password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(res.body.password).not.toBe(created.body.password);
    const hash = await storedHash(created.body.device.id);
    expect(await verifyPassword(hash, res.body.password)).toBe(true);
    expect(await verifyPassword(hash, created.body.password)).toBe(false);
    expect((await audit(created.body.device.id)).map((e) => e.action)).toContain('device.password_reset');
  });

  it('changes name, room and timings within limits', async () => {
    const device = await registerTerminal(manager, rooms);
    const res = await manager.request('PATCH', `/api/devices/${device.id}`, { name: 'Terminal rechts', unitId: null, idleEndMinutes: 30, impulseEndMinutes: 3, heartbeatSeconds: 60 });
    expect(res.body).toMatchObject({ name: 'Terminal rechts', unitId: null, idleEndMinutes: 30, impulseEndMinutes: 3, heartbeatSeconds: 60 });
    expect((await manager.request('PATCH', `/api/devices/${device.id}`, { idleEndMinutes: 0 })).status).toBe(400);
    expect((await manager.request('PATCH', `/api/devices/${device.id}`, { heartbeatSeconds: 5 })).status).toBe(400);
    expect((await manager.request('PATCH', `/api/devices/${device.id}`, { identity: 'NEW' })).status).toBe(400);
    expect((await manager.request('PATCH', `/api/devices/${device.id}`, { unitId: rooms.otherLaundryRoomId })).body.error.code).toBe('devices.unit_not_of_site');
    expect((await manager.request('GET', `/api/devices/${device.id}`)).body.name).toBe('Terminal rechts');
  });
});

describe('deleting', () => {
  it('deletes a device nobody used, and refuses one with recorded usage', async () => {
    const unused = await registerTerminal(manager, rooms);
    expect((await manager.request('DELETE', `/api/devices/${unused.id}`)).status).toBe(200);
    expect((await manager.request('GET', `/api/devices/${unused.id}`)).body.error.code).toBe('devices.not_found');

    const used = await registerTerminal(manager, rooms);
    const washer = (await manager.request('POST', `/api/devices/${used.id}/appliances`, { connectorId: 1, kind: 'washer', metering: 'energy', name: 'Waschmaschine 1' })).body;
    await simulateSession(ctx, used.id, washer.id, 'completed');
    const res = await manager.request('DELETE', `/api/devices/${used.id}`);
    expect(res).toMatchObject({ status: 409, body: { error: { code: 'devices.has_sessions' } } });
    expect((await manager.request('GET', `/api/devices/${used.id}`)).status).toBe(200);
  });
});

describe('who may do what', () => {
  it('lets a technician see the devices of its sites only, and change nothing', async () => {
    const leopoldau = await registerTerminal(manager, rooms, 'Leopoldau');
    const simmering = (await manager.request('POST', '/api/devices', { identity: newIdentity(), kind: 'laundry_terminal', siteId: rooms.otherSiteId, unitId: rooms.otherLaundryRoomId, name: 'Simmering' })).body.device;
    const sabine = (await manager.request('GET', '/api/staff')).body.find((s: { email: string }) => s.email === 'staff@demo.test');
    await manager.request('PATCH', `/api/staff/${sabine.userId}`, { role: 'technician' });
    await manager.request('PUT', `/api/staff/${sabine.userId}/sites`, { siteIds: [rooms.otherSiteId] });
    try {
      const technician = await login(ctx.app, 'staff@demo.test');
      const seen = (await technician.request('GET', '/api/devices')).body.map((d: { id: string }) => d.id);
      expect(seen).toContain(simmering.id);
      expect(seen).not.toContain(leopoldau.id);
      expect((await technician.request('GET', `/api/devices/${leopoldau.id}`)).status).toBe(404);
      expect((await technician.request('GET', `/api/devices/${simmering.id}`)).status).toBe(200);
      expect((await technician.request('GET', `/api/devices?siteId=${rooms.siteId}`)).status).toBe(404);
      expect((await technician.request('POST', `/api/devices/${simmering.id}/accept`)).status).toBe(403);
      expect((await technician.request('PATCH', `/api/devices/${simmering.id}`, { name: 'x' })).status).toBe(403);
      expect((await technician.request('POST', '/api/devices', { identity: newIdentity(), kind: 'charger', siteId: rooms.otherSiteId, name: 'x' })).status).toBe(403);
    } finally {
      await manager.request('PATCH', `/api/staff/${sabine.userId}`, { role: 'manager_staff' });
      staff = await login(ctx.app, 'staff@demo.test');
    }
  });

  it('keeps residents out and another tenant\'s devices invisible', async () => {
    const resident = await login(ctx.app, 'resident@demo.test');
    expect((await resident.request('GET', '/api/devices')).status).toBe(403);
    const device = await registerTerminal(manager, rooms);
    expect((await regie.request('GET', `/api/devices/${device.id}`)).status).toBe(404);
    expect((await regie.request('POST', `/api/devices/${device.id}/accept`)).status).toBe(404);
    expect((await regie.request('GET', '/api/devices')).body.map((d: { id: string }) => d.id)).not.toContain(device.id);
  });
});
