// Terminals and chargers (OCPP charge points): staff register one under the identity it will
// connect with and get its password once; the device then connects, reports vendor, model and
// serial number at boot and waits (Pending) until staff accept it. The gateway's side of this
// lives in devices.link*.ts and gateway/.
import type { Static } from 'typebox';
import type { Deps } from '../../deps.ts';
import { sendDeviceCommand } from '../../gateway/commands.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { announceDevice } from './devices.link.ts';
import { inTenant, type Tx } from '../../db/scope.ts';
import type { DeviceKind, DeviceRegistration } from '../../db/schema.ts';
import type { TenantActor } from '../../http/actor.ts';
import { requireAccess } from '../access/access.ts';
import { hashPassword } from '../auth/auth.passwords.ts';
import { newToken } from '../auth/auth.tokens.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { appliancesOf } from './devices.appliances.repository.ts';
import { requireDevice, type DeviceView } from './devices.access.ts';
import { deviceHasSessions, identityTaken, unitNotOfSite, wrongUnitKind } from './devices.errors.ts';
import { authorize, devicePolicy } from './devices.policies.ts';
import { presentDevice } from './devices.presenters.ts';
import * as repo from './devices.repository.ts';
import type { DeviceInput, DeviceUpdate } from './devices.schemas.ts';

/** The rooms a device may sit in: a terminal in a laundry room, a charger in a garage or at a parking space. */
const ROOM_KINDS: Record<DeviceKind, string[]> = { laundry_terminal: ['laundry_room'], charger: ['garage', 'parking_space'] };

/** 24 characters (18 random bytes), within OCPP's 16–40 for a basic-auth password. */
const newDevicePassword = () => newToken(18);


/** What the audit log keeps of a device: what staff see, never the password hash. */
const audited = (view: DeviceView) => presentDevice(view.device, view.appliances);

async function checkRoom(tx: Tx, actor: TenantActor, siteId: string, kind: DeviceKind, unitId: string) {
  await requireAccess(tx, actor, 'unit', [unitId]);
  const unit = (await repo.findUnit(tx, actor.tenantId, unitId))!;
  if (unit.site_id !== siteId) throw unitNotOfSite();
  if (!ROOM_KINDS[kind].includes(unit.kind)) throw wrongUnitKind(ROOM_KINDS[kind]);
}

export function listDevices(deps: Deps, actor: TenantActor, filter: { siteId?: string }) {
  authorize(devicePolicy.read(actor));
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    if (filter.siteId) await requireAccess(tx, actor, 'site', [filter.siteId]);
    const devices = await repo.listDevices(tx, actor.tenantId, { siteId: filter.siteId, technicianUserId: actor.role === 'technician' ? actor.userId : null });
    const appliances = await appliancesOf(tx, actor.tenantId, devices.map((d) => d.id));
    return devices.map((device) => ({ device, appliances }));
  });
}

export function getDevice(deps: Deps, actor: TenantActor, id: string) {
  authorize(devicePolicy.read(actor));
  return inTenant(deps.db, actor.tenantId, (tx) => requireDevice(tx, actor, id));
}

export async function registerDevice(deps: Deps, actor: TenantActor, input: Static<typeof DeviceInput>): Promise<{ view: DeviceView; password: string }> {
  authorize(devicePolicy.manage(actor));
  const password = newDevicePassword();
  const passwordHash = await hashPassword(password);
  try {
    const view = await inTenant(deps.db, actor.tenantId, async (tx) => {
      await requireAccess(tx, actor, 'site', [input.siteId]);
      if (input.unitId) await checkRoom(tx, actor, input.siteId, input.kind, input.unitId);
      const { id } = await repo.insertDevice(tx, {
        tenant_id: actor.tenantId, identity: input.identity, kind: input.kind, site_id: input.siteId, unit_id: input.unitId ?? null,
        name: input.name.trim(), password_hash: passwordHash,
      });
      const created = await requireDevice(tx, actor, id);
      await recordAudit(tx, actor, { action: 'device.created', entityType: 'device', entityId: id, after: audited(created) });
      return created;
    });
    return { view, password };
  } catch (error) {
    // devices_identity is unique across tenants; the other tenant stays unnamed.
    if (isUniqueViolation(error)) throw identityTaken();
    throw error;
  }
}

