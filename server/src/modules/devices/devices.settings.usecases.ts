// What the tenant decides for all its devices: what a fault triggers, and how prepaid charging
// holds money (the minimum a wallet needs to start, and the size of each hold).
import type { Deps } from '../../deps.ts';
import { inTenant } from '../../db/scope.ts';
import type { TenantActor } from '../../http/actor.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { authorize, devicePolicy } from './devices.policies.ts';
import { readDeviceSettings, saveDeviceSettings, type DeviceSettingsRow } from './devices.settings.repository.ts';

export function getDeviceSettings(deps: Deps, actor: TenantActor) {
  authorize(devicePolicy.readSettings(actor));
  return inTenant(deps.db, actor.tenantId, (tx) => readDeviceSettings(tx, actor.tenantId));
}

export function setDeviceSettings(deps: Deps, actor: TenantActor, settings: DeviceSettingsRow) {
  authorize(devicePolicy.changeSettings(actor));
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    const before = await readDeviceSettings(tx, actor.tenantId);
    await saveDeviceSettings(tx, actor.tenantId, settings);
    await recordAudit(tx, actor, { action: 'device_settings.updated', entityType: 'tenant_settings', entityId: actor.tenantId, before, after: settings });
    return settings;
  });
}
