import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, login, type Session, type TestContext } from '../../test/app.ts';
import { heimbauRooms, registerCharger, registerTerminal, simulateSession, type Rooms } from './devices.fixtures.ts';

let ctx: TestContext;
let manager: Session;
let rooms: Rooms;

beforeAll(async () => {
  ctx = await createTestContext();
  manager = await login(ctx.app, 'manager@demo.test');
  rooms = await heimbauRooms(manager);
});
afterAll(async () => { await ctx?.close(); });

const add = (deviceId: string, connectorId: number, kind: string, metering: string, name = `${kind} ${connectorId}`) =>
  manager.request('POST', `/api/devices/${deviceId}/appliances`, { connectorId, kind, metering, name });
const appliancesOf = async (deviceId: string) => (await manager.request('GET', `/api/devices/${deviceId}`)).body.appliances as { id: string; connectorId: number; kind: string; metering: string; name: string; status: string }[];

describe('a laundry terminal', () => {
  it('takes two metered circuits and refuses a third, or an impulse output beside them', async () => {
    const terminal = await registerTerminal(manager, rooms);
    const washer = await add(terminal.id, 1, 'washer', 'energy', 'Waschmaschine 1');
    expect(washer.status, JSON.stringify(washer.body)).toBe(201);
    expect(washer.body).toMatchObject({ connectorId: 1, kind: 'washer', metering: 'energy', name: 'Waschmaschine 1', status: 'offline', running: false });
    expect((await add(terminal.id, 2, 'dryer', 'time')).status).toBe(201);

    const third = await add(terminal.id, 3, 'washer', 'energy');
    expect(third).toMatchObject({ status: 409, body: { error: { code: 'devices.too_many_metered', fields: [{ field: 'metering' }] } } });
    expect((await add(terminal.id, 3, 'ironer', 'impulse')).body.error.code).toBe('devices.mixed_wiring');
    expect((await appliancesOf(terminal.id)).map((a) => a.connectorId)).toEqual([1, 2]);
  });

  it('takes up to eight impulse outputs and no metered circuit beside them', async () => {
    const terminal = await registerTerminal(manager, rooms);
    for (let connector = 1; connector <= 8; connector++) expect((await add(terminal.id, connector, connector % 2 ? 'washer' : 'dryer', 'impulse')).status).toBe(201);
    expect((await add(terminal.id, 9, 'washer', 'impulse')).body.error.code).toBe('devices.too_many_impulse');
    const fresh = await registerTerminal(manager, rooms);
    await add(fresh.id, 1, 'washer', 'impulse');
    expect((await add(fresh.id, 2, 'washer', 'time')).body.error.code).toBe('devices.mixed_wiring');
  });

  it('refuses a connector used twice and an EV connector', async () => {
    const terminal = await registerTerminal(manager, rooms);
    await add(terminal.id, 1, 'washer', 'energy');
    expect((await add(terminal.id, 1, 'dryer', 'energy')).body.error).toMatchObject({ code: 'devices.connector_taken', fields: [{ field: 'connectorId' }] });
    expect((await add(terminal.id, 2, 'ev_connector', 'energy')).body.error.code).toBe('devices.terminal_no_ev_connector');
    expect((await add(terminal.id, 0, 'washer', 'energy')).status).toBe(400);
    expect((await add(terminal.id, 100, 'washer', 'energy')).status).toBe(400);
  });

  it('checks a change against the other appliances, and refuses rewiring one that is running', async () => {
    const terminal = await registerTerminal(manager, rooms);
    const washer = (await add(terminal.id, 1, 'washer', 'energy')).body;
    const dryer = (await add(terminal.id, 2, 'dryer', 'energy')).body;
    expect((await manager.request('PATCH', `/api/devices/${terminal.id}/appliances/${dryer.id}`, { connectorId: 1 })).body.error.code).toBe('devices.connector_taken');
    expect((await manager.request('PATCH', `/api/devices/${terminal.id}/appliances/${dryer.id}`, { metering: 'impulse' })).body.error.code).toBe('devices.mixed_wiring');
    const renamed = await manager.request('PATCH', `/api/devices/${terminal.id}/appliances/${dryer.id}`, { name: 'Trockner', metering: 'time', connectorId: 2 });
    expect(renamed.body).toMatchObject({ name: 'Trockner', metering: 'time', connectorId: 2 });

    await simulateSession(ctx, terminal.id, washer.id, 'active');
    expect((await manager.request('PATCH', `/api/devices/${terminal.id}/appliances/${washer.id}`, { metering: 'time' })).body.error.code).toBe('devices.appliance_in_use');
    expect((await manager.request('PATCH', `/api/devices/${terminal.id}/appliances/${washer.id}`, { name: 'Waschmaschine groß' })).body.name).toBe('Waschmaschine groß');
    expect((await appliancesOf(terminal.id)).find((a) => a.id === washer.id)).toMatchObject({ metering: 'energy', running: true });
  });

  it('removes an appliance nobody used, but keeps one with sessions', async () => {
    const terminal = await registerTerminal(manager, rooms);
    const unused = (await add(terminal.id, 1, 'washer', 'energy')).body;
    const used = (await add(terminal.id, 2, 'washer', 'energy')).body;
    await simulateSession(ctx, terminal.id, used.id, 'completed');
    expect((await manager.request('DELETE', `/api/devices/${terminal.id}/appliances/${unused.id}`)).status).toBe(200);
    expect((await manager.request('DELETE', `/api/devices/${terminal.id}/appliances/${used.id}`)).body.error.code).toBe('devices.appliance_has_sessions');
    expect((await appliancesOf(terminal.id)).map((a) => a.id)).toEqual([used.id]);
    const other = await registerTerminal(manager, rooms);
    expect((await manager.request('DELETE', `/api/devices/${other.id}/appliances/${used.id}`)).body.error.code).toBe('devices.appliance_not_found');
  });

  it('serialises concurrent additions, so the limit holds', async () => {
    const terminal = await registerTerminal(manager, rooms);
    const results = await Promise.all([1, 2, 3, 4].map((c) => add(terminal.id, c, 'washer', 'energy')));
    expect(results.filter((r) => r.status === 201)).toHaveLength(2);
    expect(results.filter((r) => r.status === 409).map((r) => r.body.error.code)).toEqual(['devices.too_many_metered', 'devices.too_many_metered']);
    expect(await appliancesOf(terminal.id)).toHaveLength(2);
  });
});

