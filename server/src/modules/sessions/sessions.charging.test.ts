// EV charging and the cases a device's connection makes hard: holds taken step by step while a
// prepaid charge goes on and a RemoteStop when the wallet runs out; transactions done offline and
// replayed (twice) later; a reconnection in the middle of a session; a lost transactionId (-1).
import type { RPCClient } from 'ocpp-rpc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../../db/scope.ts';
import {
  addDevice, addResident, addTariff, balanceOf, bootedDevice, energyReading, startGatewayWorld, vendorCall, type GatewayWorld,
} from '../../gateway/ocpp/testing.ts';
import { createTestContext, type TestContext } from '../../test/app.ts';
import { checkLedgerInvariants } from '../ledger/ledger.invariants.ts';
import { testDatabaseKind } from '../../test/database.ts';
import { holdForSession } from './sessions.money.ts';

let ctx: TestContext;
let world: GatewayWorld;

beforeAll(async () => {
  ctx = await createTestContext();
  world = await startGatewayWorld(ctx);
  await addTariff(world, { applianceKind: 'ev_connector', metering: 'energy', unitPriceMinor: 40 });
  await addTariff(world, { applianceKind: 'washer', metering: 'energy', unitPriceMinor: 50 });
});

afterAll(async () => {
  await world.close();
  await ctx.close();
});

const session = (transactionId: number) => inTenant(ctx.deps.db, world.tenantId, (tx) =>
  tx.selectFrom('usage_sessions').selectAll().where('transaction_id', '=', transactionId).executeTakeFirstOrThrow());

async function charger(): Promise<{ client: RPCClient; stops: number[] }> {
  const device = await addDevice(world, { kind: 'charger', appliances: [{ connectorId: 1, kind: 'ev_connector', metering: 'energy' }] });
  const client = await bootedDevice(world, device.identity);
  const stops: number[] = [];
  client.handle('RemoteStopTransaction', async ({ params }) => {
    stops.push((params as { transactionId: number }).transactionId);
    return { status: 'Accepted' };
  });
  return { client, stops };
}

