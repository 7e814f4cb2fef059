// Commands over the real path: the device registered through the API connects to the gateway with
// the password it was given, and answers what staff send it.
import type { RPCClient } from 'ocpp-rpc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayWorld, deviceClient, type GatewayWorld } from '../../gateway/ocpp/testing.ts';
import { createTestContext, login, type Session, type TestContext } from '../../test/app.ts';
import { heimbauRooms, registerTerminal, type Rooms } from './devices.fixtures.ts';

let ctx: TestContext;
let world: GatewayWorld;
let manager: Session;
let rooms: Rooms;

beforeAll(async () => {
  ctx = await createTestContext();
  world = await startGatewayWorld(ctx);
  manager = await login(ctx.app, 'manager@demo.test');
  rooms = await heimbauRooms(manager);
});
afterAll(async () => { await world?.close(); await ctx?.close(); });

const command = (session: Session, deviceId: string, action: string, payload: object) => session.request('POST', `/api/devices/${deviceId}/commands`, { action, payload });

/** Registers a terminal with one washer through the API and connects it with the password the API gave. */
async function connectedTerminal(handlers: Record<string, (params: any) => Record<string, unknown>> = {}) {
  const identity = `CMD-${Math.random().toString(36).slice(2, 10)}`;
  const created = (await manager.request('POST', '/api/devices', { identity, kind: 'laundry_terminal', siteId: rooms.siteId, unitId: rooms.laundryRoomId, name: 'Terminal' })).body;
  await manager.request('POST', `/api/devices/${created.device.id}/appliances`, { connectorId: 1, kind: 'washer', metering: 'energy', name: 'W1' });
  const client: RPCClient = deviceClient(world, identity, { password: created.password });
  for (const [action, handler] of Object.entries(handlers)) client.handle(action, async ({ params }) => handler(params));
  await client.connect();
  return { deviceId: created.device.id as string, identity, client };
}

describe('onboarding through the gateway', () => {
  it('a new device waits (Pending) with its boot data shown until staff accept it; then it is accepted', async () => {
    const { deviceId, client } = await connectedTerminal();
    const first = await client.call('BootNotification', { chargePointVendor: 'Miele', chargePointModel: 'PT 8000', chargePointSerialNumber: 'SN-0815', firmwareVersion: '3.2' }) as { status: string };
    expect(first.status).toBe('Pending');
    const shown = (await manager.request('GET', `/api/devices/${deviceId}`)).body;
    expect(shown).toMatchObject({ registration: 'pending', connected: true, vendor: 'Miele', model: 'PT 8000', serialNumber: 'SN-0815', firmwareVersion: '3.2' });
    expect((await manager.request('POST', `/api/devices/${deviceId}/accept`)).body.registration).toBe('accepted');
    const again = await client.call('BootNotification', { chargePointVendor: 'Miele', chargePointModel: 'PT 8000', chargePointSerialNumber: 'SN-0815' }) as { status: string };
    expect(again.status).toBe('Accepted');
  });
});

