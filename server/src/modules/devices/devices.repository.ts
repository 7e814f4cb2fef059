// Devices (terminals and chargers) of a tenant. The password hash never leaves this file except
// as "has one": nothing reads it back but the gateway's authentication.
import type { Insertable, Updateable } from 'kysely';
import type { Tx } from '../../db/scope.ts';
import type { DeviceRegistration, DevicesTable } from '../../db/schema.ts';

function selectDevices(tx: Tx, tenantId: string) {
  return tx.selectFrom('devices')
    .innerJoin('sites', (join) => join.onRef('sites.tenant_id', '=', 'devices.tenant_id').onRef('sites.id', '=', 'devices.site_id'))
    .leftJoin('units', (join) => join.onRef('units.tenant_id', '=', 'devices.tenant_id').onRef('units.id', '=', 'devices.unit_id'))
    .select(['devices.id', 'devices.identity', 'devices.kind', 'devices.site_id', 'sites.name as site_name', 'devices.unit_id', 'units.label as unit_label',
      'devices.name', 'devices.registration', 'devices.vendor', 'devices.model', 'devices.serial_number', 'devices.firmware_version',
      'devices.iccid', 'devices.imsi', 'devices.meter_type', 'devices.meter_serial_number', 'devices.firmware_status', 'devices.diagnostics_status',
      'devices.idle_end_minutes', 'devices.impulse_end_minutes', 'devices.heartbeat_seconds', 'devices.last_boot_at', 'devices.last_seen_at',
      'devices.connected_node', 'devices.connected_at', 'devices.created_at'])
    .select((eb) => eb('devices.password_hash', 'is not', null).as('has_password'))
    .where('devices.tenant_id', '=', tenantId);
}

export type DeviceRow = NonNullable<Awaited<ReturnType<typeof findDevice>>>;

/** The tenant's devices, by site and room; a technician's only on the sites assigned to it. */
export function listDevices(tx: Tx, tenantId: string, filter: { siteId?: string; technicianUserId?: string | null }) {
  let query = selectDevices(tx, tenantId);
  if (filter.siteId) query = query.where('devices.site_id', '=', filter.siteId);
  if (filter.technicianUserId) {
    query = query.innerJoin('technician_sites as ts', (join) => join.onRef('ts.tenant_id', '=', 'devices.tenant_id').onRef('ts.site_id', '=', 'devices.site_id'))
      .where('ts.user_id', '=', filter.technicianUserId);
  }
  return query.orderBy('sites.name').orderBy('units.label').orderBy('devices.name').execute();
}

export function findDevice(tx: Tx, tenantId: string, id: string) {
  return selectDevices(tx, tenantId).where('devices.id', '=', id).executeTakeFirst();
}

/** Locks the device: changes to its appliances wait for each other, so the wiring rules hold. */
export function lockDevice(tx: Tx, tenantId: string, id: string) {
  return tx.selectFrom('devices').select(['id', 'kind', 'site_id', 'registration', 'connected_node']).where('tenant_id', '=', tenantId).where('id', '=', id).forUpdate().executeTakeFirst();
}

export function insertDevice(tx: Tx, device: Insertable<DevicesTable>) {
  return tx.insertInto('devices').values(device).returning('id').executeTakeFirstOrThrow();
}

export async function updateDevice(tx: Tx, tenantId: string, id: string, changes: Updateable<DevicesTable>) {
  await tx.updateTable('devices').set(changes).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

export async function setRegistration(tx: Tx, tenantId: string, id: string, registration: DeviceRegistration) {
  await tx.updateTable('devices').set({ registration }).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

export async function deleteDevice(tx: Tx, tenantId: string, id: string) {
  await tx.deleteFrom('devices').where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

/** Whether anything was ever used on the device: its sessions and reservations are the billing record. */
export async function deviceHasUsage(tx: Tx, tenantId: string, id: string): Promise<boolean> {
  const session = await tx.selectFrom('usage_sessions').select('id').where('tenant_id', '=', tenantId).where('device_id', '=', id).limit(1).executeTakeFirst();
  if (session) return true;
  const reservation = await tx.selectFrom('reservations').select('id').where('tenant_id', '=', tenantId).where('device_id', '=', id).limit(1).executeTakeFirst();
  return reservation !== undefined;
}

export function findUnit(tx: Tx, tenantId: string, id: string) {
  return tx.selectFrom('units').select(['id', 'site_id', 'kind']).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}
