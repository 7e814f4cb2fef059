// Laundry sessions played by the simulated terminal against the real gateway and sessions
// module: what the resident sees at the terminal, and what the wallet is charged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../db/scope.ts';
import { changeCredentialStatus } from '../modules/credentials/credentials.lifecycle.ts';
import { LIST_DEBOUNCE_MS } from '../gateway/ocpp/localList.ts';
import { addDevice, addResident, addTariff, balanceOf, DEVICE_PASSWORD, startGatewayWorld, type GatewayWorld } from '../gateway/ocpp/testing.ts';
import { preselect } from '../modules/sessions/sessions.start.ts';
import { createTestContext, type TestContext } from '../test/app.ts';
import { startTerminalAutopilot } from './autopilot.ts';
import { ManualClock } from './clock.ts';
import type { ConnectorSpec } from './connector.ts';
import { SimulatedTerminal } from './terminal.ts';

let ctx: TestContext;
let world: GatewayWorld;
const devices: SimulatedTerminal[] = [];

beforeAll(async () => {
  ctx = await createTestContext();
  world = await startGatewayWorld(ctx);
  // 0.50 per kWh for washing, 1.00 per hour for drying, 1.00 per use of the ironing station.
  await addTariff(world, { applianceKind: 'washer', metering: 'energy', unitPriceMinor: 50 });
  await addTariff(world, { applianceKind: 'dryer', metering: 'time', unitPriceMinor: 100 });
  await addTariff(world, { applianceKind: 'ironer', metering: 'impulse', unitPriceMinor: 100 });
});

afterAll(async () => {
  await Promise.all(devices.map((d) => d.close()));
  await world.close();
  await ctx.close();
});

const MINUTE = 60_000;

async function terminal(connectors: ConnectorSpec[]) {
  const { identity, deviceId } = await addDevice(world, { appliances: connectors });
  const clock = new ManualClock(ctx.clock.now());
  const lines: string[] = [];
  const device = new SimulatedTerminal({ url: world.url, identity, password: DEVICE_PASSWORD, connectors, clock, reconnect: false, log: (l) => lines.push(l) });
  devices.push(device);
  await device.connect();
  await device.whenAccepted();
  await device.idle();
  return {
    device, deviceId, lines,
    /** Moves the device's and the server's clocks together, in steps as real time would pass. */
    async advance(ms: number, step = MINUTE) {
      for (let done = 0; done < ms; done += step) {
        const now = Math.min(step, ms - done);
        ctx.clock.advance(now);
        await clock.advance(now);
        await device.idle();
      }
    },
    connection() {
      const connection = world.gateway.connections.get(deviceId);
      if (!connection) throw new Error('not connected');
      return connection;
    },
    sessions: () => inTenant(ctx.deps.db, world.tenantId, (tx) => tx.selectFrom('usage_sessions').selectAll().where('device_id', '=', deviceId).orderBy('created_at').execute()),
    statuses: async () => (await inTenant(ctx.deps.db, world.tenantId, (tx) => tx.selectFrom('appliances').select('ocpp_status')
      .where('device_id', '=', deviceId).orderBy('connector_id').execute())).map((r) => r.ocpp_status),
    samples: (sessionId: string) => inTenant(ctx.deps.db, world.tenantId, (tx) => tx.selectFrom('meter_samples').selectAll().where('session_id', '=', sessionId).orderBy('sampled_at').execute()),
  };
}

const washers: ConnectorSpec[] = [
  { connectorId: 1, kind: 'washer', metering: 'energy', name: 'Waschmaschine 1', powerW: 2_000 },
  { connectorId: 2, kind: 'washer', metering: 'energy', name: 'Waschmaschine 2', powerW: 2_000 },
];

