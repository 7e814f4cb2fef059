// A simulated device against the real gateway: the boot cycle, heartbeats, and its answers to
// what the Central System sends (configuration, local list, availability, reservations, triggers).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../db/scope.ts';
import { addDevice, DEVICE_PASSWORD, startGatewayWorld, type GatewayWorld } from '../gateway/ocpp/testing.ts';
import { createTestContext, type TestContext } from '../test/app.ts';
import { ManualClock } from './clock.ts';
import type { ConnectorSpec } from './connector.ts';
import { SimulatedTerminal } from './terminal.ts';

let ctx: TestContext;
let world: GatewayWorld;
const devices: SimulatedTerminal[] = [];

beforeAll(async () => {
  ctx = await createTestContext();
  world = await startGatewayWorld(ctx);
});

afterAll(async () => {
  await Promise.all(devices.map((d) => d.close()));
  await world.close();
  await ctx.close();
});

const washers: ConnectorSpec[] = [
  { connectorId: 1, kind: 'washer', metering: 'energy' },
  { connectorId: 2, kind: 'washer', metering: 'energy' },
];

/** A registered terminal and its simulator on a clock the test moves (with the server's). */
async function terminal(registration: 'accepted' | 'pending' = 'accepted') {
  const { identity, deviceId } = await addDevice(world, { registration, appliances: washers });
  const clock = new ManualClock(ctx.clock.now());
  const lines: string[] = [];
  const device = new SimulatedTerminal({ url: world.url, identity, password: DEVICE_PASSWORD, connectors: washers, clock, reconnect: false, log: (l) => lines.push(l) });
  devices.push(device);
  const advance = async (ms: number) => {
    ctx.clock.advance(ms);
    await clock.advance(ms);
    await device.idle();
  };
  /** The gateway's side of the connection: what staff's commands go through. */
  const server = () => {
    const connection = world.gateway.connections.get(deviceId);
    if (!connection) throw new Error('the device is not connected');
    return connection;
  };
  const send = async (action: string, payload: object) => {
    const answer = await server().call(action, payload);
    await device.idle();
    return answer as Record<string, unknown>;
  };
  const deviceRow = () => inTenant(ctx.deps.db, world.tenantId, (tx) => tx.selectFrom('devices').selectAll().where('id', '=', deviceId).executeTakeFirstOrThrow());
  const statuses = async () => {
    const rows = await inTenant(ctx.deps.db, world.tenantId, (tx) => tx.selectFrom('appliances').select(['connector_id', 'ocpp_status'])
      .where('device_id', '=', deviceId).orderBy('connector_id').execute());
    return rows.map((r) => r.ocpp_status);
  };
  return { identity, deviceId, device, clock, lines, advance, send, deviceRow, statuses };
}

async function connected(registration: 'accepted' | 'pending' = 'accepted') {
  const t = await terminal(registration);
  await t.device.connect();
  await t.device.idle();
  return t;
}

