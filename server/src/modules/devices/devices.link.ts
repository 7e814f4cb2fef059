// What the gateway knows about a connected device, and what it records from the connection:
// boot data, heartbeats, connector status (announced on `appliance_status` for live pages), and
// who holds the connection (for commands from other nodes).
import { notify } from '../../db/notifications.ts';
import type { Db } from '../../db/client.ts';
import { asPlatform, inTenant, type Tx } from '../../db/scope.ts';
import type { DeviceKind, DeviceRegistration } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import * as repo from './devices.link.repository.ts';

export interface ConnectedDevice {
  tenantId: string;
  deviceId: string;
  identity: string;
  kind: DeviceKind;
  siteId: string;
  /** As of the connection or the last BootNotification; only accepted devices may transact. */
  registration: DeviceRegistration;
}

export function findDevice(deps: Pick<Deps, 'db'>, identity: string) {
  return asPlatform(deps.db, (tx) => repo.findByIdentity(tx, identity));
}

/** Tells every process's live pages to re-read the device; inside a transaction, at its commit. */
export async function announceDevice(db: Db | Tx, tenantId: string, deviceId: string): Promise<void> {
  await notify(db, 'appliance_status', JSON.stringify({ tenantId, deviceId }));
}

export function announceStatus(deps: Pick<Deps, 'db'>, tenantId: string, deviceId: string): Promise<void> {
  return announceDevice(deps.db, tenantId, deviceId);
}

export async function deviceConnected(deps: Pick<Deps, 'db'>, device: ConnectedDevice, node: string, at: Date): Promise<void> {
  await inTenant(deps.db, device.tenantId, (tx) => repo.markConnected(tx, device.tenantId, device.deviceId, node, at));
  await announceStatus(deps, device.tenantId, device.deviceId);
}

export async function deviceDisconnected(deps: Pick<Deps, 'db'>, device: ConnectedDevice, node: string, connectedAt: Date): Promise<void> {
  const changed = await inTenant(deps.db, device.tenantId, (tx) => repo.markDisconnected(tx, device.tenantId, device.deviceId, node, connectedAt));
  if (changed) await announceStatus(deps, device.tenantId, device.deviceId);
}

/** A node starting again lets go of the devices it held before it stopped (or crashed). */
export async function releaseDevicesOf(deps: Pick<Deps, 'db'>, node: string): Promise<void> {
  const released = await asPlatform(deps.db, (tx) => repo.releaseNode(tx, node));
  for (const device of released) await announceStatus(deps, device.tenant_id, device.id);
}
