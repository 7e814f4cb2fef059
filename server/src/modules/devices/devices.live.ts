// The live status of appliances for an open portal page. The gateway NOTIFYs 'appliance_status'
// with {tenantId, deviceId} whenever something a status derives from changes (a StatusNotification,
// a connection opening or closing, a session starting or ending, staff accepting a device); every
// process hears it, and each open feed of that tenant re-reads that one device and passes on only
// the appliances whose status changed.
import type { Deps } from '../../deps.ts';
import { inTenant } from '../../db/scope.ts';
import type { TenantActor } from '../../http/actor.ts';
import { requireAccess } from '../access/access.ts';
import { liveRows, type LiveRow } from './devices.live.repository.ts';
import { authorize, devicePolicy } from './devices.policies.ts';
import { liveStatus, type LiveStatus } from './devices.status.ts';

export interface ApplianceEvent {
  deviceId: string;
  applianceId: string;
  status: LiveStatus;
  ocppStatus: string | null;
  errorCode: string | null;
  /** When the device last reported this appliance's state; null before its first report. */
  at: string | null;
}

export interface ApplianceFeed {
  snapshot: ApplianceEvent[];
  /** Starts passing on changes (those that arrived since the snapshot first). */
  listen(send: (event: ApplianceEvent) => void): void;
  close(): void;
}

const toEvent = (r: LiveRow): ApplianceEvent => ({
  deviceId: r.device_id, applianceId: r.id,
  status: liveStatus({ connected: r.connected_node !== null, registration: r.registration, ocppStatus: r.ocpp_status, running: Boolean(r.running) }),
  ocppStatus: r.ocpp_status, errorCode: r.error_code, at: r.status_at === null ? null : new Date(r.status_at).toISOString(),
});

const fingerprint = (e: ApplianceEvent) => `${e.status}|${e.ocppStatus}|${e.errorCode}|${e.at}`;

export async function openApplianceFeed(deps: Deps, actor: TenantActor, options: { siteId?: string }): Promise<ApplianceFeed> {
  authorize(devicePolicy.read(actor));
  const filter = { siteId: options.siteId, technicianUserId: actor.role === 'technician' ? actor.userId : null };
  const read = (deviceId?: string) => inTenant(deps.db, actor.tenantId, async (tx) => {
    if (options.siteId && !deviceId) await requireAccess(tx, actor, 'site', [options.siteId]);
    return (await liveRows(tx, actor.tenantId, { ...filter, deviceId })).map(toEvent);
  });

  const known = new Map<string, string>();
  let send: ((event: ApplianceEvent) => void) | null = null;
  let closed = false;
  const waiting = new Set<string>();
  // Per device: whether a re-read is under way, and whether another notification came meanwhile.
  const rereading = new Map<string, boolean>();

  const pass = (events: ApplianceEvent[]) => {
    for (const event of events) {
      const print = fingerprint(event);
      if (known.get(event.applianceId) === print) continue;
      known.set(event.applianceId, print);
      send?.(event);
    }
  };
  const reread = (deviceId: string) => {
    if (rereading.has(deviceId)) { rereading.set(deviceId, true); return; }
    rereading.set(deviceId, false);
    void (async () => {
      do {
        rereading.set(deviceId, false);
        const events = await read(deviceId);
        if (!closed) pass(events);
      } while (rereading.get(deviceId) && !closed);
    })().catch((err: unknown) => deps.log.warn({ err, deviceId }, 'live appliance status re-read failed')).finally(() => rereading.delete(deviceId));
  };

  // Subscribed before the snapshot is read, so a change in between is not lost.
  const unsubscribe = deps.notifications.subscribe('appliance_status', (payload) => {
    let message: { tenantId?: unknown; deviceId?: unknown };
    try { message = JSON.parse(payload); } catch { return; }
    if (message.tenantId !== actor.tenantId || typeof message.deviceId !== 'string' || closed) return;
    if (send) reread(message.deviceId);
    else waiting.add(message.deviceId);
  });
  let snapshot: ApplianceEvent[];
  try {
    snapshot = await read();
  } catch (error) {
    unsubscribe();
    throw error;
  }
  for (const event of snapshot) known.set(event.applianceId, fingerprint(event));

  return {
    snapshot,
    listen(handler) {
      send = handler;
      for (const deviceId of waiting) reread(deviceId);
      waiting.clear();
    },
    close() {
      closed = true;
      unsubscribe();
    },
  };
}