describe('simulated device against the gateway', () => {
  it('boots Pending, boots again after the interval until staff accept it, then reports its connectors and heartbeats', async () => {
    const t = await connected('pending');
    expect(t.device.registration).toBe('Pending');
    expect(t.lines.filter((l) => l.includes('→ BootNotification'))).toHaveLength(1);
    // While pending it sends nothing else: the appliances have no status yet.
    expect(await t.statuses()).toEqual([null, null]);
    expect((await t.deviceRow()).model).toBe('Sim Laundry Terminal');

    await t.advance(60_000);
    expect(t.device.registration).toBe('Pending');
    expect(t.lines.filter((l) => l.includes('→ BootNotification'))).toHaveLength(2);

    await inTenant(ctx.deps.db, world.tenantId, (tx) => tx.updateTable('devices').set({ registration: 'accepted' }).where('id', '=', t.deviceId).execute());
    await t.advance(60_000);
    expect(t.device.registration).toBe('Accepted');
    expect(await t.statuses()).toEqual(['Available', 'Available']);

    // The Central System's heartbeat interval (300 s for a new device) is what the device keeps.
    const seenBefore = (await t.deviceRow()).last_seen_at;
    expect(t.lines.some((l) => l.includes('→ Heartbeat'))).toBe(false);
    await t.advance(300_000);
    expect(t.lines.filter((l) => l.includes('→ Heartbeat'))).toHaveLength(1);
    expect(new Date((await t.deviceRow()).last_seen_at!).getTime()).toBeGreaterThan(new Date(seenBefore ?? 0).getTime());
  });

  it('answers GetConfiguration and ChangeConfiguration as OCPP 1.6 says', async () => {
    const t = await connected();
    const some = await t.send('GetConfiguration', { key: ['HeartbeatInterval', 'LocalAuthListMaxLength', 'SendLocalListMaxLength', 'NoSuchKey'] });
    expect(some).toEqual({
      configurationKey: [
        { key: 'HeartbeatInterval', readonly: false, value: '300' },
        { key: 'LocalAuthListMaxLength', readonly: true, value: '100' },
        { key: 'SendLocalListMaxLength', readonly: true, value: '50' },
      ],
      unknownKey: ['NoSuchKey'],
    });
    const all = await t.send('GetConfiguration', {}) as { configurationKey: { key: string; value: string }[] };
    expect(all.configurationKey.map((k) => k.key)).toEqual(expect.arrayContaining(['LocalAuthListEnabled', 'MeterValueSampleInterval', 'ConnectorPhaseRotation', 'NumberOfConnectors']));
    expect(all.configurationKey.find((k) => k.key === 'NumberOfConnectors')?.value).toBe('2');

    expect(await t.send('ChangeConfiguration', { key: 'LocalAuthListMaxLength', value: '500' })).toEqual({ status: 'Rejected' });
    expect(await t.send('ChangeConfiguration', { key: 'NoSuchKey', value: '1' })).toEqual({ status: 'NotSupported' });
    expect(await t.send('ChangeConfiguration', { key: 'HeartbeatInterval', value: 'often' })).toEqual({ status: 'Rejected' });
    expect(await t.send('ChangeConfiguration', { key: 'HeartbeatInterval', value: '120' })).toEqual({ status: 'Accepted' });
    await t.advance(120_000);
    expect(t.lines.filter((l) => l.includes('→ Heartbeat'))).toHaveLength(1);
  });

  it('keeps the local list: Full and Differential updates, versions, and the limits it announced', async () => {
    const t = await connected();
    // The gateway sends its own list after the boot: done before the lists below, or it could land between them.
    await world.gateway.connections.get(t.deviceId)!.listSynced();
    expect(await t.send('GetLocalListVersion', {})).toEqual({ listVersion: 0 });
    const accepted = (idTag: string) => ({ idTag, idTagInfo: { status: 'Accepted' } });
    expect(await t.send('SendLocalList', { listVersion: 5, updateType: 'Full', localAuthorizationList: [accepted('AAA1'), accepted('BBB2')] })).toEqual({ status: 'Accepted' });
    expect(await t.send('GetLocalListVersion', {})).toEqual({ listVersion: 5 });

    // An entry without idTagInfo removes its tag.
    expect(await t.send('SendLocalList', { listVersion: 6, updateType: 'Differential', localAuthorizationList: [{ idTag: 'AAA1' }, accepted('CCC3')] })).toEqual({ status: 'Accepted' });
    expect(t.device.authorizeOffline('AAA1')).toBe(false);
    expect(t.device.authorizeOffline('CCC3')).toBe(true);
    expect(await t.send('SendLocalList', { listVersion: 4, updateType: 'Differential', localAuthorizationList: [accepted('DDD4')] })).toEqual({ status: 'VersionMismatch' });

    // More than SendLocalListMaxLength in one message fails; the same list in two messages fits.
    const tags = Array.from({ length: 100 }, (_, i) => accepted(`TAG${i}`));
    expect(await t.send('SendLocalList', { listVersion: 7, updateType: 'Full', localAuthorizationList: tags.slice(0, 51) })).toEqual({ status: 'Failed' });
    expect(await t.send('SendLocalList', { listVersion: 7, updateType: 'Full', localAuthorizationList: tags.slice(0, 50) })).toEqual({ status: 'Accepted' });
    expect(await t.send('SendLocalList', { listVersion: 7, updateType: 'Differential', localAuthorizationList: tags.slice(50) })).toEqual({ status: 'Accepted' });
    expect(t.device.localList.size).toBe(100);
    // Past LocalAuthListMaxLength the update fails and the list stays as it was.
    expect(await t.send('SendLocalList', { listVersion: 8, updateType: 'Differential', localAuthorizationList: [accepted('ONE-TOO-MANY')] })).toEqual({ status: 'Failed' });
    expect(await t.send('GetLocalListVersion', {})).toEqual({ listVersion: 7 });

    expect(await t.send('ChangeConfiguration', { key: 'LocalAuthListEnabled', value: 'false' })).toEqual({ status: 'Accepted' });
    expect(await t.send('GetLocalListVersion', {})).toEqual({ listVersion: -1 });
    expect(await t.send('SendLocalList', { listVersion: 9, updateType: 'Full', localAuthorizationList: [] })).toEqual({ status: 'NotSupported' });
  });

  it('takes appliances out of service and back, reserves and cancels, and the portal sees each status', async () => {
    const t = await connected();
    expect(await t.send('ChangeAvailability', { connectorId: 2, type: 'Inoperative' })).toEqual({ status: 'Accepted' });
    expect(await t.statuses()).toEqual(['Available', 'Unavailable']);
    expect(await t.send('ChangeAvailability', { connectorId: 0, type: 'Operative' })).toEqual({ status: 'Accepted' });
    expect(await t.statuses()).toEqual(['Available', 'Available']);
    expect(await t.send('ChangeAvailability', { connectorId: 7, type: 'Operative' })).toEqual({ status: 'Rejected' });

    const expiryDate = new Date(ctx.clock.now().getTime() + 15 * 60_000).toISOString();
    expect(await t.send('ReserveNow', { connectorId: 1, expiryDate, idTag: 'RESERVED1', reservationId: 4711 })).toEqual({ status: 'Accepted' });
    expect(await t.statuses()).toEqual(['Reserved', 'Available']);
    expect(await t.send('ReserveNow', { connectorId: 1, expiryDate, idTag: 'OTHER', reservationId: 4712 })).toEqual({ status: 'Occupied' });
    expect(await t.send('ReserveNow', { connectorId: 0, expiryDate, idTag: 'OTHER', reservationId: 4713 })).toEqual({ status: 'Rejected' });
    expect(await t.send('CancelReservation', { reservationId: 4711 })).toEqual({ status: 'Accepted' });
    expect(await t.send('CancelReservation', { reservationId: 4711 })).toEqual({ status: 'Rejected' });
    expect(await t.statuses()).toEqual(['Available', 'Available']);

    // A reservation nobody uses ends at its expiry.
    expect(await t.send('ReserveNow', { connectorId: 2, expiryDate, idTag: 'RESERVED2', reservationId: 4714 })).toEqual({ status: 'Accepted' });
    expect(await t.statuses()).toEqual(['Available', 'Reserved']);
    await t.advance(15 * 60_000 + 5_000); // the server's clock ran ahead of the device's while the test ran
    expect(await t.statuses()).toEqual(['Available', 'Available']);
  });

  it('sends what TriggerMessage asks for, reboots on Reset, and refuses what it does not do', async () => {
    const t = await connected();
    expect(await t.send('TriggerMessage', { requestedMessage: 'Heartbeat' })).toEqual({ status: 'Accepted' });
    expect(t.lines.filter((l) => l.includes('→ Heartbeat'))).toHaveLength(1);
    expect(await t.send('TriggerMessage', { requestedMessage: 'StatusNotification', connectorId: 2 })).toEqual({ status: 'Accepted' });
    expect(await t.send('TriggerMessage', { requestedMessage: 'MeterValues', connectorId: 1 })).toEqual({ status: 'Accepted' });
    expect(t.lines.some((l) => l.includes('→ MeterValues') && l.includes('"context":"Trigger"'))).toBe(true);
    expect(await t.send('TriggerMessage', { requestedMessage: 'StatusNotification', connectorId: 9 })).toEqual({ status: 'Rejected' });
    expect(await t.send('TriggerMessage', { requestedMessage: 'FirmwareStatusNotification' })).toEqual({ status: 'Accepted' });
    expect((await t.deviceRow()).firmware_status).toBe('Idle');

    expect(await t.send('ClearCache', {})).toEqual({ status: 'Accepted' });
    expect(await t.send('UnlockConnector', { connectorId: 1 })).toEqual({ status: 'NotSupported' });
    expect(await t.send('DataTransfer', { vendorId: 'com.other', messageId: 'Hello' })).toEqual({ status: 'UnknownVendorId' });
    expect(await t.send('DataTransfer', { vendorId: 'org.concierge', messageId: 'Hello' })).toEqual({ status: 'UnknownMessageId' });
    await expect(t.send('GetDiagnostics', { location: 'ftp://example.org/' })).rejects.toMatchObject({ rpcErrorCode: 'NotSupported' });

    const bootsBefore = t.lines.filter((l) => l.includes('→ BootNotification')).length;
    expect(await t.send('Reset', { type: 'Soft' })).toEqual({ status: 'Accepted' });
    await t.device.whenAccepted();
    await t.device.idle();
    expect(t.lines.filter((l) => l.includes('→ BootNotification'))).toHaveLength(bootsBefore + 1);
    expect(t.device.online).toBe(true);
  });
});
