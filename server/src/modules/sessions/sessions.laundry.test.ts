// Laundry sessions end to end over real WebSockets: a terminal pre-selects, starts, reports and
// stops; the wallet is held and charged to the cent at the tariff frozen at the start.
import type { RPCClient } from 'ocpp-rpc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../../db/scope.ts';
import {
  addDevice, addResident, addTariff, balanceOf, bootedDevice, energyReading, startGatewayWorld, vendorCall, type GatewayWorld,
} from '../../gateway/ocpp/testing.ts';
import { createTestContext, type TestContext } from '../../test/app.ts';
import { changeCredentialStatus } from '../credentials/credentials.lifecycle.ts';

let ctx: TestContext;
let world: GatewayWorld;
let terminal: RPCClient;
let impulseTerminal: RPCClient;

const at = (minutes: number) => new Date(Date.UTC(2026, 10, 22, 10, 0, 0) + minutes * 60_000);

beforeAll(async () => {
  ctx = await createTestContext();
  world = await startGatewayWorld(ctx);
  await addTariff(world, { applianceKind: 'washer', metering: 'energy', unitPriceMinor: 50 });
  await addTariff(world, { applianceKind: 'dryer', metering: 'time', unitPriceMinor: 100 });
  await addTariff(world, { applianceKind: 'ironer', metering: 'impulse', unitPriceMinor: 100, sessionFeeMinor: 20 });
  const metered = await addDevice(world, { appliances: [{ connectorId: 1, kind: 'washer', metering: 'energy' }, { connectorId: 2, kind: 'dryer', metering: 'time' }] });
  const impulse = await addDevice(world, { appliances: [{ connectorId: 1, kind: 'ironer', metering: 'impulse' }, { connectorId: 2, kind: 'ironer', metering: 'impulse' }] });
  terminal = await bootedDevice(world, metered.identity);
  impulseTerminal = await bootedDevice(world, impulse.identity);
});

afterAll(async () => {
  await world.close();
  await ctx.close();
});

async function sessionOf(transactionId: number) {
  return inTenant(ctx.deps.db, world.tenantId, (tx) => tx.selectFrom('usage_sessions').selectAll().where('transaction_id', '=', transactionId).executeTakeFirstOrThrow());
}

