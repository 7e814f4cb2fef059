// BootNotification: a device announces itself after (re)starting. Its data is kept; it is
// accepted only once staff accepted it, and until then it boots again after PENDING_RETRY_SECONDS.
import { inTenant } from '../../../db/scope.ts';
import type { Deps } from '../../../deps.ts';
import * as devices from '../../../modules/devices/devices.link.repository.ts';
import type { DeviceConnection } from '../connection.ts';

export const PENDING_RETRY_SECONDS = 60;

export interface BootNotificationRequest {
  chargePointVendor: string;
  chargePointModel: string;
  chargePointSerialNumber?: string;
  chargeBoxSerialNumber?: string;
  firmwareVersion?: string;
  iccid?: string;
  imsi?: string;
  meterType?: string;
  meterSerialNumber?: string;
}

export async function bootNotification(deps: Deps, connection: DeviceConnection, params: BootNotificationRequest) {
  const { device } = connection;
  const now = deps.clock.now();
  const stored = await inTenant(deps.db, device.tenantId, (tx) => devices.recordBoot(tx, device.tenantId, device.deviceId, {
    vendor: params.chargePointVendor, model: params.chargePointModel,
    serialNumber: params.chargePointSerialNumber ?? params.chargeBoxSerialNumber ?? null, firmwareVersion: params.firmwareVersion ?? null,
    iccid: params.iccid ?? null, imsi: params.imsi ?? null, meterType: params.meterType ?? null, meterSerialNumber: params.meterSerialNumber ?? null,
  }, now));
  device.registration = stored.registration;
  const status = stored.registration === 'accepted' ? 'Accepted' : stored.registration === 'rejected' ? 'Rejected' : 'Pending';
  if (status === 'Accepted') connection.afterAccepted();
  return { status, currentTime: now.toISOString(), interval: status === 'Accepted' ? stored.heartbeat_seconds : PENDING_RETRY_SECONDS };
}
