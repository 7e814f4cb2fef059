// The appliances' own energy over real WebSockets: a charger's and a washer's registers, as their
// StartTransaction, MeterValues and StopTransaction report them, become readings of a meter of
// the appliance's own at the session's end, whose consumption is what the sessions used; a reading
// dated in the future is left out without failing the device's message; first readings at once
// make one meter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../../db/scope.ts';
import {
  addDevice, addResident, addTariff, bootedDevice, energyReading, startGatewayWorld, vendorCall, type GatewayWorld,
} from '../../gateway/ocpp/testing.ts';
import { createTestContext, login, type Session, type TestContext } from '../../test/app.ts';
import { testDatabaseKind } from '../../test/database.ts';
import { meterApplianceEnergy } from './metering.appliances.ts';
import * as repo from './metering.repository.ts';

let ctx: TestContext;
let world: GatewayWorld;
let manager: Session;

/** A past morning in Vienna (the tenant's time zone): 09:00 local, one calendar day. */
const MORNING = Date.UTC(2026, 10, 10, 8, 0);
const at = (minutes: number) => new Date(MORNING + minutes * 60_000);

beforeAll(async () => {
  ctx = await createTestContext();
  world = await startGatewayWorld(ctx);
  await addTariff(world, { applianceKind: 'ev_connector', metering: 'energy', unitPriceMinor: 40 });
  await addTariff(world, { applianceKind: 'washer', metering: 'energy', unitPriceMinor: 50 });
  await addTariff(world, { applianceKind: 'dryer', metering: 'time', unitPriceMinor: 100 });
  manager = await login(ctx.app, 'manager@demo.test');
});

afterAll(async () => {
  await world.close();
  await ctx.close();
});

const metersOf = (applianceId: string) => inTenant(ctx.deps.db, world.tenantId, (tx) =>
  tx.selectFrom('meters').selectAll().where('tenant_id', '=', world.tenantId).where('appliance_id', '=', applianceId).execute());

async function readingsOf(applianceId: string) {
  const meters = await metersOf(applianceId);
  if (meters.length === 0) return [];
  const rows = await inTenant(ctx.deps.db, world.tenantId, (tx) => tx.selectFrom('meter_readings').select(['read_at', 'value', 'flagged'])
    .where('tenant_id', '=', world.tenantId).where('meter_id', '=', meters[0]!.id).orderBy('read_at').execute());
  return rows.map((r) => ({ at: new Date(r.read_at).toISOString(), value: Number(r.value), flagged: r.flagged }));
}

/** The meter's consumption per day of the tenant's calendar around MORNING, in Wh. */
const daysOf = (meterId: string) => inTenant(ctx.deps.db, world.tenantId, async (tx) =>
  (await repo.consumptionOf(tx, world.tenantId, meterId, 'day', new Date(MORNING - 86_400_000), new Date(MORNING + 86_400_000)))
    .map((d) => Number(d.consumption)));

const reading = (minutes: number, value: number) => ({ at: at(minutes).toISOString(), value, flagged: null });

