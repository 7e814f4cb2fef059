// The appliances a device switches, one per connector. Each change locks the device row, so two
// staff adding circuits at once cannot both squeeze past the wiring rules.
import type { Static } from 'typebox';
import type { Deps } from '../../deps.ts';
import { inTenant, type Tx } from '../../db/scope.ts';
import type { TenantActor } from '../../http/actor.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import * as repo from './devices.appliances.repository.ts';
import { applianceHasSessions, applianceInUse, applianceNotFound, deviceNotFound } from './devices.errors.ts';
import { authorize, devicePolicy } from './devices.policies.ts';
import { presentAppliance } from './devices.presenters.ts';
import { lockDevice } from './devices.repository.ts';
import type { ApplianceInput, ApplianceUpdate } from './devices.schemas.ts';
import { announceDevice } from './devices.link.ts';
import { checkWiring } from './devices.wiring.ts';

async function lockedDevice(tx: Tx, actor: TenantActor, deviceId: string) {
  const device = await lockDevice(tx, actor.tenantId, deviceId);
  if (!device) throw deviceNotFound();
  return device;
}

const wires = (rows: repo.ApplianceRow[]) => rows.map((a) => ({ connectorId: a.connector_id, kind: a.kind, metering: a.metering }));

async function findOn(tx: Tx, actor: TenantActor, deviceId: string, id: string) {
  return (await repo.findAppliance(tx, actor.tenantId, deviceId, id)) ?? Promise.reject(applianceNotFound());
}

export function addAppliance(deps: Deps, actor: TenantActor, deviceId: string, input: Static<typeof ApplianceInput>) {
  authorize(devicePolicy.manage(actor));
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    const device = await lockedDevice(tx, actor, deviceId);
    checkWiring(device.kind, wires(await repo.appliancesOf(tx, actor.tenantId, [deviceId])), input);
    const { id } = await repo.insertAppliance(tx, {
      tenant_id: actor.tenantId, device_id: deviceId, connector_id: input.connectorId, kind: input.kind, metering: input.metering, name: input.name.trim(),
    });
    const after = presentAppliance(device, await findOn(tx, actor, deviceId, id));
    await recordAudit(tx, actor, { action: 'appliance.created', entityType: 'appliance', entityId: id, after });
    await announceDevice(tx, actor.tenantId, deviceId);
    return after;
  });
}

export function updateAppliance(deps: Deps, actor: TenantActor, deviceId: string, id: string, input: Static<typeof ApplianceUpdate>) {
  authorize(devicePolicy.manage(actor));
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    const device = await lockedDevice(tx, actor, deviceId);
    const current = await findOn(tx, actor, deviceId, id);
    const next = { connectorId: input.connectorId ?? current.connector_id, kind: input.kind ?? current.kind, metering: input.metering ?? current.metering };
    const rewired = next.connectorId !== current.connector_id || next.kind !== current.kind || next.metering !== current.metering;
    // A running session was priced for this connector and metering; it must end on them.
    if (rewired && current.running) throw applianceInUse();
    const others = (await repo.appliancesOf(tx, actor.tenantId, [deviceId])).filter((a) => a.id !== id);
    checkWiring(device.kind, wires(others), next);
    await repo.updateAppliance(tx, actor.tenantId, id, {
      connector_id: next.connectorId, kind: next.kind, metering: next.metering, ...(input.name !== undefined && { name: input.name.trim() }),
    });
    const after = presentAppliance(device, await findOn(tx, actor, deviceId, id));
    await recordAudit(tx, actor, { action: 'appliance.updated', entityType: 'appliance', entityId: id, before: presentAppliance(device, current), after });
    await announceDevice(tx, actor.tenantId, deviceId);
    return after;
  });
}

/** Only an appliance nobody ever used: its sessions are the billing record and stay. */
export function deleteAppliance(deps: Deps, actor: TenantActor, deviceId: string, id: string) {
  authorize(devicePolicy.manage(actor));
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    const device = await lockedDevice(tx, actor, deviceId);
    const before = await findOn(tx, actor, deviceId, id);
    if (await repo.applianceHasUsage(tx, actor.tenantId, id)) throw applianceHasSessions();
    await repo.deleteAppliance(tx, actor.tenantId, id);
    await recordAudit(tx, actor, { action: 'appliance.deleted', entityType: 'appliance', entityId: id, before: presentAppliance(device, before) });
    await announceDevice(tx, actor.tenantId, deviceId);
  });
}