describe('laundry sessions at a simulated terminal', () => {
  it('energy: tap, price, pre-select, wash, program ends, resident stops; only the energy used is charged', async () => {
    const t = await terminal(washers);
    const anna = await addResident(world, 2_000);

    const tap = await t.device.tap(anna.idTag);
    expect(tap).toMatchObject({ status: 'Accepted', display: 'Balance 20.00 EUR', balance: { balance: 2_000, currency: 'EUR' } });
    expect(await t.device.tariff(1)).toEqual({ accepted: true, data: { connectorId: 1, unit: 'kWh', unitPrice: 50, sessionFee: 0, vatRate: 20, currency: 'EUR' } });

    const chosen = await t.device.preselect(1, anna.idTag, 2);
    expect(chosen).toMatchObject({ accepted: true, data: { maxAmount: 100, currency: 'EUR' } });
    expect(await balanceOf(world, anna.personId)).toEqual({ available: 1_900, posted: 2_000 });

    const started = await t.device.start(1, anna.idTag);
    expect(started).toMatchObject({ started: true, transactionId: expect.any(Number) });
    expect(await t.statuses()).toEqual(['Charging', 'Available']);

    // 30 minutes at 2 kW, then the program is over and the register stays flat for 10 minutes.
    await t.advance(30 * MINUTE);
    await t.device.finishProgram(1);
    await t.advance(10 * MINUTE);
    expect(await t.statuses()).toEqual(['SuspendedEV', 'Available']);
    await t.device.stop(1);

    const [session] = await t.sessions();
    expect(session).toMatchObject({ status: 'completed', transaction_id: started.transactionId, quantity: 1_000, amount_minor: 50, ended_by: 'device' });
    const samples = await t.samples(session!.id);
    expect(samples.length).toBeGreaterThanOrEqual(39);
    expect(samples.at(-1)).toMatchObject({ energy_wh: session!.meter_start_wh! + 1_000, power_w: 0 });
    expect(await balanceOf(world, anna.personId)).toEqual({ available: 1_950, posted: 1_950 });
    expect(await t.statuses()).toEqual(['Available', 'Available']);
  });

  it('energy: the terminal switches off when the pre-selected energy is used up', async () => {
    const t = await terminal(washers);
    const lukas = await addResident(world, 1_000);
    await t.device.tap(lukas.idTag);
    await t.device.preselect(2, lukas.idTag, 0.5);
    await t.device.start(2, lukas.idTag);
    await t.advance(20 * MINUTE); // 0.5 kWh at 2 kW take 15 minutes
    const [session] = await t.sessions();
    expect(session).toMatchObject({ status: 'completed', quantity: 500, amount_minor: 25, stop_reason: 'Local' });
    expect(await balanceOf(world, lukas.personId)).toEqual({ available: 975, posted: 975 });
  });

  it('time: the dryer runs for the booked minutes and is charged for them', async () => {
    const t = await terminal([{ connectorId: 1, kind: 'dryer', metering: 'time', name: 'Trockner' }]);
    const marie = await addResident(world, 500);
    await t.device.tap(marie.idTag);
    const chosen = await t.device.preselect(1, marie.idTag, 90);
    expect(chosen).toMatchObject({ accepted: true, data: { maxAmount: 150 } });
    await t.device.start(1, marie.idTag);
    await t.advance(95 * MINUTE);
    const [session] = await t.sessions();
    expect(session).toMatchObject({ status: 'completed', quantity: 90, amount_minor: 150 });
    expect(await balanceOf(world, marie.personId)).toEqual({ available: 350, posted: 350 });
    expect(await t.statuses()).toEqual(['Available']);
  });

  it('impulse: one impulse starts the ironing station; the Central System ends the session', async () => {
    const t = await terminal([{ connectorId: 1, kind: 'ironer', metering: 'impulse' }, { connectorId: 2, kind: 'ironer', metering: 'impulse' }]);
    const tomasz = await addResident(world, 300);
    await t.device.tap(tomasz.idTag);
    expect(await t.device.preselect(1, tomasz.idTag, 1)).toMatchObject({ accepted: true, data: { maxAmount: 100 } });
    const started = await t.device.start(1, tomasz.idTag);
    expect(t.lines.some((l) => l.includes('1 impulse(s) on output 1'))).toBe(true);
    expect(await t.statuses()).toEqual(['Charging', 'Available']);

    expect(await t.connection().call('RemoteStopTransaction', { transactionId: started.transactionId })).toEqual({ status: 'Accepted' });
    await t.device.idle();
    const [session] = await t.sessions();
    expect(session).toMatchObject({ status: 'completed', quantity: 1, amount_minor: 100 });
    expect(await balanceOf(world, tomasz.personId)).toEqual({ available: 200, posted: 200 });
    expect(await t.connection().call('RemoteStopTransaction', { transactionId: started.transactionId })).toEqual({ status: 'Rejected' });
  });

  it('shows the refusals a resident meets: unknown badge, balance too low, appliance busy', async () => {
    const t = await terminal(washers);
    expect(await t.device.tap('FFEEDDCCBBAA99')).toMatchObject({ status: 'Invalid', display: 'd. Not found' });

    const poor = await addResident(world, 40);
    expect(await t.device.preselect(1, poor.idTag, 2)).toEqual({ accepted: false, reason: 'balance_too_low' });
    expect(t.lines.at(-1)).toContain('b. Balance too low');

    const rich = await addResident(world, 5_000);
    await t.device.preselect(1, rich.idTag, 2);
    await t.device.start(1, rich.idTag);
    expect(await t.device.preselect(1, poor.idTag, 0.5)).toEqual({ accepted: false, reason: 'busy' });
    expect(t.lines.at(-1)).toContain('c. Busy');
    await t.device.stop(1);
  });

  it('remote start from the portal: the Central System pre-selects for the resident and the terminal just starts', async () => {
    const t = await terminal(washers);
    const fatma = await addResident(world, 1_000);
    const chosen = await preselect(ctx.deps, t.connection().device, { connectorId: 2, idTag: fatma.idTag, quantity: 1, unit: 'kWh', origin: 'portal' });
    expect(chosen.accepted).toBe(true);
    expect(await t.connection().call('RemoteStartTransaction', { connectorId: 2, idTag: fatma.idTag })).toEqual({ status: 'Accepted' });
    await t.device.idle();
    expect(await t.statuses()).toEqual(['Available', 'Charging']);
    const [running] = await t.sessions();
    expect(running).toMatchObject({ status: 'active', origin: 'portal', connector_id: 2 });

    // A second remote start on the running appliance is refused by the terminal itself.
    expect(await t.connection().call('RemoteStartTransaction', { connectorId: 2, idTag: fatma.idTag })).toEqual({ status: 'Rejected' });
    await t.advance(15 * MINUTE);
    expect(await t.connection().call('RemoteStopTransaction', { transactionId: running!.transaction_id })).toEqual({ status: 'Accepted' });
    await t.device.idle();
    const [done] = await t.sessions();
    expect(done).toMatchObject({ status: 'completed', quantity: 500, amount_minor: 25, stop_reason: 'Remote' });
  });

  it('offline: a badge on the local list washes; the session is replayed with its own times and charged once', async () => {
    const t = await terminal(washers);
    const anna = await addResident(world, 2_000);
    // The Central System sends new badges to the connected terminals' local lists by itself.
    const deadline = Date.now() + 10_000;
    while (!t.device.authorizeOffline(anna.idTag) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(t.device.localList.lookup(anna.idTag)).toEqual({ status: 'Accepted' });

    await t.device.disconnect();
    expect(await t.device.tap('0011223344556677')).toMatchObject({ status: 'Offline', display: 'i. Terminal offline' });
    expect(await t.device.start(1, '0011223344556677')).toMatchObject({ started: false, display: 'i. Terminal offline' });
    const startedAt = ctx.clock.now();
    expect(await t.device.start(1, anna.idTag, 2)).toMatchObject({ started: true });
    await t.advance(20 * MINUTE);
    await t.device.stop(1);
    expect(t.device.queued).toBeGreaterThan(20); // start, a reading a minute, stop

    await t.advance(30 * MINUTE);
    await t.device.reconnect();
    expect(t.device.queued).toBe(0);
    const [session] = await t.sessions();
    // 20 minutes at 2 kW: 667 Wh, 0.33 EUR; started and stopped when it happened, not when reported.
    expect(session).toMatchObject({ status: 'completed', origin: 'offline', quantity: 666, amount_minor: 33 });
    expect(Math.abs(new Date(session!.started_at!).getTime() - startedAt.getTime())).toBeLessThan(5_000);
    expect(Math.abs(new Date(session!.stopped_at!).getTime() - (startedAt.getTime() + 20 * MINUTE))).toBeLessThan(5_000);
    expect(await balanceOf(world, anna.personId)).toEqual({ available: 1_967, posted: 1_967 });
    expect(await t.statuses()).toEqual(['Available', 'Available']);
  });

  it('offline: a badge blocked while the terminal was away is off its list once it reconnects', async () => {
    const t = await terminal(washers);
    const lost = await addResident(world, 1_000);
    const waitFor = async (check: () => boolean) => {
      const deadline = Date.now() + 5_000;
      while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      return check();
    };
    expect(await waitFor(() => t.device.authorizeOffline(lost.idTag))).toBe(true);
    await t.device.disconnect();
    await inTenant(ctx.deps.db, world.tenantId, (tx) => changeCredentialStatus(tx, world.tenantId, lost.credentialId, 'lost', {
      userId: null, actor: 'resident', reason: 'Verloren', now: ctx.clock.now(),
    }));
    // The change goes out to connected devices only: let that moment pass while this one is away.
    await new Promise((r) => setTimeout(r, LIST_DEBOUNCE_MS + 500));
    await t.device.reconnect();
    // Without this, the lost badge would still wash at this terminal during its next outage.
    expect(await waitFor(() => !t.device.authorizeOffline(lost.idTag))).toBe(true);
  });

  it('autopilot: residents come, wash and leave, and every finished session is charged what it used', { timeout: 120_000 }, async () => {
    const t = await terminal(washers);
    const residents = await Promise.all([1, 2, 3].map(() => addResident(world, 5_000)));
    let seed = 42;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
    const autopilot = startTerminalAutopilot(t.device, { tags: residents.map((r) => r.idTag), arrivalMinutes: 15, random });
    await t.advance(5 * 60 * MINUTE);
    autopilot.stop();

    const sessions = await t.sessions();
    const completed = sessions.filter((s) => s.status === 'completed');
    expect(completed.length).toBeGreaterThanOrEqual(3);
    expect(sessions.every((s) => s.status === 'completed' || s.status === 'active')).toBe(true);
    for (const s of completed) expect(s.amount_minor).toBe(Math.round((s.quantity! * 50) / 1000));
    const spent = completed.reduce((sum, s) => sum + s.amount_minor!, 0);
    const posted = (await Promise.all(residents.map((r) => balanceOf(world, r.personId)))).reduce((sum, b) => sum + b.posted, 0);
    expect(posted).toBe(15_000 - spent);
  });
});
