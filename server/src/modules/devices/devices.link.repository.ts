// SQL for what the gateway learns from a device's connection: who it is, its boot data, its
// heartbeat, its connectors' status. The identity lookup runs as the platform (the tenant is not
// known until the device is found); everything after it runs in the device's tenant.
import { sql } from 'kysely';
import type { Tx } from '../../db/scope.ts';
import type { DeviceKind, DeviceRegistration } from '../../db/schema.ts';

export interface ConnectingDevice {
  tenant_id: string;
  id: string;
  kind: DeviceKind;
  site_id: string;
  password_hash: string | null;
  registration: DeviceRegistration;
}

export function findByIdentity(tx: Tx, identity: string): Promise<ConnectingDevice | undefined> {
  return tx.selectFrom('devices').select(['tenant_id', 'id', 'kind', 'site_id', 'password_hash', 'registration']).where('identity', '=', identity).executeTakeFirst();
}

export async function markConnected(tx: Tx, tenantId: string, deviceId: string, node: string, at: Date): Promise<void> {
  // Two quick connections may record out of order: the later connection wins.
  await tx.updateTable('devices').set({ connected_node: node, connected_at: at, last_seen_at: at })
    .where('tenant_id', '=', tenantId).where('id', '=', deviceId)
    .where((eb) => eb.or([eb('connected_at', 'is', null), eb('connected_at', '<=', at)])).execute();
}

/** Only the connection this node made: a device that reconnected elsewhere meanwhile stays connected there. */
export async function markDisconnected(tx: Tx, tenantId: string, deviceId: string, node: string, connectedAt: Date): Promise<boolean> {
  const result = await tx.updateTable('devices').set({ connected_node: null })
    .where('tenant_id', '=', tenantId).where('id', '=', deviceId).where('connected_node', '=', node).where('connected_at', '=', connectedAt)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** After a crash a node's devices still look connected to it; at start it lets them go. */
export async function releaseNode(db: Tx, node: string): Promise<{ tenant_id: string; id: string }[]> {
  return db.updateTable('devices').set({ connected_node: null }).where('connected_node', '=', node).returning(['tenant_id', 'id']).execute();
}

export interface BootData {
  vendor: string;
  model: string;
  serialNumber: string | null;
  firmwareVersion: string | null;
  iccid: string | null;
  imsi: string | null;
  meterType: string | null;
  meterSerialNumber: string | null;
}

export function recordBoot(tx: Tx, tenantId: string, deviceId: string, boot: BootData, at: Date) {
  return tx.updateTable('devices').set({
    vendor: boot.vendor, model: boot.model, serial_number: boot.serialNumber, firmware_version: boot.firmwareVersion,
    iccid: boot.iccid, imsi: boot.imsi, meter_type: boot.meterType, meter_serial_number: boot.meterSerialNumber,
    last_boot_at: at, last_seen_at: at,
  }).where('tenant_id', '=', tenantId).where('id', '=', deviceId)
    .returning(['registration', 'heartbeat_seconds']).executeTakeFirstOrThrow();
}

export async function recordSeen(tx: Tx, tenantId: string, deviceId: string, at: Date): Promise<void> {
  await tx.updateTable('devices').set({ last_seen_at: at }).where('tenant_id', '=', tenantId).where('id', '=', deviceId).execute();
}

export async function recordDeviceStatus(tx: Tx, tenantId: string, deviceId: string, field: 'firmware_status' | 'diagnostics_status', status: string): Promise<void> {
  await tx.updateTable('devices').set({ [field]: status }).where('tenant_id', '=', tenantId).where('id', '=', deviceId).execute();
}

export interface ConnectorStatus {
  ocppStatus: string;
  errorCode: string;
  vendorErrorCode: string | null;
  info: string | null;
  at: Date;
}

/**
 * Stores a connector's status unless a later one is already stored (messages may arrive out of
 * order after a reconnection). connectorId 0 is the whole device: it applies to every appliance.
 * Returns the appliances whose status changed, with what they said before.
 */
export async function recordConnectorStatus(tx: Tx, tenantId: string, deviceId: string, connectorId: number, status: ConnectorStatus) {
  let query = tx.updateTable('appliances as a')
    .set({ ocpp_status: status.ocppStatus, error_code: status.errorCode, vendor_error_code: status.vendorErrorCode, status_info: status.info, status_at: status.at })
    .from('appliances as before')
    .whereRef('before.tenant_id', '=', 'a.tenant_id').whereRef('before.id', '=', 'a.id')
    .where('a.tenant_id', '=', tenantId).where('a.device_id', '=', deviceId)
    .where((eb) => eb.or([eb('a.status_at', 'is', null), eb('a.status_at', '<=', status.at)]));
  if (connectorId !== 0) query = query.where('a.connector_id', '=', connectorId);
  return query.returning(['a.id', 'a.connector_id', sql<string | null>`before.ocpp_status`.as('previous')]).execute();
}

/** The appliance behind a connector, with its site (for the tariff) and the device's kind and state. */
export function applianceAt(tx: Tx, tenantId: string, deviceId: string, connectorId: number) {
  return tx.selectFrom('appliances as a').innerJoin('devices as d', (j) => j.onRef('d.tenant_id', '=', 'a.tenant_id').onRef('d.id', '=', 'a.device_id'))
    .select(['a.id', 'a.kind', 'a.metering', 'a.connector_id', 'a.ocpp_status', 'a.name', 'd.site_id', 'd.kind as device_kind', 'd.idle_end_minutes', 'd.impulse_end_minutes'])
    .where('a.tenant_id', '=', tenantId).where('a.device_id', '=', deviceId).where('a.connector_id', '=', connectorId)
    .executeTakeFirst();
}
