// The auto-end rules with a test clock, no sleeping: the worker's job finds what is due, tells
// the terminal (RemoteStopTransaction), and closes the session itself when the terminal cannot.
import type { RPCClient } from 'ocpp-rpc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../../db/scope.ts';
import {
  addDevice, addResident, addTariff, balanceOf, bootedDevice, energyReading, startGatewayWorld, vendorCall, type GatewayWorld,
} from '../../gateway/ocpp/testing.ts';
import { createTestContext, type TestContext } from '../../test/app.ts';
import { endDueSessions } from './sessions.ending.ts';

let ctx: TestContext;
let world: GatewayWorld;
let terminal: RPCClient;
let impulseTerminal: RPCClient;
const stops: number[] = [];

const minutes = (n: number) => n * 60_000;
const now = () => ctx.clock.now();

beforeAll(async () => {
  ctx = await createTestContext();
  world = await startGatewayWorld(ctx);
  await addTariff(world, { applianceKind: 'washer', metering: 'energy', unitPriceMinor: 50 });
  await addTariff(world, { applianceKind: 'dryer', metering: 'time', unitPriceMinor: 120 });
  await addTariff(world, { applianceKind: 'ironer', metering: 'impulse', unitPriceMinor: 100 });
  const metered = await addDevice(world, { appliances: [{ connectorId: 1, kind: 'washer', metering: 'energy' }, { connectorId: 2, kind: 'dryer', metering: 'time' }] });
  const impulse = await addDevice(world, { appliances: [{ connectorId: 1, kind: 'ironer', metering: 'impulse' }] });
  terminal = await bootedDevice(world, metered.identity);
  impulseTerminal = await bootedDevice(world, impulse.identity);
  // The terminals obey a remote stop by reporting the end, as a real one does.
  for (const [client, meter] of [[terminal, 1500], [impulseTerminal, 0]] as const) {
    client.handle('RemoteStopTransaction', async ({ params }) => {
      const { transactionId } = params as { transactionId: number };
      stops.push(transactionId);
      setImmediate(() => void client.call('StopTransaction', { transactionId, meterStop: meter, timestamp: now().toISOString(), reason: 'Remote' }));
      return { status: 'Accepted' };
    });
  }
});

afterAll(async () => {
  await world.close();
  await ctx.close();
});

const session = (transactionId: number) => inTenant(ctx.deps.db, world.tenantId, (tx) =>
  tx.selectFrom('usage_sessions').selectAll().where('transaction_id', '=', transactionId).executeTakeFirstOrThrow());

async function started(client: RPCClient, connectorId: number, quantity: number, unit: string, meterStart = 0) {
  const resident = await addResident(world, 2000);
  expect((await vendorCall(client, 'Preselect', { connectorId, idTag: resident.idTag, quantity, unit })).status).toBe('Accepted');
  const start = await client.call('StartTransaction', { connectorId, idTag: resident.idTag, meterStart, timestamp: now().toISOString() }) as { transactionId: number };
  return { ...resident, transactionId: start.transactionId };
}

