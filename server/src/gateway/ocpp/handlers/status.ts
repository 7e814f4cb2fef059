// StatusNotification (a connector's state, the live status of its appliance) and the device's
// firmware and diagnostics status. A connector turning Faulted runs the manager's fault action.
import { inTenant } from '../../../db/scope.ts';
import type { Deps } from '../../../deps.ts';
import { onApplianceFault } from '../../../modules/devices/devices.faults.ts';
import { announceStatus } from '../../../modules/devices/devices.link.ts';
import { openApplianceFaultTicket } from '../../../modules/tickets/tickets.automatic.ts';
import * as devices from '../../../modules/devices/devices.link.repository.ts';
import type { DeviceConnection } from '../connection.ts';

export interface StatusNotificationRequest {
  connectorId: number;
  errorCode: string;
  status: string;
  info?: string;
  timestamp?: string;
  vendorErrorCode?: string;
}

export async function statusNotification(deps: Deps, { device }: DeviceConnection, params: StatusNotificationRequest): Promise<Record<string, never>> {
  // A device clock running ahead must not make its later reports look older than this one.
  const now = deps.clock.now();
  const at = params.timestamp && new Date(params.timestamp) < now ? new Date(params.timestamp) : now;
  const changed = await inTenant(deps.db, device.tenantId, (tx) => devices.recordConnectorStatus(tx, device.tenantId, device.deviceId, params.connectorId, {
    ocppStatus: params.status, errorCode: params.errorCode, vendorErrorCode: params.vendorErrorCode ?? null, info: params.info ?? null, at,
  }));
  if (changed.length > 0) await announceStatus(deps, device.tenantId, device.deviceId);
  for (const appliance of changed) {
    if (params.status === 'Faulted' && appliance.previous !== 'Faulted') {
      const fault = { tenantId: device.tenantId, deviceId: device.deviceId, applianceId: appliance.id, errorCode: params.errorCode, info: params.info ?? null };
      await onApplianceFault(deps, fault).catch((err) => deps.log.warn({ err, identity: device.identity }, 'fault action failed'));
      await openApplianceFaultTicket(deps, fault);
    }
  }
  return {};
}

export async function firmwareStatusNotification(deps: Deps, { device }: DeviceConnection, params: { status: string }): Promise<Record<string, never>> {
  await inTenant(deps.db, device.tenantId, (tx) => devices.recordDeviceStatus(tx, device.tenantId, device.deviceId, 'firmware_status', params.status));
  return {};
}

export async function diagnosticsStatusNotification(deps: Deps, { device }: DeviceConnection, params: { status: string }): Promise<Record<string, never>> {
  await inTenant(deps.db, device.tenantId, (tx) => devices.recordDeviceStatus(tx, device.tenantId, device.deviceId, 'diagnostics_status', params.status));
  return {};
}
