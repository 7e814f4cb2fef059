// The portal's side of sessions: a resident sees the appliances where they live with their live
// state and price, starts one remotely (the phone app of the seeds: the server pre-selects on the
// resident's behalf, then asks the device with RemoteStartTransaction), follows and ends it, and
// reads the receipts; staff list sessions and end a stuck one.
import { inTenant } from '../../db/scope.ts';
import type { Deps } from '../../deps.ts';
import { sendDeviceCommand } from '../../gateway/commands.ts';
import type { TenantActor } from '../../http/actor.ts';
import { liveStatus } from '../devices/devices.status.ts';
import type { ConnectedDevice } from '../devices/devices.link.ts';
import { tariffAt } from '../tariffs/tariffs.lookup.ts';
import { DISPLAY_UNIT } from '../tariffs/tariffs.pricing.ts';
import { requestStop } from './sessions.ending.ts';
import { applianceNotFound, quantityRequired, deviceOffline, deviceRefused, noCredential, notRunning, sessionNotFound, startRefused } from './sessions.errors.ts';
import { authorize, sessionPolicy } from './sessions.policies.ts';
import { presentSession, shownQuantity } from './sessions.presenters.ts';
import * as repo from './sessions.repository.ts';
import { preselect, tariffAnswer } from './sessions.start.ts';
import { cancelSession } from './sessions.stop.ts';

function ownPerson(actor: TenantActor): string {
  authorize(sessionPolicy.own(actor));
  return actor.personId!;
}

export async function appliancesForResident(deps: Deps, actor: TenantActor) {
  const personId = ownPerson(actor);
  const now = deps.clock.now();
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    const rows = await repo.appliancesNear(tx, actor.tenantId, personId);
    return Promise.all(rows.map(async (a) => {
      const tariff = await tariffAt(tx, actor.tenantId, a.site_id, a.kind, now);
      const price = tariff && tariff.metering === a.metering ? tariffAnswer(a.connector_id, tariff) : null;
      const mine = a.session_id !== null && a.session_person_id === personId;
      return {
        id: a.id, name: a.name, kind: a.kind, metering: a.metering, connectorId: a.connector_id, deviceId: a.device_id, deviceName: a.device_name,
        siteId: a.site_id, siteName: a.site_name, room: a.room,
        status: liveStatus({ connected: a.connected_node !== null, registration: a.registration, ocppStatus: a.ocpp_status, running: a.session_id !== null }),
        price: price && { unit: price.unit, unitPrice: price.unitPrice, sessionFee: price.sessionFee, vatRate: price.vatRate, currency: price.currency },
        mySession: mine ? {
          id: a.session_id!, status: a.session_status as 'preselected' | 'active', startedAt: a.session_started_at ? new Date(a.session_started_at).toISOString() : null,
          quantity: shownQuantity(a.metering, a.session_quantity), heldMinor: a.session_held_minor ?? 0,
        } : null,
      };
    }));
  });
}

