// Ending sessions that the device does not end by itself: the auto-end rules (an energy
// appliance drawing nothing for a while, a time appliance whose booked time ran out, an impulse
// appliance a fixed time after its start), a pre-selection never started, and a stop asked for
// by the resident or staff. The device is told with RemoteStopTransaction and answers with its
// StopTransaction; when it is offline, refuses, or stays silent past a grace period, the session
// is closed here with the last reading — "either way" it ends and is charged once.
import { asPlatform, inTenant } from '../../db/scope.ts';
import type { SessionEndedBy } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { sendDeviceCommand } from '../../gateway/commands.ts';
import { announceStatus } from '../devices/devices.link.ts';
import * as repo from './sessions.repository.ts';
import { cancelSession, finishSession } from './sessions.stop.ts';
import { sendReceipt } from './sessions.receipts.ts';

/** A pre-selection not followed by a start within this long is cancelled and its hold returned. */
export const UNSTARTED_MINUTES = 10;
/** How long the device has to send its StopTransaction after we asked. */
export const STOP_GRACE_MS = 2 * 60_000;

const ENDED_BY = { idle: 'idle', booked_time: 'booked_time', impulse_time: 'impulse_time', stop_overdue: 'device' } as const;

/** The worker's job: applies every rule that is due at the clock's now. Returns how many sessions it acted on. */
export async function endDueSessions(deps: Deps, limit = 200): Promise<number> {
  const now = deps.clock.now();
  const due = await asPlatform(deps.db, (tx) => repo.dueSessions(tx, now, UNSTARTED_MINUTES, STOP_GRACE_MS, limit));
  for (const session of due) {
    try {
      if (session.reason === 'unstarted') await cancelUnstarted(deps, session.tenant_id, session.id);
      else await requestStop(deps, session.tenant_id, session.id, ENDED_BY[session.reason]);
    } catch (err) {
      // One session that cannot be ended must not keep the others running.
      deps.log.warn({ err, sessionId: session.id }, 'session not ended');
    }
  }
  return due.length;
}

async function cancelUnstarted(deps: Deps, tenantId: string, sessionId: string): Promise<void> {
  const cancelled = await inTenant(deps.db, tenantId, async (tx) => {
    const session = await repo.findSession(tx, tenantId, sessionId, { lock: true });
    if (session?.status !== 'preselected') return null;
    await cancelSession(tx, session, deps.clock.now());
    return session;
  });
  if (cancelled) await announceStatus(deps, tenantId, cancelled.device_id);
}

/**
 * Asks the device to stop the session, or closes it here when the device cannot. Called by the
 * rules above and by the portal (endedBy 'user' or 'staff'). Safe to repeat: a session already
 * asked is only closed here once its grace period has passed.
 */
export async function requestStop(deps: Deps, tenantId: string, sessionId: string, endedBy: SessionEndedBy): Promise<void> {
  const now = deps.clock.now();
  const asked = await inTenant(deps.db, tenantId, async (tx) => {
    const session = await repo.findSession(tx, tenantId, sessionId, { lock: true });
    if (!session || session.status !== 'active') return null;
    if (session.stop_requested_at) {
      return now.getTime() - new Date(session.stop_requested_at).getTime() >= STOP_GRACE_MS ? { session, ask: false } : null;
    }
    await repo.updateSession(tx, tenantId, session.id, { stop_requested_at: now, ended_by: endedBy });
    return { session: { ...session, stop_requested_at: now, ended_by: endedBy }, ask: true };
  });
  if (!asked) return;
  if (asked.ask && asked.session.transaction_id !== null) {
    const outcome = await sendDeviceCommand(deps, {
      tenantId, deviceId: asked.session.device_id, action: 'RemoteStopTransaction', payload: { transactionId: asked.session.transaction_id },
      requestedBy: null, timeoutMs: 15_000,
    });
    // Accepted: the device's StopTransaction follows and charges the session.
    if (outcome.status === 'answered' && (outcome.result as { status?: string } | null)?.status === 'Accepted') return;
  }
  await closeHere(deps, tenantId, sessionId);
}

/** Closes an active session without the device, with the last reading we have. */
async function closeHere(deps: Deps, tenantId: string, sessionId: string): Promise<void> {
  const now = deps.clock.now();
  const closed = await inTenant(deps.db, tenantId, async (tx) => {
    const session = await repo.findSession(tx, tenantId, sessionId, { lock: true });
    if (!session || session.status !== 'active') return null;
    const endedBy = session.ended_by ?? 'offline';
    return finishSession(tx, session, { stoppedAt: now, meterStopWh: session.last_meter_wh, endedBy, reason: 'closed_by_server' }, now);
  });
  if (!closed) return;
  await announceStatus(deps, tenantId, closed.device_id);
  await sendReceipt(deps, closed);
}
