// The portal's remote start (the phone app of the seeds): a resident sees the appliances where
// they live with price and state, starts one, the terminal is told over its WebSocket, and the
// receipt shows what was charged.
import type { RPCClient } from 'ocpp-rpc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../../db/scope.ts';
import { addDevice, bootedDevice, startGatewayWorld, type GatewayWorld } from '../../gateway/ocpp/testing.ts';
import { createTestContext, login, type Session, type TestContext } from '../../test/app.ts';

let ctx: TestContext;
let world: GatewayWorld;
let anna: Session;
let staff: Session;
let terminal: RPCClient;
let washerId: string;
const started: { connectorId: number; idTag: string }[] = [];

beforeAll(async () => {
  ctx = await createTestContext({ demoWallets: true });
  world = await startGatewayWorld(ctx);
  anna = await login(ctx.app, 'resident@demo.test');
  staff = await login(ctx.app, 'manager@demo.test');
  // A terminal in Anna's building (the demo tariffs price its washer at 0.50 per kWh).
  const annaSite = await inTenant(ctx.deps.db, world.tenantId, (tx) => tx.selectFrom('occupancies as o').innerJoin('units as u', 'u.id', 'o.unit_id')
    .innerJoin('people as p', 'p.id', 'o.person_id').select('u.site_id').where('p.customer_number', '=', 'HEIMBAU-10001').executeTakeFirstOrThrow());
  const device = await addDevice(world, { siteId: annaSite.site_id, appliances: [{ connectorId: 1, kind: 'washer', metering: 'energy' }] });
  washerId = device.appliances.get(1)!;
  terminal = await bootedDevice(world, device.identity);
  terminal.handle('RemoteStartTransaction', async ({ params }) => {
    started.push(params as { connectorId: number; idTag: string });
    return { status: 'Accepted' };
  });
  terminal.handle('RemoteStopTransaction', async () => ({ status: 'Accepted' }));
  await terminal.call('StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Available' });
});

afterAll(async () => {
  await world.close();
  await ctx.close();
});

describe('starting from the portal', () => {
  it('shows the appliance free with its price, starts it remotely and charges what the terminal measured', async () => {
    const wallet = async () => (await anna.request('GET', '/api/wallet')).body.available as number;
    const before = await wallet();
    const listed = (await anna.request('GET', '/api/me/appliances')).body.find((a: { id: string }) => a.id === washerId);
    expect(listed).toMatchObject({ status: 'free', price: { unit: 'kWh', unitPrice: 50, currency: 'EUR' }, mySession: null });

    const start = await anna.request('POST', `/api/me/appliances/${washerId}/start`, { quantity: 1.5 });
    expect(start.status).toBe(201);
    expect(start.body).toMatchObject({ status: 'preselected', preselectQuantity: 1.5, heldMinor: 75 });
    expect(started).toEqual([{ connectorId: 1, idTag: expect.any(String) }]);
    expect(await wallet()).toBe(before - 75);

    // The terminal starts as told, measures 0.6 kWh and stops.
    const startTx = { connectorId: 1, idTag: started[0]!.idTag, meterStart: 100, timestamp: new Date().toISOString() };
    const tx = await terminal.call('StartTransaction', startTx) as { transactionId: number };
    // Its answer lost, the terminal sends the start again: the same session, not a second one.
    expect(await terminal.call('StartTransaction', startTx)).toEqual({ transactionId: tx.transactionId, idTagInfo: { status: 'Accepted' } });
    const running = (await anna.request('GET', '/api/me/appliances')).body.find((a: { id: string }) => a.id === washerId);
    expect(running).toMatchObject({ status: 'busy', mySession: { id: start.body.id, status: 'active' } });
    await terminal.call('StopTransaction', { transactionId: tx.transactionId, meterStop: 700, timestamp: new Date().toISOString() });

    const receipt = (await anna.request('GET', `/api/me/sessions/${start.body.id}`)).body;
    expect(receipt).toMatchObject({ status: 'completed', quantity: 0.6, unit: 'kWh', amountMinor: 30, vatMinor: 5, endedBy: 'device', origin: 'portal' });
    expect(await wallet()).toBe(before - 30);
  });

  it('refuses a maximum the balance does not cover with the terminal\'s reason, and needs a maximum for laundry', async () => {
    const refused = await anna.request('POST', `/api/me/appliances/${washerId}/start`, { quantity: 900 });
    expect(refused).toMatchObject({ status: 409, body: { error: { code: 'sessions.balance_too_low' } } });
    expect((await anna.request('POST', `/api/me/appliances/${washerId}/start`, {})).body.error.code).toBe('sessions.quantity_required');
  });

  it('lets the resident end a running session and staff end a stuck one', async () => {
    const start = await anna.request('POST', `/api/me/appliances/${washerId}/start`, { quantity: 1 });
    const tx = await terminal.call('StartTransaction', { connectorId: 1, idTag: started.at(-1)!.idTag, meterStart: 700, timestamp: new Date().toISOString() }) as { transactionId: number };
    // The terminal accepts the remote stop but never reports: after the grace period staff close it here.
    const ended = await anna.request('POST', `/api/me/sessions/${start.body.id}/stop`);
    expect(ended.body).toMatchObject({ status: 'active', endedBy: 'user' });
    ctx.clock.advance(3 * 60_000);
    const closed = await staff.request('POST', `/api/sessions/${start.body.id}/stop`);
    expect(closed.body).toMatchObject({ status: 'completed', endedBy: 'user', amountMinor: 0 });
    // The device reports later what it measured: that is charged, once (0.2 kWh at 0.50).
    const late = { transactionId: tx.transactionId, meterStop: 900, timestamp: new Date().toISOString() };
    await terminal.call('StopTransaction', late);
    await terminal.call('StopTransaction', late);
    expect((await anna.request('GET', `/api/me/sessions/${start.body.id}`)).body.amountMinor).toBe(10);
  });

  it('keeps residents to their own sessions and other tenants out', async () => {
    const mine = (await anna.request('GET', '/api/me/sessions')).body as { id: string }[];
    const camille = await login(ctx.app, 'resident.ch@demo.test');
    expect((await camille.request('GET', `/api/me/sessions/${mine[0]!.id}`)).status).toBe(404);
    expect((await camille.request('POST', `/api/me/appliances/${washerId}/start`, { quantity: 1 })).status).toBe(404);
    expect((await anna.request('GET', '/api/sessions')).status).toBe(403);
    expect((await staff.request('GET', '/api/sessions')).body.length).toBeGreaterThanOrEqual(2);
  });
});