describe('auto-end', () => {
  it('ends an energy appliance that drew nothing for 90 minutes, not one that still draws', async () => {
    const wash = await started(terminal, 1, 2, 'kWh', 1000);
    await terminal.call('MeterValues', { connectorId: 1, transactionId: wash.transactionId, meterValue: [energyReading(now(), 1500, 1800)] });
    ctx.clock.advance(minutes(89));
    await endDueSessions(ctx.deps);
    expect(stops).not.toContain(wash.transactionId);
    ctx.clock.advance(minutes(2));
    await endDueSessions(ctx.deps);
    await expect.poll(async () => (await session(wash.transactionId)).status).toBe('completed');
    expect(await session(wash.transactionId)).toMatchObject({ ended_by: 'idle', amount_minor: 25 });
    expect(await balanceOf(world, wash.personId)).toEqual({ available: 1975, posted: 1975 });
  });

  it('ends a time appliance when its booked time runs out, charging the booked minutes', async () => {
    const dry = await started(terminal, 2, 30, 'min');
    ctx.clock.advance(minutes(29));
    await endDueSessions(ctx.deps);
    expect(stops).not.toContain(dry.transactionId);
    ctx.clock.advance(minutes(1));
    await endDueSessions(ctx.deps);
    await expect.poll(async () => (await session(dry.transactionId)).status).toBe('completed');
    expect(await session(dry.transactionId)).toMatchObject({ ended_by: 'booked_time', quantity: 30, amount_minor: 60 });
  });

  it('ends an impulse appliance a fixed time after its start', async () => {
    const iron = await started(impulseTerminal, 1, 1, 'impulse');
    ctx.clock.advance(minutes(5));
    await endDueSessions(ctx.deps);
    await expect.poll(async () => (await session(iron.transactionId)).status).toBe('completed');
    expect(await session(iron.transactionId)).toMatchObject({ ended_by: 'impulse_time', amount_minor: 100 });
  });

  it('closes the session itself when the terminal is offline, with the last reading', async () => {
    const device = await addDevice(world, { appliances: [{ connectorId: 1, kind: 'washer', metering: 'energy' }] });
    const gone = await bootedDevice(world, device.identity);
    const wash = await started(gone, 1, 2, 'kWh', 0);
    await gone.call('MeterValues', { connectorId: 1, transactionId: wash.transactionId, meterValue: [energyReading(now(), 900)] });
    await gone.close({ force: true });
    await expect.poll(() => inTenant(ctx.deps.db, world.tenantId, (tx) => tx.selectFrom('devices').select('connected_node').where('id', '=', device.deviceId).executeTakeFirstOrThrow()))
      .toEqual({ connected_node: null });
    ctx.clock.advance(minutes(91));
    await endDueSessions(ctx.deps);
    expect(await session(wash.transactionId)).toMatchObject({ status: 'completed', ended_by: 'idle', amount_minor: 45, stop_reason: 'closed_by_server' });

    // Back online, the terminal reports what it measured meanwhile: the rest is charged, once.
    const back = await bootedDevice(world, device.identity);
    const stop = { transactionId: wash.transactionId, meterStop: 1500, timestamp: now().toISOString() };
    await back.call('StopTransaction', stop);
    await back.call('StopTransaction', stop);
    expect(await session(wash.transactionId)).toMatchObject({ amount_minor: 75, quantity: 1500, stop_reason: 'reported_late' });
    expect(await balanceOf(world, wash.personId)).toEqual({ available: 1925, posted: 1925 });
  });

  it('closes a session whose stop was asked for and never confirmed once the grace period is over', async () => {
    const device = await addDevice(world, { appliances: [{ connectorId: 1, kind: 'washer', metering: 'energy' }] });
    const silent = await bootedDevice(world, device.identity);
    silent.handle('RemoteStopTransaction', async () => ({ status: 'Accepted' })); // says yes, never reports
    const wash = await started(silent, 1, 2, 'kWh', 0);
    await silent.call('MeterValues', { connectorId: 1, transactionId: wash.transactionId, meterValue: [energyReading(now(), 600)] });
    ctx.clock.advance(minutes(91));
    await endDueSessions(ctx.deps);
    expect(await session(wash.transactionId)).toMatchObject({ status: 'active', ended_by: 'idle' });
    ctx.clock.advance(minutes(3));
    await endDueSessions(ctx.deps);
    expect(await session(wash.transactionId)).toMatchObject({ status: 'completed', ended_by: 'idle', amount_minor: 30, stop_reason: 'closed_by_server' });
  });

  it('returns the hold of a pre-selection never started', async () => {
    const resident = await addResident(world, 1000);
    await vendorCall(terminal, 'Preselect', { connectorId: 1, idTag: resident.idTag, quantity: 1, unit: 'kWh' });
    expect((await balanceOf(world, resident.personId)).available).toBe(950);
    ctx.clock.advance(minutes(11));
    await endDueSessions(ctx.deps);
    expect(await balanceOf(world, resident.personId)).toEqual({ available: 1000, posted: 1000 });
  });
});