export function updateDevice(deps: Deps, actor: TenantActor, id: string, input: Static<typeof DeviceUpdate>) {
  authorize(devicePolicy.manage(actor));
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    const before = await requireDevice(tx, actor, id);
    if (input.unitId) await checkRoom(tx, actor, before.device.site_id, before.device.kind, input.unitId);
    await repo.updateDevice(tx, actor.tenantId, id, {
      ...(input.name !== undefined && { name: input.name.trim() }),
      ...(input.unitId !== undefined && { unit_id: input.unitId }),
      ...(input.idleEndMinutes !== undefined && { idle_end_minutes: input.idleEndMinutes }),
      ...(input.impulseEndMinutes !== undefined && { impulse_end_minutes: input.impulseEndMinutes }),
      ...(input.heartbeatSeconds !== undefined && { heartbeat_seconds: input.heartbeatSeconds }),
    });
    const after = await requireDevice(tx, actor, id);
    await recordAudit(tx, actor, { action: 'device.updated', entityType: 'device', entityId: id, before: audited(before), after: audited(after) });
    return after;
  });
}

/** A new password, shown once; the old one stops working at the device's next connection. */
export async function resetDevicePassword(deps: Deps, actor: TenantActor, id: string): Promise<string> {
  authorize(devicePolicy.manage(actor));
  const password = newDevicePassword();
  const passwordHash = await hashPassword(password);
  await inTenant(deps.db, actor.tenantId, async (tx) => {
    await requireDevice(tx, actor, id);
    await repo.updateDevice(tx, actor.tenantId, id, { password_hash: passwordHash });
    await recordAudit(tx, actor, { action: 'device.password_reset', entityType: 'device', entityId: id });
  });
  return password;
}

/** Staff accept what the device reported at boot (or turn it away). Asking twice changes nothing. */
export async function decideRegistration(deps: Deps, actor: TenantActor, id: string, registration: Exclude<DeviceRegistration, 'pending'>) {
  authorize(devicePolicy.manage(actor));
  const decided = await inTenant(deps.db, actor.tenantId, async (tx) => {
    await repo.lockDevice(tx, actor.tenantId, id);
    const before = await requireDevice(tx, actor, id);
    if (before.device.registration === registration) return { device: before, changed: false };
    await repo.setRegistration(tx, actor.tenantId, id, registration);
    const after = await requireDevice(tx, actor, id);
    await recordAudit(tx, actor, { action: `device.${registration}`, entityType: 'device', entityId: id, before: { registration: before.device.registration }, after: { registration } });
    await announceDevice(tx, actor.tenantId, id);
    return { device: after, changed: true };
  });
  // A connected device learns it was accepted at its next boot; ask for that boot now rather than in a minute.
  if (decided.changed && registration === 'accepted') {
    void sendDeviceCommand(deps, { tenantId: actor.tenantId, deviceId: id, action: 'TriggerMessage', payload: { requestedMessage: 'BootNotification' }, requestedBy: null, timeoutMs: 10_000 })
      .catch((err) => deps.log.warn({ err, deviceId: id }, 'could not ask the device to boot again'));
  }
  return decided.device;
}

/** Only a device nobody ever used: its sessions are the billing record and stay. */
export function deleteDevice(deps: Deps, actor: TenantActor, id: string) {
  authorize(devicePolicy.manage(actor));
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    await repo.lockDevice(tx, actor.tenantId, id);
    const before = await requireDevice(tx, actor, id);
    if (await repo.deviceHasUsage(tx, actor.tenantId, id)) throw deviceHasSessions();
    await repo.deleteDevice(tx, actor.tenantId, id);
    await recordAudit(tx, actor, { action: 'device.deleted', entityType: 'device', entityId: id, before: audited(before) });
  });
}
