// Commands to devices from anywhere: the API node that takes a request is rarely the gateway node
// holding the device's WebSocket. The sender records the command, NOTIFYs `device_commands`; the
// node holding the connection sends the OCPP call, records the answer and NOTIFYs
// `device_command_results`; the sender, listening, reads it. Same path in one process (PGlite or a
// single node), so what is tested on one node is what runs on many.

/** What the gateway holds per connected device: enough to call it. */
interface Callable {
  call(action: string, payload: object, options?: { callTimeoutMs?: number }): Promise<unknown>;
}
import { notify } from '../db/notifications.ts';
import { inTenant } from '../db/scope.ts';
import type { Deps } from '../deps.ts';

export type DeviceAction =
  | 'Reset' | 'ChangeAvailability' | 'UnlockConnector' | 'GetConfiguration' | 'ChangeConfiguration' | 'TriggerMessage' | 'ClearCache'
  | 'RemoteStartTransaction' | 'RemoteStopTransaction' | 'SendLocalList' | 'GetLocalListVersion' | 'ReserveNow' | 'CancelReservation'
  | 'DataTransfer';

export type CommandOutcome = { status: 'answered'; result: unknown } | { status: 'offline' } | { status: 'failed'; error: string };

export interface DeviceCommand {
  tenantId: string;
  deviceId: string;
  action: DeviceAction;
  payload: object;
  requestedBy: string | null;
  /** How long to wait for the device's answer; then the command counts as failed. */
  timeoutMs?: number;
}

/** deadline: when the sender stops waiting (ms since epoch); a command not sent to the device by then is not sent at all. */
interface Announcement { tenantId: string; commandId: string; deviceId: string; deadline: number }

export async function sendDeviceCommand(deps: Pick<Deps, 'db' | 'notifications' | 'clock'>, command: DeviceCommand): Promise<CommandOutcome> {
  const now = deps.clock.now();
  const timeoutMs = command.timeoutMs ?? 30_000;
  const deadline = Date.now() + timeoutMs;
  const sent = await inTenant(deps.db, command.tenantId, async (tx) => {
    const device = await tx.selectFrom('devices').select(['connected_node']).where('tenant_id', '=', command.tenantId).where('id', '=', command.deviceId).executeTakeFirst();
    const online = device?.connected_node != null;
    const row = await tx.insertInto('device_commands').values({
      tenant_id: command.tenantId, device_id: command.deviceId, action: command.action, payload: JSON.stringify(command.payload),
      status: online ? 'sent' : 'offline', requested_by: command.requestedBy, created_at: now,
    } as never).returning('id').executeTakeFirstOrThrow();
    if (online) await notify(tx, 'device_commands', JSON.stringify({ tenantId: command.tenantId, commandId: row.id, deviceId: command.deviceId, deadline } satisfies Announcement));
    return { id: row.id, online };
  });
  if (!sent.online) return { status: 'offline' };
  return awaitAnswer(deps, command.tenantId, sent.id, timeoutMs);
}

async function awaitAnswer(deps: Pick<Deps, 'db' | 'notifications'>, tenantId: string, commandId: string, timeoutMs: number): Promise<CommandOutcome> {
  const read = () => inTenant(deps.db, tenantId, (tx) => tx.selectFrom('device_commands').select(['status', 'result', 'error'])
    .where('tenant_id', '=', tenantId).where('id', '=', commandId).executeTakeFirstOrThrow());
  const answered = new Promise<void>((resolve) => {
    const unsubscribe = deps.notifications.subscribe('device_command_results', (payload) => {
      if (payload === commandId) { unsubscribe(); resolve(); }
    });
    setTimeout(() => { unsubscribe(); resolve(); }, timeoutMs).unref();
  });
  // The answer may have come before we listened: look once now, then wait.
  let row = await read();
  if (row.status === 'sent') {
    await answered;
    row = await read();
  }
  if (row.status === 'answered') return { status: 'answered', result: row.result };
  if (row.status === 'sent') {
    await inTenant(deps.db, tenantId, (tx) => tx.updateTable('device_commands').set({ status: 'failed', error: 'timeout' })
      .where('tenant_id', '=', tenantId).where('id', '=', commandId).where('status', '=', 'sent').execute());
    return { status: 'failed', error: 'timeout' };
  }
  return row.status === 'offline' ? { status: 'offline' } : { status: 'failed', error: row.error ?? 'failed' };
}

/**
 * Runs on every gateway node: carries out the commands for the devices connected here.
 * Returns the unsubscribe function.
 */
export function executeCommandsFor(deps: Pick<Deps, 'db' | 'notifications' | 'clock' | 'log'>, node: string, connections: ReadonlyMap<string, Callable>): () => void {
  return deps.notifications.subscribe('device_commands', (payload) => {
    let announcement: Announcement;
    try {
      announcement = JSON.parse(payload) as Announcement;
    } catch {
      return;
    }
    const client = connections.get(announcement.deviceId);
    if (!client) return;
    void execute(deps, node, client, announcement).catch((err) => deps.log.warn({ err, commandId: announcement.commandId }, 'device command not recorded'));
  });
}

async function execute(deps: Pick<Deps, 'db' | 'clock'>, node: string, client: Callable, announcement: Announcement): Promise<void> {
  const { tenantId, commandId } = announcement;
  const command = await inTenant(deps.db, tenantId, (tx) => tx.selectFrom('device_commands as c')
    .innerJoin('devices as d', (j) => j.onRef('d.tenant_id', '=', 'c.tenant_id').onRef('d.id', '=', 'c.device_id'))
    .select(['c.action', 'c.payload', 'c.status', 'd.connected_node'])
    .where('c.tenant_id', '=', tenantId).where('c.id', '=', commandId).executeTakeFirst());
  // Only the node holding the device's current connection sends it (an older one may linger elsewhere).
  if (!command || command.status !== 'sent' || command.connected_node !== node) return;
  const remainingMs = announcement.deadline - Date.now();
  if (remainingMs <= 0) return; // the sender gave up: a late start or reset would surprise everyone
  let outcome: { status: 'answered'; result: unknown } | { status: 'failed'; error: string };
  try {
    outcome = { status: 'answered', result: await client.call(command.action, command.payload as object, { callTimeoutMs: remainingMs }) };
  } catch (error) {
    const e = error as { rpcErrorCode?: string; message?: string };
    outcome = { status: 'failed', error: e.rpcErrorCode ? `${e.rpcErrorCode}: ${e.message ?? ''}`.trim() : (e.message ?? 'failed') };
  }
  await inTenant(deps.db, tenantId, async (tx) => {
    await tx.updateTable('device_commands').set({
      status: outcome.status, result: outcome.status === 'answered' ? JSON.stringify(outcome.result ?? null) : null,
      error: outcome.status === 'failed' ? outcome.error.slice(0, 500) : null, answered_at: deps.clock.now(),
    }).where('tenant_id', '=', tenantId).where('id', '=', commandId).where('status', '=', 'sent').execute();
    await notify(tx, 'device_command_results', commandId);
  });
}