/** Starts an appliance for the resident: pre-selection (and hold), then RemoteStartTransaction. */
export async function startFromPortal(deps: Deps, actor: TenantActor, applianceId: string, input: { quantity?: number }) {
  const personId = ownPerson(actor);
  const { appliance, credential } = await inTenant(deps.db, actor.tenantId, async (tx) => {
    const near = (await repo.appliancesNear(tx, actor.tenantId, personId)).find((a) => a.id === applianceId);
    if (!near) throw applianceNotFound();
    return { appliance: (await repo.applianceOf(tx, actor.tenantId, applianceId))!, credential: await repo.startingCredential(tx, actor.tenantId, personId) };
  });
  if (!credential?.id_tag) throw noCredential();
  if (appliance.connected_node === null) throw deviceOffline();
  const device: ConnectedDevice = {
    tenantId: actor.tenantId, deviceId: appliance.device_id, identity: appliance.identity, kind: appliance.device_kind, siteId: appliance.site_id, registration: appliance.registration,
  };
  // A charger charges step by step without a maximum; a laundry appliance needs one.
  let sessionId: string | null = null;
  if (input.quantity === undefined && appliance.device_kind === 'laundry_terminal') throw quantityRequired();
  if (input.quantity !== undefined) {
    const result = await preselect(deps, device, { connectorId: appliance.connector_id, idTag: credential.id_tag, quantity: input.quantity, unit: DISPLAY_UNIT[appliance.metering], origin: 'portal' });
    if (!result.accepted) throw startRefused(result.reason);
    sessionId = result.answer.sessionId; // announced by the pre-selection itself
  }
  const outcome = await sendDeviceCommand(deps, {
    tenantId: actor.tenantId, deviceId: appliance.device_id, action: 'RemoteStartTransaction',
    payload: { connectorId: appliance.connector_id, idTag: credential.id_tag }, requestedBy: actor.userId, timeoutMs: 15_000,
  });
  const accepted = outcome.status === 'answered' && (outcome.result as { status?: string } | null)?.status === 'Accepted';
  if (!accepted) {
    if (sessionId) await withdraw(deps, actor.tenantId, sessionId);
    throw outcome.status === 'offline' ? deviceOffline() : deviceRefused();
  }
  return sessionId ? ownSession(deps, actor, sessionId) : null;
}

async function withdraw(deps: Deps, tenantId: string, sessionId: string): Promise<void> {
  await inTenant(deps.db, tenantId, async (tx) => {
    const session = await repo.findSession(tx, tenantId, sessionId, { lock: true });
    if (session?.status === 'preselected') await cancelSession(tx, session, deps.clock.now());
  });
}

export async function ownSessions(deps: Deps, actor: TenantActor) {
  const personId = ownPerson(actor);
  return (await inTenant(deps.db, actor.tenantId, (tx) => repo.listSessions(tx, actor.tenantId, { personId, limit: 100 }))).map(presentSession);
}

export async function ownSession(deps: Deps, actor: TenantActor, sessionId: string) {
  const personId = ownPerson(actor);
  const [session] = await inTenant(deps.db, actor.tenantId, (tx) => repo.listSessions(tx, actor.tenantId, { personId, sessionId, limit: 1 }));
  if (!session) throw sessionNotFound();
  return presentSession(session);
}

/** The resident ends their running session (or withdraws a pre-selection not yet started). */
export async function stopOwnSession(deps: Deps, actor: TenantActor, sessionId: string) {
  await ownSession(deps, actor, sessionId);
  await endSession(deps, actor.tenantId, sessionId, 'user');
  return ownSession(deps, actor, sessionId);
}

export async function listSessionsForStaff(deps: Deps, actor: TenantActor, filter: { status?: 'preselected' | 'active' | 'completed' | 'cancelled'; deviceId?: string }) {
  authorize(sessionPolicy.read(actor));
  return (await inTenant(deps.db, actor.tenantId, (tx) => repo.listSessions(tx, actor.tenantId, { ...filter, limit: 200 }))).map(presentSession);
}

export async function stopSessionAsStaff(deps: Deps, actor: TenantActor, sessionId: string) {
  authorize(sessionPolicy.end(actor));
  await endSession(deps, actor.tenantId, sessionId, 'staff');
  const [session] = await inTenant(deps.db, actor.tenantId, (tx) => repo.listSessions(tx, actor.tenantId, { sessionId, limit: 1 }));
  if (!session) throw sessionNotFound();
  return presentSession(session);
}

async function endSession(deps: Deps, tenantId: string, sessionId: string, endedBy: 'user' | 'staff'): Promise<void> {
  const session = await inTenant(deps.db, tenantId, (tx) => repo.findSession(tx, tenantId, sessionId));
  if (!session) throw sessionNotFound();
  if (session.status === 'preselected') return withdraw(deps, tenantId, sessionId);
  if (session.status !== 'active') throw notRunning();
  await requestStop(deps, tenantId, sessionId, endedBy);
}