describe('a charger', () => {
  it('has EV connectors metered by energy or time only', async () => {
    const charger = await registerCharger(manager, rooms);
    expect((await add(charger.id, 1, 'ev_connector', 'energy')).status).toBe(201);
    expect((await add(charger.id, 2, 'ev_connector', 'time')).status).toBe(201);
    expect((await add(charger.id, 3, 'ev_connector', 'energy')).status).toBe(201);
    expect((await add(charger.id, 4, 'washer', 'energy')).body.error).toMatchObject({ code: 'devices.charger_connectors_only', fields: [{ field: 'kind' }] });
    expect((await add(charger.id, 4, 'ev_connector', 'impulse')).body.error).toMatchObject({ code: 'devices.charger_metering', fields: [{ field: 'metering' }] });
  });
});

it('records every appliance change in the audit log', async () => {
  const terminal = await registerTerminal(manager, rooms);
  const washer = (await add(terminal.id, 1, 'washer', 'energy')).body;
  await manager.request('PATCH', `/api/devices/${terminal.id}/appliances/${washer.id}`, { name: 'W1' });
  await manager.request('DELETE', `/api/devices/${terminal.id}/appliances/${washer.id}`);
  const events = (await manager.request('GET', '/api/audit?entityType=appliance')).body.events as { action: string; entityId: string }[];
  expect(events.filter((e) => e.entityId === washer.id).map((e) => e.action).sort()).toEqual(['appliance.created', 'appliance.deleted', 'appliance.updated']);
});
