// EV charging with the simulated charger against the real gateway: a prepaid charge takes holds
// step by step as the readings come, and is stopped remotely when the wallet cannot cover more.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../db/scope.ts';
import { addDevice, addResident, addTariff, balanceOf, DEVICE_PASSWORD, startGatewayWorld, type GatewayWorld } from '../gateway/ocpp/testing.ts';
import { createTestContext, type TestContext } from '../test/app.ts';
import { SimulatedCharger } from './charger.ts';
import { ManualClock } from './clock.ts';

let ctx: TestContext;
let world: GatewayWorld;
const chargers: SimulatedCharger[] = [];
const MINUTE = 60_000;

beforeAll(async () => {
  ctx = await createTestContext();
  world = await startGatewayWorld(ctx);
  // 3.00 per kWh: at 11 kW a minute costs 0.55, so a hold step of 10.00 lasts about 18 minutes.
  await addTariff(world, { applianceKind: 'ev_connector', metering: 'energy', unitPriceMinor: 300 });
});

afterAll(async () => {
  await Promise.all(chargers.map((c) => c.close()));
  await world.close();
  await ctx.close();
});

async function charger() {
  const { identity, deviceId } = await addDevice(world, { kind: 'charger', appliances: [{ connectorId: 1, kind: 'ev_connector', metering: 'energy' }] });
  const clock = new ManualClock(ctx.clock.now());
  const lines: string[] = [];
  const device = new SimulatedCharger({ url: world.url, identity, password: DEVICE_PASSWORD, clock, reconnect: false, powerW: 11_000, log: (l) => lines.push(l) });
  chargers.push(device);
  await device.connect();
  await device.whenAccepted();
  await device.idle();
  return {
    device, deviceId, lines,
    async advance(ms: number) {
      for (let done = 0; done < ms; done += MINUTE) {
        ctx.clock.advance(MINUTE);
        await clock.advance(MINUTE);
        await device.idle();
      }
    },
    connection: () => world.gateway.connections.get(deviceId)!,
    sessions: () => inTenant(ctx.deps.db, world.tenantId, (tx) => tx.selectFrom('usage_sessions').selectAll().where('device_id', '=', deviceId).orderBy('created_at').execute()),
    holds: (sessionId: string) => inTenant(ctx.deps.db, world.tenantId, (tx) => tx.selectFrom('session_holds').selectAll().where('session_id', '=', sessionId).execute()),
  };
}

describe('EV charging at a simulated charger', () => {
  it('prepaid: holds grow with the readings, and the charge is stopped remotely when the wallet cannot cover another step', async () => {
    const c = await charger();
    const driver = await addResident(world, 2_500);
    await c.device.plugIn();
    const started = await c.device.startCharging(driver.idTag);
    expect(started).toMatchObject({ started: true, status: 'Accepted' });

    await c.advance(15 * MINUTE);
    const [running] = await c.sessions();
    expect(running).toMatchObject({ status: 'active', held_minor: 2_000 });
    expect(await c.holds(running!.id)).toHaveLength(2);

    await c.advance(30 * MINUTE);
    expect(c.device.connector(1).transaction).toBeUndefined();
    expect(c.lines.some((l) => l.includes('→ StopTransaction') && l.includes('"reason":"Remote"'))).toBe(true);
    const [stopped] = await c.sessions();
    expect(stopped).toMatchObject({ status: 'completed', ended_by: 'balance' });
    // Charged what was drawn, at 3.00 per kWh, and no more than the wallet held.
    expect(stopped!.amount_minor).toBe(Math.round((stopped!.quantity! * 300) / 1000));
    expect(stopped!.quantity!).toBeGreaterThan(5_000);
    expect(await balanceOf(world, driver.personId)).toEqual({ available: 2_500 - stopped!.amount_minor!, posted: 2_500 - stopped!.amount_minor! });
    expect(stopped!.amount_minor!).toBeLessThanOrEqual(2_500);
  });

  it('refuses a driver below the minimum balance at Authorize', async () => {
    const c = await charger();
    const driver = await addResident(world, 100);
    expect(await c.device.startCharging(driver.idTag)).toEqual({ started: false, status: 'Blocked' });
    expect(await c.sessions()).toEqual([]);
  });

  it('starts on RemoteStartTransaction, reports readings, and ends when the car is unplugged', async () => {
    const c = await charger();
    const driver = await addResident(world, 5_000);
    expect(await c.connection().call('RemoteStartTransaction', { connectorId: 1, idTag: driver.idTag })).toEqual({ status: 'Accepted' });
    await c.device.idle();
    expect(c.device.connector(1).status).toBe('Charging');
    await c.advance(6 * MINUTE);
    await c.device.unplug();
    const [session] = await c.sessions();
    // 6 minutes at 11 kW: 1.1 kWh.
    expect(session).toMatchObject({ status: 'completed', quantity: 1_100, amount_minor: 330, stop_reason: 'EVDisconnected' });
    expect(await c.connection().call('UnlockConnector', { connectorId: 1 })).toEqual({ status: 'Unlocked' });
  });
});
