import { once } from 'node:events';
import { RPCClient } from 'ocpp-rpc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../../db/scope.ts';
import { createTestContext, type TestContext } from '../../test/app.ts';
import { addDevice, bootedDevice, deviceClient, startGatewayWorld, vendorCall, type GatewayWorld } from './testing.ts';

type ClientOptions = ConstructorParameters<typeof RPCClient>[0];

let ctx: TestContext;
let world: GatewayWorld;

beforeAll(async () => {
  ctx = await createTestContext();
  world = await startGatewayWorld(ctx);
});

afterAll(async () => {
  await world.close();
  await ctx.close();
});

const washer = [{ connectorId: 1, kind: 'washer' as const, metering: 'energy' as const }];

describe('OCPP 1.6J endpoint', () => {
  it('refuses an identity nobody registered with HTTP 404 and a wrong password with 401', async () => {
    await expect(deviceClient(world, 'NOBODY-1').connect()).rejects.toMatchObject({ code: 404 });
    const { identity } = await addDevice(world, { appliances: washer });
    await expect(deviceClient(world, identity, { password: 'wrong' } as Partial<ClientOptions>).connect()).rejects.toMatchObject({ code: 401 });
    await expect(deviceClient(world, identity, { password: undefined } as Partial<ClientOptions>).connect()).rejects.toMatchObject({ code: 401 });
  });

  it('keeps a new device Pending until staff accept it, storing what it reported at boot', async () => {
    const { identity, deviceId } = await addDevice(world, { registration: 'pending', appliances: washer });
    const client = deviceClient(world, identity);
    await client.connect();
    expect(client.protocol).toBe('ocpp1.6');
    const boot = await client.call('BootNotification', { chargePointVendor: 'ENIO', chargePointModel: 'ETZ-V8', chargePointSerialNumber: 'SN-4711', firmwareVersion: '2.1' }) as { status: string; interval: number };
    expect(boot.status).toBe('Pending');
    // Not accepted yet: tags are not authorised here.
    expect(await client.call('Authorize', { idTag: 'ABCDEF01' })).toEqual({ idTagInfo: { status: 'Invalid' } });

    const row = await inTenant(ctx.deps.db, world.tenantId, (tx) => tx.selectFrom('devices').select(['vendor', 'model', 'serial_number', 'firmware_version', 'connected_node'])
      .where('id', '=', deviceId).executeTakeFirstOrThrow());
    expect(row).toEqual({ vendor: 'ENIO', model: 'ETZ-V8', serial_number: 'SN-4711', firmware_version: '2.1', connected_node: world.gateway.node });

    await inTenant(ctx.deps.db, world.tenantId, (tx) => tx.updateTable('devices').set({ registration: 'accepted' }).where('id', '=', deviceId).execute());
    const again = await client.call('BootNotification', { chargePointVendor: 'ENIO', chargePointModel: 'ETZ-V8' }) as { status: string; interval: number };
    expect(again).toMatchObject({ status: 'Accepted', interval: 300 });
  });

  it('sets the device clock by ours and records that it was seen', async () => {
    ctx.clock.advance(3_600_000);
    const { identity } = await addDevice(world, { appliances: washer });
    const client = await bootedDevice(world, identity);
    const beat = await client.call('Heartbeat', {}) as { currentTime: string };
    expect(Math.abs(new Date(beat.currentTime).getTime() - ctx.clock.now().getTime())).toBeLessThan(5_000);
    ctx.clock.advance(-3_600_000);
  });

  it('answers malformed messages with the OCPP 1.6 error codes and unknown actions with NotImplemented', async () => {
    const { identity } = await addDevice(world, { appliances: washer });
    const client = await bootedDevice(world, identity, { strictMode: false } as Partial<ClientOptions>);
    await expect(client.call('BootNotification', { chargePointVendor: 'ACME' })).rejects.toMatchObject({ rpcErrorCode: 'OccurrenceConstraintViolation' });
    await expect(client.call('Authorize', { idTag: 'X'.repeat(21) })).rejects.toMatchObject({ rpcErrorCode: 'FormationViolation' });
    await expect(client.call('Authorize', { idTag: 7 })).rejects.toMatchObject({ rpcErrorCode: 'TypeConstraintViolation' });
    await expect(client.call('FooBar', {})).rejects.toMatchObject({ rpcErrorCode: 'NotImplemented' });
  });

  it('accepts the errata spelling "Celcius" in MeterValues', async () => {
    const { identity } = await addDevice(world, { appliances: washer });
    const client = await bootedDevice(world, identity);
    const reading = { timestamp: new Date().toISOString(), sampledValue: [{ value: '21.5', measurand: 'Temperature', unit: 'Celcius' }] };
    await expect(client.call('MeterValues', { connectorId: 1, meterValue: [reading] })).resolves.toEqual({});
  });

  it('answers another vendor and unknown messages as OCPP says, and bad data of ours with a CALLERROR', async () => {
    const { identity } = await addDevice(world, { appliances: washer });
    const client = await bootedDevice(world, identity, { strictMode: false } as Partial<ClientOptions>);
    expect(await client.call('DataTransfer', { vendorId: 'com.other' })).toEqual({ status: 'UnknownVendorId' });
    expect(await vendorCall(client, 'Dance', {})).toEqual({ status: 'UnknownMessageId', data: undefined });
    await expect(client.call('DataTransfer', { vendorId: 'org.concierge', messageId: 'GetBalance', data: '{not json' })).rejects.toMatchObject({ rpcErrorCode: 'FormationViolation' });
    await expect(vendorCall(client, 'GetBalance', {})).rejects.toMatchObject({ rpcErrorCode: 'OccurrenceConstraintViolation' });
    await expect(vendorCall(client, 'Preselect', { connectorId: 1, idTag: 'AB', quantity: 1, unit: 'litre' })).rejects.toMatchObject({ rpcErrorCode: 'FormationViolation' });
  });

  it('completes the handshake without a subprotocol for a device offering none we speak, then closes', async () => {
    const { identity } = await addDevice(world, { appliances: washer });
    const client = deviceClient(world, identity, { protocols: [], strictMode: false } as Partial<ClientOptions>);
    const closed = once(client, 'close');
    await client.connect();
    expect(client.protocol).toBeFalsy();
    const [{ code }] = await closed as [{ code: number }];
    expect(code).toBe(1002);
  });

  it('records the connection and its end, so the device shows offline', async () => {
    const { identity, deviceId } = await addDevice(world, { appliances: washer });
    const client = await bootedDevice(world, identity);
    const node = () => inTenant(ctx.deps.db, world.tenantId, (tx) => tx.selectFrom('devices').select('connected_node').where('id', '=', deviceId).executeTakeFirstOrThrow());
    expect((await node()).connected_node).toBe(world.gateway.node);
    await client.close({ force: true });
    await expect.poll(async () => (await node()).connected_node).toBeNull();
  });

  it('refuses WebSocket upgrades outside /ocpp/{identity} and leaves ordinary HTTP to the API', async () => {
    const stray = new RPCClient({ endpoint: world.url.replace('/ocpp', '/api'), identity: 'x', protocols: ['ocpp1.6'], reconnect: false } as Partial<ClientOptions> as ClientOptions);
    await expect(stray.connect()).rejects.toMatchObject({ code: 404 });
    const response = await fetch(`${world.url.replace('ws:', 'http:').replace('/ocpp', '')}/health`);
    expect(response.status).toBe(200);
  });
});