describe('prepaid EV charging', () => {
  it.runIf(testDatabaseKind() === 'postgres')('settles a hold step that commits while the StopTransaction waits for the session', async () => {
    const { client } = await charger();
    const driver = await addResident(world, 2500);
    const start = await client.call('StartTransaction', { connectorId: 1, idTag: driver.idTag, meterStart: 0, timestamp: new Date().toISOString() }) as { transactionId: number };
    const running = await session(start.transactionId);
    // A second step taken as a reading would take it, held open until the stop is waiting for the session's lock.
    let commit!: () => void;
    const stepTaken = inTenant(ctx.deps.db, world.tenantId, async (tx) => {
      await tx.selectFrom('usage_sessions').select('id').where('tenant_id', '=', world.tenantId).where('id', '=', running.id).forUpdate().execute();
      await holdForSession(tx, running, 1000, 2, new Date());
      await tx.updateTable('usage_sessions').set({ held_minor: running.held_minor + 1000 }).where('tenant_id', '=', world.tenantId).where('id', '=', running.id).execute();
      await new Promise<void>((resolve) => { commit = resolve; });
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await balanceOf(world, driver.personId)).toEqual({ available: 1500, posted: 2500 }); // the first step; the second not committed yet
    const stopped = client.call('StopTransaction', { transactionId: start.transactionId, meterStop: 5_000, timestamp: new Date().toISOString() });
    await new Promise((resolve) => setTimeout(resolve, 300));
    commit();
    await stepTaken;
    await stopped;
    // 5 kWh at 0.40 = 2.00 from the first step; the second returns in full, none left pending.
    expect(await balanceOf(world, driver.personId)).toEqual({ available: 2300, posted: 2300 });
    expect((await session(start.transactionId)).amount_minor).toBe(200);
  });

  it('needs the minimum balance to start', async () => {
    const { client } = await charger();
    const poor = await addResident(world, 499);
    expect(await client.call('Authorize', { idTag: poor.idTag })).toEqual({ idTagInfo: { status: 'Blocked' } });
    const rich = await addResident(world, 500);
    expect(await client.call('Authorize', { idTag: rich.idTag })).toEqual({ idTagInfo: { status: 'Accepted' } });
  });

  it('holds more as the charge goes on and stops it when the balance runs out, charging exactly what was used', async () => {
    const { client, stops } = await charger();
    const driver = await addResident(world, 2500);
    const startedAt = Date.now();
    const hoursLater = (h: number) => new Date(startedAt + h * 3_600_000);
    const start = await client.call('StartTransaction', { connectorId: 1, idTag: driver.idTag, meterStart: 0, timestamp: new Date(startedAt).toISOString() }) as { transactionId: number; idTagInfo: { status: string } };
    expect(start.idTagInfo.status).toBe('Accepted');
    expect(await balanceOf(world, driver.personId)).toEqual({ available: 1500, posted: 2500 }); // one step (10.00) held

    // 20 kWh at 0.40 = 8.00: past half a step below what is held, so a second step is held.
    await client.call('MeterValues', { connectorId: 1, transactionId: start.transactionId, meterValue: [energyReading(hoursLater(2), 20_000, 11_000)] });
    expect(await balanceOf(world, driver.personId)).toEqual({ available: 500, posted: 2500 });
    // 45 kWh = 18.00: a third step does not fit in what is left, so the charger is told to stop.
    await client.call('MeterValues', { connectorId: 1, transactionId: start.transactionId, meterValue: [energyReading(hoursLater(4.2), 45_000, 11_000)] });
    await expect.poll(() => stops).toEqual([start.transactionId]);
    await client.call('StopTransaction', { transactionId: start.transactionId, meterStop: 46_000, timestamp: hoursLater(4.3).toISOString(), reason: 'Remote' });

    expect(await balanceOf(world, driver.personId)).toEqual({ available: 660, posted: 660 }); // 46 kWh × 0.40 = 18.40
    expect(await session(start.transactionId)).toMatchObject({ status: 'completed', amount_minor: 1840, ended_by: 'balance', debt_minor: 0 });
  });
});

describe('meter values from many chargers at once', () => {
  it('stores every reading and keeps each register at its latest, whatever order the readings of one session arrive in', async () => {
    const chargers = await Promise.all(Array.from({ length: 12 }, () => charger()));
    const drivers = await Promise.all(chargers.map(() => addResident(world, 5000)));
    const startedAt = Date.now();
    const at = (minutes: number) => new Date(startedAt + minutes * 60_000);
    const starts = await Promise.all(chargers.map(({ client }, i) =>
      client.call('StartTransaction', { connectorId: 1, idTag: drivers[i]!.idTag, meterStart: 0, timestamp: at(0).toISOString() }) as Promise<{ transactionId: number }>));
    // Sent together, so they share batches: each charger's three readings arrive newest first.
    await Promise.all(chargers.flatMap(({ client }, i) => [30, 20, 10].map((minutes) =>
      client.call('MeterValues', { connectorId: 1, transactionId: starts[i]!.transactionId, meterValue: [energyReading(at(minutes), minutes * 100 + i)] }))));
    for (const [i, start] of starts.entries()) {
      const stored = await session(start.transactionId);
      expect(stored).toMatchObject({ status: 'active', last_meter_wh: 3000 + i });
      expect(new Date(stored.last_meter_at!).getTime()).toBe(at(30).getTime());
    }
    const samples = await inTenant(ctx.deps.db, world.tenantId, (tx) => tx.selectFrom('meter_samples').select(({ fn }) => fn.countAll<number>().as('n'))
      .where('session_id', 'in', (eb) => eb.selectFrom('usage_sessions').select('id').where('transaction_id', 'in', starts.map((s) => s.transactionId))).executeTakeFirstOrThrow());
    expect(Number(samples.n)).toBe(36);
    // A reading sent again is stored once.
    await chargers[0]!.client.call('MeterValues', { connectorId: 1, transactionId: starts[0]!.transactionId, meterValue: [energyReading(at(20), 2000)] });
    for (const [i, { client }] of chargers.entries()) {
      await client.call('StopTransaction', { transactionId: starts[i]!.transactionId, meterStop: 3000 + i, timestamp: at(31).toISOString() });
    }
    expect(await session(starts[5]!.transactionId)).toMatchObject({ status: 'completed', amount_minor: Math.round(3.005 * 40) });
    expect(await checkLedgerInvariants(ctx.handle.db, world.tenantId)).toEqual([]);
  });
});

describe('postpaid EV charging', () => {
  it('records the charge for the invoice without touching the wallet', async () => {
    const site = await inTenant(ctx.deps.db, world.tenantId, (tx) => tx.insertInto('sites').values({
      tenant_id: world.tenantId, name: 'Garage Nord', street: 'Nordweg 2', postal_code: '1210', city: 'Wien', country: 'AT', accounting_unit: null, charging_billing: 'postpaid',
    } as never).returning('id').executeTakeFirstOrThrow());
    await inTenant(ctx.deps.db, world.tenantId, (tx) => tx.insertInto('tariffs').values({
      tenant_id: world.tenantId, site_id: site.id, appliance_kind: 'ev_connector', metering: 'energy', unit_price_minor: 35, session_fee_minor: 100, vat_rate_bp: 2000,
      currency: 'EUR', valid_from: new Date('2020-01-01'), valid_to: null,
    } as never).execute());
    const device = await addDevice(world, { kind: 'charger', siteId: site.id, appliances: [{ connectorId: 1, kind: 'ev_connector', metering: 'energy' }] });
    const client = await bootedDevice(world, device.identity);
    const driver = await addResident(world, 0);
    // No balance needed where the platform invoices.
    expect(await client.call('Authorize', { idTag: driver.idTag })).toEqual({ idTagInfo: { status: 'Accepted' } });
    const start = await client.call('StartTransaction', { connectorId: 1, idTag: driver.idTag, meterStart: 500, timestamp: new Date().toISOString() }) as { transactionId: number; idTagInfo: { status: string } };
    expect(start.idTagInfo.status).toBe('Accepted');
    await client.call('StopTransaction', { transactionId: start.transactionId, meterStop: 20_500, timestamp: new Date(Date.now() + 3 * 3_600_000).toISOString() });
    expect(await session(start.transactionId)).toMatchObject({ billing: 'postpaid', status: 'completed', amount_minor: 800, held_minor: 0 });
    expect(await balanceOf(world, driver.personId)).toEqual({ available: 0, posted: 0 });
  });
});

describe('offline and reconnection', () => {
  it('charges a transaction replayed twice once, as debt where the wallet cannot cover it, and refuses new sessions while in debt', async () => {
    const device = await addDevice(world, { appliances: [{ connectorId: 1, kind: 'washer', metering: 'energy' }] });
    const terminal = await bootedDevice(world, device.identity);
    const resident = await addResident(world, 100);
    const startedAt = new Date(Date.now() - 3 * 3_600_000);
    const replay = async () => {
      const start = await terminal.call('StartTransaction', { connectorId: 1, idTag: resident.idTag, meterStart: 10_000, timestamp: startedAt.toISOString() }) as { transactionId: number; idTagInfo: { status: string } };
      await terminal.call('StopTransaction', { transactionId: start.transactionId, meterStop: 13_000, timestamp: new Date(startedAt.getTime() + 5_400_000).toISOString() });
      return start;
    };
    const first = await replay();
    const second = await replay();
    expect(second.transactionId).toBe(first.transactionId);
    // 3 kWh × 0.50 = 1.50 against 1.00 on the wallet: 0.50 of recorded debt.
    expect(await balanceOf(world, resident.personId)).toEqual({ available: -50, posted: -50 });
    expect(await session(first.transactionId)).toMatchObject({ origin: 'offline', amount_minor: 150, debt_minor: 50 });
    // The hold is the authoritative check; the tap's answer follows once its few seconds of cache are over.
    expect(await vendorCall(terminal, 'Preselect', { connectorId: 1, idTag: resident.idTag, quantity: 0.1, unit: 'kWh' })).toEqual({ status: 'Rejected', data: { reason: 'balance_too_low' } });
    ctx.clock.advance(5_000);
    expect(await terminal.call('Authorize', { idTag: resident.idTag })).toEqual({ idTagInfo: { status: 'Blocked' } });
    expect(await checkLedgerInvariants(ctx.handle.db, world.tenantId)).toEqual([]);
  });

  it('finishes a session across a reconnection of the device', async () => {
    const device = await addDevice(world, { appliances: [{ connectorId: 1, kind: 'washer', metering: 'energy' }] });
    const first = await bootedDevice(world, device.identity);
    const resident = await addResident(world, 1000);
    const start = await first.call('StartTransaction', { connectorId: 1, idTag: resident.idTag, meterStart: 0, timestamp: new Date().toISOString() }) as { transactionId: number };
    await first.close({ force: true });
    const again = await bootedDevice(world, device.identity);
    await again.call('MeterValues', { connectorId: 1, transactionId: start.transactionId, meterValue: [energyReading(new Date(), 400)] });
    await again.call('StopTransaction', { transactionId: start.transactionId, meterStop: 1000, timestamp: new Date().toISOString() });
    expect(await session(start.transactionId)).toMatchObject({ status: 'completed', amount_minor: 50 });
    expect(await balanceOf(world, resident.personId)).toEqual({ available: 950, posted: 950 });
  });

  it('charges nothing for a register jump no appliance could draw, and refuses a negative start', async () => {
    const device = await addDevice(world, { appliances: [{ connectorId: 1, kind: 'washer', metering: 'energy' }] });
    const terminal = await bootedDevice(world, device.identity);
    const resident = await addResident(world, 1000);
    await expect(terminal.call('StartTransaction', { connectorId: 1, idTag: resident.idTag, meterStart: -5, timestamp: new Date().toISOString() }))
      .rejects.toMatchObject({ rpcErrorCode: 'PropertyConstraintViolation' });
    const start = await terminal.call('StartTransaction', { connectorId: 1, idTag: resident.idTag, meterStart: 0, timestamp: new Date().toISOString() }) as { transactionId: number };
    // 2.1 GWh within a minute: a broken meter or a forged message.
    await terminal.call('StopTransaction', { transactionId: start.transactionId, meterStop: 2_147_483_647, timestamp: new Date(Date.now() + 30_000).toISOString() });
    expect(await session(start.transactionId)).toMatchObject({ status: 'completed', amount_minor: 0, quantity: 0, stop_reason: 'implausible_reading' });
    expect(await balanceOf(world, resident.personId)).toEqual({ available: 1000, posted: 1000 });
  });

  it('matches a StopTransaction with transactionId -1 to the tag\'s one running session', async () => {
    const device = await addDevice(world, { appliances: [{ connectorId: 1, kind: 'washer', metering: 'energy' }] });
    const terminal = await bootedDevice(world, device.identity);
    const resident = await addResident(world, 1000);
    const start = await terminal.call('StartTransaction', { connectorId: 1, idTag: resident.idTag, meterStart: 0, timestamp: new Date().toISOString() }) as { transactionId: number };
    expect(await terminal.call('StopTransaction', { transactionId: -1, idTag: resident.idTag, meterStop: 2000, timestamp: new Date().toISOString() })).toEqual({ idTagInfo: { status: 'Accepted' } });
    expect(await session(start.transactionId)).toMatchObject({ status: 'completed', amount_minor: 100 });
  });
});
