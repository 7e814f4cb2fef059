// Heartbeat: keeps the connection alive and lets the device set its clock by ours.
import { inTenant } from '../../../db/scope.ts';
import type { Deps } from '../../../deps.ts';
import { recordSeen } from '../../../modules/devices/devices.link.repository.ts';
import type { DeviceConnection } from '../connection.ts';

export async function heartbeat(deps: Deps, { device }: DeviceConnection): Promise<{ currentTime: string }> {
  const now = deps.clock.now();
  await inTenant(deps.db, device.tenantId, (tx) => recordSeen(tx, device.tenantId, device.deviceId, now));
  return { currentTime: now.toISOString() };
}
