// Staff's remote control of a device (OCPP Reset, ChangeAvailability, UnlockConnector,
// GetConfiguration, ChangeConfiguration, TriggerMessage, ClearCache). The command bus reaches the
// device on whichever node holds its connection and records every command in device_commands.
import type { Deps } from '../../deps.ts';
import { asPlatform, inTenant } from '../../db/scope.ts';
import { sendDeviceCommand } from '../../gateway/commands.ts';
import type { TenantActor } from '../../http/actor.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { requireDevice } from './devices.access.ts';
import type { DeviceCommand } from './devices.commands.schemas.ts';
import * as repo from './devices.commands.repository.ts';
import { unknownConnector } from './devices.errors.ts';
import { authorize, devicePolicy } from './devices.policies.ts';

const HISTORY_LENGTH = 50;

export async function commandDevice(deps: Deps, actor: TenantActor, deviceId: string, command: DeviceCommand) {
  authorize(devicePolicy.command(actor));
  await inTenant(deps.db, actor.tenantId, async (tx) => {
    const { appliances } = await requireDevice(tx, actor, deviceId);
    const connectorId = 'connectorId' in command.payload ? command.payload.connectorId : undefined;
    // 0 is the whole device (ChangeAvailability); any other number must be one of its appliances.
    if (connectorId !== undefined && connectorId !== 0 && !appliances.some((a) => a.connector_id === connectorId)) throw unknownConnector();
  });
  const answer = await sendDeviceCommand(deps, {
    tenantId: actor.tenantId, deviceId, action: command.action, payload: command.payload, requestedBy: actor.via === 'session' ? actor.userId : null,
  });
  await inTenant(deps.db, actor.tenantId, (tx) => recordAudit(tx, actor, {
    action: 'device.command', entityType: 'device', entityId: deviceId, after: { action: command.action, payload: command.payload, status: answer.status },
  }));
  return answer;
}

export async function listCommands(deps: Deps, actor: TenantActor, deviceId: string) {
  authorize(devicePolicy.read(actor));
  const rows = await inTenant(deps.db, actor.tenantId, async (tx) => {
    await requireDevice(tx, actor, deviceId);
    return repo.recentCommands(tx, actor.tenantId, deviceId, HISTORY_LENGTH);
  });
  const ids = [...new Set(rows.flatMap((r) => (r.requested_by ? [r.requested_by] : [])))];
  const names = await asPlatform(deps.db, (tx) => repo.memberNames(tx, actor.tenantId, ids));
  return rows.map((row) => ({ row, requestedBy: row.requested_by ? names.get(row.requested_by) ?? null : null }));
}
