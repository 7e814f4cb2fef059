// One way to reach a device from a use case: in the tenant, and for a technician only on a site
// assigned to it. Anything else is "not found", like a device of another tenant.
import type { Tx } from '../../db/scope.ts';
import type { TenantActor } from '../../http/actor.ts';
import { visibleSiteIds } from '../access/access.repository.ts';
import { appliancesOf, type ApplianceRow } from './devices.appliances.repository.ts';
import { deviceNotFound } from './devices.errors.ts';
import { findDevice, type DeviceRow } from './devices.repository.ts';

export interface DeviceView { device: DeviceRow; appliances: ApplianceRow[] }

export async function requireDevice(tx: Tx, actor: TenantActor, id: string): Promise<DeviceView> {
  const device = await findDevice(tx, actor.tenantId, id);
  if (!device) throw deviceNotFound();
  if (actor.role === 'technician' && !(await visibleSiteIds(tx, actor.tenantId, [device.site_id], actor.userId)).has(device.site_id)) throw deviceNotFound();
  return { device, appliances: await appliancesOf(tx, actor.tenantId, [id]) };
}