describe("an appliance's own energy", () => {
  it("meters a charge: the charger's register at the start, during and at the end, on a meter of its own", async () => {
    const charger = await addDevice(world, { kind: 'charger', appliances: [{ connectorId: 1, kind: 'ev_connector', metering: 'energy' }] });
    const client = await bootedDevice(world, charger.identity);
    const driver = await addResident(world, 5000);
    const start = await client.call('StartTransaction', { connectorId: 1, idTag: driver.idTag, meterStart: 10_000, timestamp: at(0).toISOString() }) as { transactionId: number; idTagInfo: { status: string } };
    expect(start.idTagInfo.status).toBe('Accepted');
    await client.call('MeterValues', { connectorId: 1, transactionId: start.transactionId, meterValue: [energyReading(at(30), 14_000, 11_000)] });
    await client.call('MeterValues', { connectorId: 1, transactionId: start.transactionId, meterValue: [energyReading(at(60), 19_500)] });
    expect(await client.call('StopTransaction', { transactionId: start.transactionId, meterStop: 22_250, timestamp: at(90).toISOString() })).toEqual({});

    const applianceId = charger.appliances.get(1)!;
    const [meter, ...others] = await metersOf(applianceId);
    expect(others).toEqual([]);
    expect(meter).toMatchObject({ serial: `${charger.identity}-1`, medium: 'ev_charging', unit: 'kWh', kind: 'register', site_id: world.siteId, unit_id: null });
    expect(await readingsOf(applianceId)).toEqual([reading(0, 10_000), reading(30, 14_000), reading(60, 19_500), reading(90, 22_250)]);
    expect(await daysOf(meter!.id)).toEqual([22_250 - 10_000]);

    // Listed with the site's other meters, its consumption read as theirs is.
    const listed = (await manager.request('GET', `/api/meters?siteId=${world.siteId}`)).body.find((m: { id: string }) => m.id === meter!.id);
    expect(listed).toMatchObject({ serial: `${charger.identity}-1`, medium: 'ev_charging' });
    const days = await manager.request('GET', `/api/meters/${meter!.id}/consumption?period=day&from=${at(-600).toISOString()}&to=${at(900).toISOString()}`);
    expect(days.status).toBe(200);

    // A StopTransaction sent again is a repeat: nothing changes.
    await client.call('StopTransaction', { transactionId: start.transactionId, meterStop: 22_250, timestamp: at(90).toISOString() });
    expect(await readingsOf(applianceId)).toHaveLength(4);
    expect(await daysOf(meter!.id)).toEqual([12_250]);
  });

  it("meters a washer's energy through a pre-selected session, and gives a time-metered dryer no meter", async () => {
    const terminal = await addDevice(world, { appliances: [{ connectorId: 1, kind: 'washer', metering: 'energy' }, { connectorId: 2, kind: 'dryer', metering: 'time' }] });
    const client = await bootedDevice(world, terminal.identity);
    const anna = await addResident(world, 1000);
    expect((await vendorCall(client, 'Preselect', { connectorId: 1, idTag: anna.idTag, quantity: 2, unit: 'kWh' })).status).toBe('Accepted');
    const start = await client.call('StartTransaction', { connectorId: 1, idTag: anna.idTag, meterStart: 1000, timestamp: at(0).toISOString() }) as { transactionId: number };
    await client.call('MeterValues', { connectorId: 1, transactionId: start.transactionId, meterValue: [energyReading(at(20), 1600, 2000)] });
    await client.call('StopTransaction', { transactionId: start.transactionId, meterStop: 2250, timestamp: at(45).toISOString(), reason: 'Local' });

    const washer = terminal.appliances.get(1)!;
    const [meter] = await metersOf(washer);
    expect(meter).toMatchObject({ serial: `${terminal.identity}-1`, medium: 'laundry', unit: 'kWh', kind: 'register', site_id: world.siteId });
    expect(await readingsOf(washer)).toEqual([reading(0, 1000), reading(20, 1600), reading(45, 2250)]);
    expect(await daysOf(meter!.id)).toEqual([1250]);

    // A dryer billed by time reports a register of 0: that is no energy of its own.
    const ben = await addResident(world, 500);
    expect((await vendorCall(client, 'Preselect', { connectorId: 2, idTag: ben.idTag, quantity: 60, unit: 'min' })).status).toBe('Accepted');
    const dried = await client.call('StartTransaction', { connectorId: 2, idTag: ben.idTag, meterStart: 0, timestamp: at(60).toISOString() }) as { transactionId: number };
    await client.call('StopTransaction', { transactionId: dried.transactionId, meterStop: 0, timestamp: at(100).toISOString() });
    expect(await metersOf(terminal.appliances.get(2)!)).toEqual([]);
  });

  it('answers a device whose readings are dated far in the future as always, and stores none of them', async () => {
    const charger = await addDevice(world, { kind: 'charger', appliances: [{ connectorId: 1, kind: 'ev_connector', metering: 'energy' }] });
    const client = await bootedDevice(world, charger.identity);
    const driver = await addResident(world, 5000);
    const future = (minutes: number) => new Date(Date.now() + 86_400_000 + minutes * 60_000);
    const start = await client.call('StartTransaction', { connectorId: 1, idTag: driver.idTag, meterStart: 500, timestamp: future(0).toISOString() }) as { transactionId: number; idTagInfo: { status: string } };
    expect(start).toMatchObject({ transactionId: expect.any(Number), idTagInfo: { status: 'Accepted' } });
    expect(await client.call('MeterValues', { connectorId: 1, transactionId: start.transactionId, meterValue: [energyReading(future(30), 2500)] })).toEqual({});
    expect(await client.call('StopTransaction', { transactionId: start.transactionId, meterStop: 4500, timestamp: future(60).toISOString(), idTag: driver.idTag }))
      .toEqual({ idTagInfo: { status: 'Accepted' } });
    const applianceId = charger.appliances.get(1)!;
    expect(await readingsOf(applianceId)).toEqual([]);
    // The session itself is recorded and charged as ever: 4 kWh at 0.40.
    const session = await inTenant(ctx.deps.db, world.tenantId, (tx) => tx.selectFrom('usage_sessions').select(['status', 'quantity', 'amount_minor'])
      .where('transaction_id', '=', start.transactionId).executeTakeFirstOrThrow());
    expect(session).toEqual({ status: 'completed', quantity: 4000, amount_minor: 160 });

    // In a message with readings of now and of the future, those of now are stored.
    const next = await client.call('StartTransaction', { connectorId: 1, idTag: driver.idTag, meterStart: 5000, timestamp: at(0).toISOString() }) as { transactionId: number };
    expect(await client.call('MeterValues', { connectorId: 1, transactionId: next.transactionId, meterValue: [energyReading(future(90), 9000), energyReading(at(10), 5400)] })).toEqual({});
    expect(await readingsOf(applianceId)).toEqual([]); // metered at the session's end
    await client.call('StopTransaction', { transactionId: next.transactionId, meterStop: 6000, timestamp: at(20).toISOString() });
    expect(await readingsOf(applianceId)).toEqual([reading(0, 5000), reading(10, 5400), reading(20, 6000)]);
  });

  it("makes one meter of two sessions' first readings arriving at once", async () => {
    // A charger back online replays two charges made offline on one connector, both at once.
    const charger = await addDevice(world, { kind: 'charger', appliances: [{ connectorId: 1, kind: 'ev_connector', metering: 'energy' }] });
    const client = await bootedDevice(world, charger.identity);
    const [first, second] = [await addResident(world, 5000), await addResident(world, 5000)];
    const answers = await Promise.all([
      client.call('StartTransaction', { connectorId: 1, idTag: first.idTag, meterStart: 100, timestamp: at(0).toISOString() }),
      client.call('StartTransaction', { connectorId: 1, idTag: second.idTag, meterStart: 3100, timestamp: at(120).toISOString() }),
    ]) as { transactionId: number; idTagInfo: { status: string } }[];
    expect(answers.map((a) => a.idTagInfo.status)).toEqual(['Accepted', 'Accepted']);
    await Promise.all([
      client.call('StopTransaction', { transactionId: answers[0]!.transactionId, meterStop: 2100, timestamp: at(60).toISOString() }),
      client.call('StopTransaction', { transactionId: answers[1]!.transactionId, meterStop: 4600, timestamp: at(180).toISOString() }),
    ]);
    const applianceId = charger.appliances.get(1)!;
    expect(await metersOf(applianceId)).toHaveLength(1);
    expect(await readingsOf(applianceId)).toEqual([reading(0, 100), reading(60, 2100), reading(120, 3100), reading(180, 4600)]);
  });

  // Two connections at once, the first holding its new meter uncommitted while the second wants it.
  it.runIf(testDatabaseKind() === 'postgres')('lets a transaction that finds the meter being made wait for it and use it', async () => {
    const charger = await addDevice(world, { kind: 'charger', appliances: [{ connectorId: 1, kind: 'ev_connector', metering: 'energy' }] });
    const applianceId = charger.appliances.get(1)!;
    let commit!: () => void;
    let made!: () => void;
    const meterMade = new Promise<void>((resolve) => { made = resolve; });
    const first = inTenant(ctx.deps.db, world.tenantId, async (tx) => {
      await meterApplianceEnergy(tx, ctx.deps, world.tenantId, [{ applianceId, at: at(0), energyWh: 700 }]);
      made();
      await new Promise<void>((resolve) => { commit = resolve; });
    });
    await meterMade;
    const second = inTenant(ctx.deps.db, world.tenantId, (tx) => meterApplianceEnergy(tx, ctx.deps, world.tenantId, [{ applianceId, at: at(60), energyWh: 1900 }]));
    await new Promise((resolve) => setTimeout(resolve, 200)); // the second now waits on the first's meter
    commit();
    await Promise.all([first, second]);
    expect(await metersOf(applianceId)).toHaveLength(1);
    expect(await readingsOf(applianceId)).toEqual([reading(0, 700), reading(60, 1900)]);
  });
});
