// Test helpers: the demo rooms devices go into, a registered device, and the state the gateway
// would write (connection, boot data, appliance status, a running session) without a gateway.
import { randomUUID } from 'node:crypto';
import { asPlatform } from '../../db/scope.ts';
import type { DeviceRegistration } from '../../db/schema.ts';
import type { Session, TestContext } from '../../test/app.ts';

export interface Rooms { siteId: string; otherSiteId: string; laundryRoomId: string; garageId: string; parkingId: string; flatId: string; otherLaundryRoomId: string }

/** Heimbau's Leopoldau site (laundry room, garage, parking spaces, flats) and Simmering with its own laundry room. */
export async function heimbauRooms(manager: Session): Promise<Rooms> {
  const sites = (await manager.request('GET', '/api/sites')).body as { id: string; name: string }[];
  const site = sites.find((s) => s.name === 'Wohnhausanlage Leopoldau')!;
  const other = sites.find((s) => s.name === 'Wohnpark Simmering')!;
  const units = (await manager.request('GET', `/api/sites/${site.id}/units`)).body as { id: string; kind: string; label: string }[];
  const otherUnits = (await manager.request('GET', `/api/sites/${other.id}/units`)).body as { id: string; kind: string }[];
  const of = (kind: string) => units.find((u) => u.kind === kind)!.id;
  return {
    siteId: site.id, otherSiteId: other.id, laundryRoomId: of('laundry_room'), garageId: of('garage'), parkingId: of('parking_space'), flatId: of('flat'),
    otherLaundryRoomId: otherUnits.find((u) => u.kind === 'laundry_room')!.id,
  };
}

export const newIdentity = (prefix = 'TERM') => `${prefix}-${randomUUID().slice(0, 8)}`;

export async function registerTerminal(manager: Session, rooms: Rooms, name = 'Waschterminal') {
  const res = await manager.request('POST', '/api/devices', { identity: newIdentity(), kind: 'laundry_terminal', siteId: rooms.siteId, unitId: rooms.laundryRoomId, name });
  if (res.status !== 201) throw new Error(`register failed: ${JSON.stringify(res.body)}`);
  return res.body.device as { id: string; identity: string };
}

export async function registerCharger(manager: Session, rooms: Rooms, name = 'Wallbox') {
  const res = await manager.request('POST', '/api/devices', { identity: newIdentity('EVSE'), kind: 'charger', siteId: rooms.siteId, unitId: rooms.garageId, name });
  if (res.status !== 201) throw new Error(`register failed: ${JSON.stringify(res.body)}`);
  return res.body.device as { id: string; identity: string };
}

/** What the gateway writes when the device connects and boots. */
export async function simulateConnection(ctx: TestContext, deviceId: string, state: { connected: boolean; registration?: DeviceRegistration; boot?: { vendor: string; model: string; serial: string; firmware: string } }) {
  await asPlatform(ctx.deps.db, (tx) => tx.updateTable('devices').set({
    connected_node: state.connected ? 'test-node' : null, connected_at: state.connected ? new Date() : null, last_seen_at: new Date(),
    ...(state.registration && { registration: state.registration }),
    ...(state.boot && { vendor: state.boot.vendor, model: state.boot.model, serial_number: state.boot.serial, firmware_version: state.boot.firmware, last_boot_at: new Date() }),
  }).where('id', '=', deviceId).execute());
}

/** What a StatusNotification writes on an appliance. */
export async function simulateStatus(ctx: TestContext, applianceId: string, ocppStatus: string, errorCode = 'NoError') {
  await asPlatform(ctx.deps.db, (tx) => tx.updateTable('appliances').set({ ocpp_status: ocppStatus, error_code: errorCode, status_at: new Date() })
    .where('id', '=', applianceId).execute());
}

/** A usage session on the appliance, as the sessions module would record it. */
export async function simulateSession(ctx: TestContext, deviceId: string, applianceId: string, status: 'active' | 'completed' = 'active') {
  await asPlatform(ctx.deps.db, async (tx) => {
    const appliance = await tx.selectFrom('appliances').select(['tenant_id', 'connector_id', 'metering']).where('id', '=', applianceId).executeTakeFirstOrThrow();
    await tx.insertInto('usage_sessions').values({
      tenant_id: appliance.tenant_id, device_id: deviceId, appliance_id: applianceId, connector_id: appliance.connector_id, id_tag: 'TESTTAG',
      status, billing: 'prepaid', metering: appliance.metering, unit_price_minor: 50, session_fee_minor: 0, vat_rate_bp: 2000, currency: 'EUR',
      started_at: new Date(),
    }).execute();
  });
}