describe('a laundry session', () => {
  it('by energy: shows balance and price, holds the maximum, charges the kWh used', async () => {
    const anna = await addResident(world, 1000);
    expect(await terminal.call('Authorize', { idTag: anna.idTag })).toEqual({ idTagInfo: { status: 'Accepted' } });
    expect(await vendorCall(terminal, 'GetBalance', { idTag: anna.idTag })).toMatchObject({ status: 'Accepted', data: { balance: 1000, currency: 'EUR' } });
    expect((await vendorCall(terminal, 'GetTariff', { connectorId: 1 })).data).toEqual({ connectorId: 1, unit: 'kWh', unitPrice: 50, sessionFee: 0, vatRate: 20, currency: 'EUR' });

    const preselect = await vendorCall(terminal, 'Preselect', { connectorId: 1, idTag: anna.idTag, quantity: 2, unit: 'kWh' });
    expect(preselect).toMatchObject({ status: 'Accepted', data: { maxAmount: 100, balance: 900 } });
    expect(await balanceOf(world, anna.personId)).toEqual({ available: 900, posted: 1000 });

    const start = await terminal.call('StartTransaction', { connectorId: 1, idTag: anna.idTag, meterStart: 1000, timestamp: new Date().toISOString() }) as { transactionId: number; idTagInfo: { status: string } };
    expect(start.idTagInfo.status).toBe('Accepted');
    await terminal.call('MeterValues', { connectorId: 1, transactionId: start.transactionId, meterValue: [energyReading(new Date(), 1600, 2000)] });
    await terminal.call('StopTransaction', { transactionId: start.transactionId, meterStop: 2250, timestamp: new Date().toISOString(), reason: 'Local' });

    // 1.25 kWh × 0.50 = 0.625 → 0.63 (half up, once per session)
    expect(await balanceOf(world, anna.personId)).toEqual({ available: 937, posted: 937 });
    expect(await sessionOf(start.transactionId)).toMatchObject({ status: 'completed', quantity: 1250, amount_minor: 63, ended_by: 'device', preselect_quantity: 2000 });
  });

  it('by time: charges the started minutes, never more than booked', async () => {
    const ben = await addResident(world, 500);
    expect(await vendorCall(terminal, 'Preselect', { connectorId: 2, idTag: ben.idTag, quantity: 60, unit: 'min' })).toMatchObject({ status: 'Accepted', data: { maxAmount: 100 } });
    const start = await terminal.call('StartTransaction', { connectorId: 2, idTag: ben.idTag, meterStart: 0, timestamp: new Date().toISOString() }) as { transactionId: number };
    const stoppedAt = new Date(Date.now() + 45 * 60_000 + 30_000);
    await terminal.call('StopTransaction', { transactionId: start.transactionId, meterStop: 0, timestamp: stoppedAt.toISOString() });
    // 46 started minutes at 1.00 per hour = 0.7667 → 0.77
    expect(await balanceOf(world, ben.personId)).toEqual({ available: 423, posted: 423 });
  });

  it('by impulse: charges the pre-selected impulses and the session fee', async () => {
    const cleo = await addResident(world, 500);
    expect(await vendorCall(impulseTerminal, 'Preselect', { connectorId: 1, idTag: cleo.idTag, quantity: 2, unit: 'impulse' })).toMatchObject({ status: 'Accepted', data: { maxAmount: 220 } });
    const start = await impulseTerminal.call('StartTransaction', { connectorId: 1, idTag: cleo.idTag, meterStart: 0, timestamp: new Date().toISOString() }) as { transactionId: number };
    await impulseTerminal.call('StopTransaction', { transactionId: start.transactionId, meterStop: 0, timestamp: new Date().toISOString() });
    expect(await balanceOf(world, cleo.personId)).toEqual({ available: 280, posted: 280 });
  });

  it('refuses a pre-selection the balance does not cover, holding nothing', async () => {
    const dora = await addResident(world, 50);
    expect(await vendorCall(terminal, 'Preselect', { connectorId: 1, idTag: dora.idTag, quantity: 2, unit: 'kWh' })).toEqual({ status: 'Rejected', data: { reason: 'balance_too_low' } });
    expect(await balanceOf(world, dora.personId)).toEqual({ available: 50, posted: 50 });
    // A smaller choice fits.
    expect((await vendorCall(terminal, 'Preselect', { connectorId: 1, idTag: dora.idTag, quantity: 1, unit: 'kWh' })).status).toBe('Accepted');
    await vendorCall(terminal, 'Preselect', { connectorId: 1, idTag: dora.idTag, quantity: 0.5, unit: 'kWh' }); // choosing again replaces the first choice
    expect(await balanceOf(world, dora.personId)).toEqual({ available: 25, posted: 50 });
  });

  it('answers busy for an appliance someone else pre-selected or runs, and not found for an unknown tag or connector', async () => {
    const [eva, fred] = [await addResident(world, 1000), await addResident(world, 1000)];
    expect((await vendorCall(impulseTerminal, 'Preselect', { connectorId: 2, idTag: eva.idTag, quantity: 1, unit: 'impulse' })).status).toBe('Accepted');
    expect(await vendorCall(impulseTerminal, 'Preselect', { connectorId: 2, idTag: fred.idTag, quantity: 1, unit: 'impulse' })).toEqual({ status: 'Rejected', data: { reason: 'busy' } });
    expect(await vendorCall(impulseTerminal, 'Preselect', { connectorId: 2, idTag: 'DEADBEEF00', quantity: 1, unit: 'impulse' })).toEqual({ status: 'Rejected', data: { reason: 'not_found' } });
    expect(await vendorCall(impulseTerminal, 'Preselect', { connectorId: 7, idTag: fred.idTag, quantity: 1, unit: 'impulse' })).toEqual({ status: 'Rejected', data: { reason: 'not_found' } });
    // The tag busy here cannot start on another terminal meanwhile.
    expect(await terminal.call('Authorize', { idTag: eva.idTag })).toEqual({ idTagInfo: { status: 'ConcurrentTx' } });
    expect(await vendorCall(terminal, 'Preselect', { connectorId: 1, idTag: eva.idTag, quantity: 1, unit: 'kWh' })).toEqual({ status: 'Rejected', data: { reason: 'busy' } });
  });

  it('finishes and charges a session whose badge is reported lost mid-way, then refuses the badge', async () => {
    const gus = await addResident(world, 1000);
    await vendorCall(terminal, 'Preselect', { connectorId: 1, idTag: gus.idTag, quantity: 1, unit: 'kWh' });
    const start = await terminal.call('StartTransaction', { connectorId: 1, idTag: gus.idTag, meterStart: 5000, timestamp: new Date().toISOString() }) as { transactionId: number };
    await inTenant(ctx.deps.db, world.tenantId, (tx) => changeCredentialStatus(tx, world.tenantId, gus.credentialId, 'lost', { userId: null, actor: 'system', reason: 'lost', now: new Date() }));
    await expect.poll(async () => (await terminal.call('Authorize', { idTag: gus.idTag }) as { idTagInfo: { status: string } }).idTagInfo.status).toBe('Blocked');
    await terminal.call('StopTransaction', { transactionId: start.transactionId, meterStop: 5400, timestamp: new Date().toISOString() });
    expect(await balanceOf(world, gus.personId)).toEqual({ available: 980, posted: 980 });
    expect(await vendorCall(terminal, 'Preselect', { connectorId: 1, idTag: gus.idTag, quantity: 1, unit: 'kWh' })).toEqual({ status: 'Rejected', data: { reason: 'authorization_error' } });
  });

  it('answers a StartTransaction sent again, several at once or late, with the same transaction and starts nothing more', async () => {
    const ida = await addResident(world, 1000);
    const ironer = await addDevice(world, { appliances: [{ connectorId: 1, kind: 'ironer', metering: 'impulse' }] });
    const hasty = await bootedDevice(world, ironer.identity, { callConcurrency: 3 });
    await vendorCall(hasty, 'Preselect', { connectorId: 1, idTag: ida.idTag, quantity: 1, unit: 'impulse' });
    const request = { connectorId: 1, idTag: ida.idTag, meterStart: 0, timestamp: at(5).toISOString() };
    const [first, ...concurrent] = await Promise.all([1, 2, 3].map(() => hasty.call('StartTransaction', request)));
    const again = await hasty.call('StartTransaction', request);
    expect(concurrent).toEqual([first, first]);
    expect(again).toEqual(first);
    expect((first as { idTagInfo: { status: string } }).idTagInfo.status).toBe('Accepted');
    const sessions = await inTenant(ctx.deps.db, world.tenantId, (tx) => tx.selectFrom('usage_sessions').select(['status', 'transaction_id'])
      .where('person_id', '=', ida.personId).execute());
    expect(sessions).toEqual([{ status: 'active', transaction_id: (first as { transactionId: number }).transactionId }]);
    expect(await balanceOf(world, ida.personId)).toEqual({ available: 880, posted: 1000 });
    await hasty.call('StopTransaction', { transactionId: (first as { transactionId: number }).transactionId, meterStop: 0, timestamp: at(10).toISOString() });
    expect(await balanceOf(world, ida.personId)).toEqual({ available: 880, posted: 880 });
    // A late copy of the first start, after the next pre-selection: the first session's answer; the new choice waits.
    await vendorCall(hasty, 'Preselect', { connectorId: 1, idTag: ida.idTag, quantity: 1, unit: 'impulse' });
    expect(await hasty.call('StartTransaction', request)).toEqual(first);
    const statuses = await inTenant(ctx.deps.db, world.tenantId, (tx) => tx.selectFrom('usage_sessions').select('status')
      .where('person_id', '=', ida.personId).orderBy('created_at').execute());
    expect(statuses.map((r) => r.status)).toEqual(['completed', 'preselected']);
  });

  it('charges a StopTransaction sent twice once, and answers a transaction it does not know', async () => {
    const hans = await addResident(world, 1000);
    await vendorCall(terminal, 'Preselect', { connectorId: 1, idTag: hans.idTag, quantity: 1, unit: 'kWh' });
    const start = await terminal.call('StartTransaction', { connectorId: 1, idTag: hans.idTag, meterStart: 0, timestamp: at(0).toISOString() }) as { transactionId: number };
    const stop = { transactionId: start.transactionId, meterStop: 800, timestamp: at(60).toISOString(), idTag: hans.idTag };
    expect(await terminal.call('StopTransaction', stop)).toEqual({ idTagInfo: { status: 'Accepted' } });
    expect(await terminal.call('StopTransaction', stop)).toEqual({ idTagInfo: { status: 'Accepted' } });
    expect(await balanceOf(world, hans.personId)).toEqual({ available: 960, posted: 960 });
    expect(await terminal.call('StopTransaction', { transactionId: 999_999, meterStop: 1, timestamp: at(61).toISOString() })).toEqual({});
  });
});
