import type { Static } from 'typebox';
import type { ApplianceRow } from './devices.appliances.repository.ts';
import type { DeviceRow } from './devices.repository.ts';
import type { ApplianceOut, DeviceOut } from './devices.schemas.ts';
import { liveStatus } from './devices.status.ts';

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

export function presentAppliance(device: Pick<DeviceRow, 'connected_node' | 'registration'>, a: ApplianceRow): Static<typeof ApplianceOut> {
  const running = Boolean(a.running);
  return {
    id: a.id, deviceId: a.device_id, connectorId: a.connector_id, kind: a.kind, metering: a.metering, name: a.name,
    status: liveStatus({ connected: device.connected_node !== null, registration: device.registration, ocppStatus: a.ocpp_status, running }),
    ocppStatus: a.ocpp_status, errorCode: a.error_code, vendorErrorCode: a.vendor_error_code, statusInfo: a.status_info, statusAt: iso(a.status_at),
    running,
  };
}

export function presentDevice(d: DeviceRow, appliances: ApplianceRow[]): Static<typeof DeviceOut> {
  return {
    id: d.id, identity: d.identity, kind: d.kind, siteId: d.site_id, siteName: d.site_name, unitId: d.unit_id, unitLabel: d.unit_label,
    name: d.name, registration: d.registration, hasPassword: Boolean(d.has_password),
    vendor: d.vendor, model: d.model, serialNumber: d.serial_number, firmwareVersion: d.firmware_version, iccid: d.iccid, imsi: d.imsi,
    meterType: d.meter_type, meterSerialNumber: d.meter_serial_number, firmwareStatus: d.firmware_status, diagnosticsStatus: d.diagnostics_status,
    idleEndMinutes: d.idle_end_minutes, impulseEndMinutes: d.impulse_end_minutes, heartbeatSeconds: d.heartbeat_seconds,
    lastBootAt: iso(d.last_boot_at), lastSeenAt: iso(d.last_seen_at), connected: d.connected_node !== null, connectedAt: iso(d.connected_at),
    createdAt: iso(d.created_at)!,
    appliances: appliances.filter((a) => a.device_id === d.id).map((a) => presentAppliance(d, a)),
  };
}
