// Reservations of shared chargers (OCPP ReserveNow / CancelReservation): a resident holds a
// charger for a while; the charger keeps it for their tag and refuses others until it expires or
// the reserved charge starts (StartTransaction carries the reservationId, marking it used).
import { inTenant } from '../../db/scope.ts';
import type { Deps } from '../../deps.ts';
import { sendDeviceCommand } from '../../gateway/commands.ts';
import type { TenantActor } from '../../http/actor.ts';
import { AppError } from '../../errors.ts';
import { applianceNotFound, deviceOffline, noCredential } from './sessions.errors.ts';
import { authorize, sessionPolicy } from './sessions.policies.ts';
import * as repo from './sessions.repository.ts';

const notACharger = () => new AppError('sessions.not_reservable', 409, 'Only chargers can be reserved');
const reservationRefused = (status: string) => new AppError('sessions.reservation_refused', 409, `The charger refused the reservation (${status})`);
const reservationNotFound = () => new AppError('sessions.reservation_not_found', 404, 'Reservation not found');

export async function reserveCharger(deps: Deps, actor: TenantActor, applianceId: string, input: { minutes: number }) {
  authorize(sessionPolicy.own(actor));
  const personId = actor.personId!;
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + input.minutes * 60_000);
  const { appliance, credential, reservationId } = await inTenant(deps.db, actor.tenantId, async (tx) => {
    if (!(await repo.appliancesNear(tx, actor.tenantId, personId)).some((a) => a.id === applianceId)) throw applianceNotFound();
    const appliance = (await repo.applianceOf(tx, actor.tenantId, applianceId))!;
    if (appliance.device_kind !== 'charger') throw notACharger();
    const credential = await repo.startingCredential(tx, actor.tenantId, personId);
    if (!credential?.id_tag) throw noCredential();
    const reservationId = await repo.insertReservation(tx, {
      tenantId: actor.tenantId, deviceId: appliance.device_id, applianceId, connectorId: appliance.connector_id, personId, idTag: credential.id_tag, expiresAt, now,
    });
    return { appliance, credential, reservationId };
  });
  const outcome = await sendDeviceCommand(deps, {
    tenantId: actor.tenantId, deviceId: appliance.device_id, action: 'ReserveNow', requestedBy: actor.userId, timeoutMs: 15_000,
    payload: { connectorId: appliance.connector_id, expiryDate: expiresAt.toISOString(), idTag: credential.id_tag, reservationId },
  });
  const status = outcome.status === 'answered' ? (outcome.result as { status?: string } | null)?.status ?? 'Rejected' : outcome.status;
  await setStatus(deps, actor.tenantId, reservationId, status === 'Accepted' ? 'accepted' : 'refused');
  if (outcome.status === 'offline') throw deviceOffline();
  if (status !== 'Accepted') throw reservationRefused(status);
  return { id: reservationId, applianceId, expiresAt: expiresAt.toISOString(), status: 'accepted' as const };
}

export async function cancelReservation(deps: Deps, actor: TenantActor, reservationId: number) {
  authorize(sessionPolicy.own(actor));
  const reservation = await inTenant(deps.db, actor.tenantId, (tx) => repo.findOwnReservation(tx, actor.tenantId, actor.personId!, reservationId));
  if (!reservation) throw reservationNotFound();
  if (reservation.status === 'accepted') {
    await sendDeviceCommand(deps, { tenantId: actor.tenantId, deviceId: reservation.device_id, action: 'CancelReservation', payload: { reservationId }, requestedBy: actor.userId, timeoutMs: 15_000 });
    await setStatus(deps, actor.tenantId, reservationId, 'cancelled');
  }
  return { id: reservationId, status: reservation.status === 'accepted' ? 'cancelled' : reservation.status };
}

function setStatus(deps: Deps, tenantId: string, id: number, status: 'accepted' | 'refused' | 'cancelled') {
  return inTenant(deps.db, tenantId, (tx) => repo.setReservationStatus(tx, tenantId, id, status));
}

/** A StartTransaction naming a reservation uses it up. */
export function useReservation(deps: Deps, tenantId: string, id: number): Promise<void> {
  return inTenant(deps.db, tenantId, (tx) => repo.setReservationStatus(tx, tenantId, id, 'used', 'accepted'));
}