describe('commands', () => {
  it('sends Reset and GetConfiguration to the device and answers what it said; the history names who asked', async () => {
    const received: { action: string; params: unknown }[] = [];
    const { deviceId } = await connectedTerminal({
      Reset: (params) => { received.push({ action: 'Reset', params }); return { status: 'Accepted' }; },
      GetConfiguration: (params) => { received.push({ action: 'GetConfiguration', params }); return { configurationKey: [{ key: 'HeartbeatInterval', readonly: false, value: '300' }], unknownKey: ['Nope'] }; },
    });
    const reset = await command(manager, deviceId, 'Reset', { type: 'Soft' });
    expect(reset).toMatchObject({ status: 200, body: { status: 'answered', result: { status: 'Accepted' } } });
    const config = await command(manager, deviceId, 'GetConfiguration', { key: ['HeartbeatInterval', 'Nope'] });
    expect(config.body.result).toEqual({ configurationKey: [{ key: 'HeartbeatInterval', readonly: false, value: '300' }], unknownKey: ['Nope'] });
    expect(received).toEqual([{ action: 'Reset', params: { type: 'Soft' } }, { action: 'GetConfiguration', params: { key: ['HeartbeatInterval', 'Nope'] } }]);

    const history = (await manager.request('GET', `/api/devices/${deviceId}/commands`)).body;
    expect(history.map((c: { action: string }) => c.action)).toEqual(['GetConfiguration', 'Reset']);
    expect(history[1]).toMatchObject({ status: 'answered', payload: { type: 'Soft' }, result: { status: 'Accepted' }, requestedBy: 'Michael Berger' });
    const audit = (await manager.request('GET', '/api/audit?entityType=device')).body.events.filter((e: { entityId: string; action: string }) => e.entityId === deviceId && e.action === 'device.command');
    expect(audit).toHaveLength(2);
  });

  it('answers offline for a device that is not connected, and records it', async () => {
    const terminal = await registerTerminal(manager, rooms);
    const res = await command(manager, terminal.id, 'ChangeAvailability', { connectorId: 0, type: 'Inoperative' });
    expect(res).toMatchObject({ status: 200, body: { status: 'offline' } });
    expect((await manager.request('GET', `/api/devices/${terminal.id}/commands`)).body).toEqual([
      expect.objectContaining({ action: 'ChangeAvailability', status: 'offline', payload: { connectorId: 0, type: 'Inoperative' } }),
    ]);
  });

  it('refuses a payload that does not fit its action, by OCPP 1.6\'s limits', async () => {
    const terminal = await registerTerminal(manager, rooms);
    const refused = [
      ['Reset', { type: 'Medium' }], ['Reset', { type: 'Soft', connectorId: 1 }], ['Reset', {}],
      ['ChangeAvailability', { connectorId: -1, type: 'Operative' }], ['ChangeAvailability', { connectorId: 1, type: 'Off' }],
      ['UnlockConnector', { connectorId: 0 }], ['GetConfiguration', { key: ['x'.repeat(51)] }],
      ['ChangeConfiguration', { key: 'x'.repeat(51), value: '1' }], ['ChangeConfiguration', { key: 'HeartbeatInterval', value: 'x'.repeat(501) }],
      ['TriggerMessage', { requestedMessage: 'Authorize' }], ['ClearCache', { all: true }], ['RemoteStartTransaction', { idTag: 'X' }],
    ] as const;
    for (const [action, payload] of refused) {
      const res = await command(manager, terminal.id, action, payload);
      expect({ action, payload, status: res.status, code: res.body.error?.code }).toEqual({ action, payload, status: 400, code: 'request.invalid_body' });
    }
    const unknown = await command(manager, terminal.id, 'UnlockConnector', { connectorId: 5 });
    expect(unknown.body.error).toMatchObject({ code: 'devices.unknown_connector', fields: [{ field: 'payload.connectorId' }] });
    expect((await manager.request('GET', `/api/devices/${terminal.id}/commands`)).body).toEqual([]);
    for (const [action, payload] of [['ClearCache', {}], ['TriggerMessage', { requestedMessage: 'StatusNotification' }], ['ChangeConfiguration', { key: 'HeartbeatInterval', value: '' }], ['GetConfiguration', {}]] as const) {
      expect((await command(manager, terminal.id, action, payload)).body.status).toBe('offline');
    }
  });

  it('lets only office staff send commands; another tenant\'s device is not found', async () => {
    const terminal = await registerTerminal(manager, rooms);
    const resident = await login(ctx.app, 'resident@demo.test');
    expect((await command(resident, terminal.id, 'ClearCache', {})).status).toBe(403);
    const regie = await login(ctx.app, 'regie@demo.test');
    expect((await command(regie, terminal.id, 'ClearCache', {})).body.error.code).toBe('devices.not_found');
    expect((await regie.request('GET', `/api/devices/${terminal.id}/commands`)).status).toBe(404);
  });
});