describe('a shared charger from the portal', () => {
  let charger: RPCClient;
  let connectorId: string;
  const reserved: { reservationId: number; idTag: string }[] = [];

  beforeAll(async () => {
    const site = await inTenant(ctx.deps.db, world.tenantId, (tx) => tx.selectFrom('devices').select('site_id').where('id', '=', (
      tx.selectFrom('appliances').select('device_id').where('id', '=', washerId))).executeTakeFirstOrThrow());
    const device = await addDevice(world, { kind: 'charger', siteId: site.site_id, appliances: [{ connectorId: 1, kind: 'ev_connector', metering: 'energy' }] });
    connectorId = device.appliances.get(1)!;
    charger = await bootedDevice(world, device.identity);
    charger.handle('ReserveNow', async ({ params }) => {
      reserved.push(params as { reservationId: number; idTag: string });
      return { status: 'Accepted' };
    });
    charger.handle('CancelReservation', async () => ({ status: 'Accepted' }));
    charger.handle('RemoteStartTransaction', async () => ({ status: 'Accepted' }));
    await charger.call('StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Available' });
  });

  it('reserves it for the resident and marks the reservation used when the charge starts', async () => {
    const reservation = await anna.request('POST', `/api/me/appliances/${connectorId}/reserve`, { minutes: 30 });
    expect(reservation).toMatchObject({ status: 201, body: { status: 'accepted' } });
    expect(reserved).toEqual([expect.objectContaining({ reservationId: reservation.body.id })]);
    // No maximum for a charger: it charges step by step.
    expect((await anna.request('POST', `/api/me/appliances/${connectorId}/start`, {})).status).toBe(201);
    const tx = await charger.call('StartTransaction', { connectorId: 1, idTag: reserved[0]!.idTag, meterStart: 0, timestamp: new Date().toISOString(), reservationId: reservation.body.id }) as { transactionId: number; idTagInfo: { status: string } };
    expect(tx.idTagInfo.status).toBe('Accepted');
    const used = await inTenant(ctx.deps.db, world.tenantId, (t) => t.selectFrom('reservations').select('status').where('id', '=', reservation.body.id).executeTakeFirstOrThrow());
    expect(used.status).toBe('used');
    await charger.call('StopTransaction', { transactionId: tx.transactionId, meterStop: 10_000, timestamp: new Date(Date.now() + 2 * 3_600_000).toISOString() });
    // 10 kWh at the demo's 0.39 per kWh
    const receipt = (await anna.request('GET', '/api/me/sessions')).body[0];
    expect(receipt).toMatchObject({ applianceId: connectorId, status: 'completed', amountMinor: 390, quantity: 10 });
  });

  it('cancels a reservation on the charger, and keeps others\' reservations out of reach', async () => {
    const reservation = await anna.request('POST', `/api/me/appliances/${connectorId}/reserve`, { minutes: 15 });
    const camille = await login(ctx.app, 'resident.ch@demo.test');
    expect((await camille.request('POST', `/api/me/reservations/${reservation.body.id}/cancel`)).status).toBe(404);
    expect((await anna.request('POST', `/api/me/reservations/${reservation.body.id}/cancel`)).body).toEqual({ id: reservation.body.id, status: 'cancelled' });
    expect((await anna.request('POST', `/api/me/appliances/${washerId}/reserve`, { minutes: 15 })).body.error.code).toBe('sessions.not_reservable');
  });
});
