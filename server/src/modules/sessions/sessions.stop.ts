// How a session ends and is charged: the real consumption at the tariff frozen at its start.
// A StopTransaction is always answered; one seen twice, or after the session was closed by an
// auto-end rule, charges nothing more.
import { inTenant } from '../../db/scope.ts';
import type { Tx } from '../../db/scope.ts';
import type { SessionEndedBy, UsageSession } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import type { AuthorizationStatus } from '../authorization/authorization.types.ts';
import type { ConnectedDevice } from '../devices/devices.link.ts';
import { announceDevice } from '../devices/devices.link.ts';
import { meterApplianceEnergy } from '../metering/metering.appliances.ts';
import { billedMinutes, costOf } from '../tariffs/tariffs.pricing.ts';
import { chargeBeyondHolds, releaseHolds, settlePrepaid } from './sessions.money.ts';
import { sendReceipt } from './sessions.receipts.ts';
import * as repo from './sessions.repository.ts';

export interface StopInput {
  transactionId: number;
  meterStopWh: number | null;
  timestamp: Date;
  idTag: string | null;
  reason: string | null;
}

/** What was consumed, in the session's unit: Wh, started minutes or impulses. */
export function consumption(session: Pick<UsageSession, 'metering' | 'last_meter_wh' | 'meter_start_wh' | 'preselect_quantity' | 'started_at'>, stoppedAt: Date, meterStopWh: number | null): number {
  switch (session.metering) {
    case 'energy': {
      const used = Math.max(0, (meterStopWh ?? session.last_meter_wh ?? session.meter_start_wh ?? 0) - (session.meter_start_wh ?? 0));
      // The terminal switches off at the pre-selected maximum; a register that overshoots is not the resident's to pay.
      return session.preselect_quantity !== null ? Math.min(used, session.preselect_quantity) : used;
    }
    case 'time': {
      const minutes = session.started_at ? billedMinutes(new Date(session.started_at), stoppedAt) : 0;
      return session.preselect_quantity !== null ? Math.min(minutes, session.preselect_quantity) : minutes;
    }
    case 'impulse':
      return session.preselect_quantity ?? 1;
  }
}

/** No appliance or charger draws more than this: a register jump beyond it is a faulty meter or a forged message, not consumption. */
export const MAX_PLAUSIBLE_POWER_W = 400_000;
/** No session runs longer than this; device clocks that say otherwise are wrong. */
export const MAX_PLAUSIBLE_MINUTES = 7 * 24 * 60;

/** Whether a consumption could have happened in the session's time: an implausible one is not charged, and the session is flagged. */
export function plausible(session: UsageSession, stoppedAt: Date, quantity: number): boolean {
  if (session.metering === 'time') return quantity <= MAX_PLAUSIBLE_MINUTES;
  if (session.metering !== 'energy' || !session.started_at) return true;
  const hours = Math.max(stoppedAt.getTime() - new Date(session.started_at).getTime(), 60_000) / 3_600_000;
  return quantity <= Math.ceil(MAX_PLAUSIBLE_POWER_W * hours);
}

export interface Ending {
  stoppedAt: Date;
  meterStopWh: number | null;
  endedBy: SessionEndedBy;
  reason: string | null;
}

/** Charges and closes an active session inside the caller's transaction (locked row). */
export async function finishSession(tx: Tx, session: UsageSession, ending: Ending, now: Date, holds?: repo.SessionHold[]): Promise<UsageSession> {
  const measured = consumption(session, ending.stoppedAt, ending.meterStopWh);
  const believable = plausible(session, ending.stoppedAt, measured);
  const quantity = believable ? measured : 0;
  const cost = costOf({ metering: session.metering, unitPriceMinor: session.unit_price_minor, sessionFeeMinor: session.session_fee_minor, vatRateBp: session.vat_rate_bp }, quantity);
  const changes = {
    status: 'completed' as const, stopped_at: ending.stoppedAt, meter_stop_wh: ending.meterStopWh ?? session.last_meter_wh, quantity,
    amount_minor: cost, debt_minor: 0, ended_by: ending.endedBy,
    stop_reason: believable ? ending.reason : 'implausible_reading',
  };
  await repo.updateSession(tx, session.tenant_id, session.id, changes);
  // The money last: the tenant's revenue account stays locked only until the commit.
  const debt = session.billing === 'prepaid' && session.person_id ? await settlePrepaid(tx, session, cost, now, holds) : 0;
  // A cost beyond the holds (a session run offline, a hold that expired) is rare: the debt is written then.
  if (debt > 0) await repo.updateSession(tx, session.tenant_id, session.id, { debt_minor: debt });
  return { ...session, ...changes, debt_minor: debt };
}

/** Closes a session that never started (a pre-selection left standing): its hold returns in full. */
export async function cancelSession(tx: Tx, session: UsageSession, now: Date): Promise<void> {
  await releaseHolds(tx, session, now);
  await repo.updateSession(tx, session.tenant_id, session.id, { status: 'cancelled', stopped_at: now, quantity: 0, amount_minor: 0 });
}

export async function stopTransaction(deps: Deps, device: ConnectedDevice, input: StopInput): Promise<{ status: AuthorizationStatus | null }> {
  const now = deps.clock.now();
  const finished = await inTenant(deps.db, device.tenantId, async (tx) => {
    const found = input.transactionId > 0
      ? await repo.findEndingByTransaction(tx, device.tenantId, device.deviceId, input.transactionId)
      // -1: the device never got our id (it started offline and lost it); the one active session of its tag is the one.
      : await lostTransaction(tx, device, input.idTag);
    const session = found?.session;
    if (!session) return null;
    // An energy-metered session's register readings go to the appliance's own meter at its end,
    // whatever became of the session (metering.appliances.ts): start, MeterValues, stop. Sent
    // again, they are repeats. Time- and impulse-metered appliances have no energy of their own.
    if (input.meterStopWh !== null && session.metering === 'energy') {
      const readings = [
        ...(session.started_at && session.meter_start_wh !== null ? [{ at: session.started_at, energyWh: session.meter_start_wh }] : []),
        ...await repo.energySamples(tx, device.tenantId, session.id),
        { at: input.timestamp, energyWh: input.meterStopWh },
      ];
      await meterApplianceEnergy(tx, deps, device.tenantId, readings.map((r) => ({ applianceId: session.appliance_id, ...r })));
    }
    if (session.status === 'refused' && !session.stopped_at) {
      await repo.updateSession(tx, device.tenantId, session.id, { stopped_at: input.timestamp, meter_stop_wh: input.meterStopWh });
    }
    if (session.status === 'completed' && session.stop_reason === 'closed_by_server') {
      await chargeLateReport(tx, session, input, now);
      return null;
    }
    if (session.status !== 'active') return null;
    // Asked to stop by us (an auto-end rule, the portal, an empty wallet): that is why it ended.
    const endedBy: SessionEndedBy = session.stop_requested_at && session.ended_by ? session.ended_by : 'device';
    await announceDevice(tx, device.tenantId, device.deviceId); // the appliance is free again, at the commit
    return finishSession(tx, session, { stoppedAt: input.timestamp, meterStopWh: input.meterStopWh, endedBy, reason: input.reason }, now, found?.holds);
  });
  if (finished) await sendReceipt(deps, finished);
  return { status: finished ? 'Accepted' : null };
}

/**
 * A session closed here while its device was away, reported later by the device itself: what it
 * measured beyond our last reading is charged too (once: the transfer id derives from the session),
 * so closing without the device never costs the manager the rest of a charge.
 */
async function chargeLateReport(tx: Tx, session: UsageSession, input: StopInput, now: Date): Promise<void> {
  const quantity = consumption({ ...session, last_meter_wh: null }, input.timestamp, input.meterStopWh);
  if (quantity <= (session.quantity ?? 0) || !plausible(session, input.timestamp, quantity)) return;
  const cost = costOf({ metering: session.metering, unitPriceMinor: session.unit_price_minor, sessionFeeMinor: session.session_fee_minor, vatRateBp: session.vat_rate_bp }, quantity);
  const extra = cost - (session.amount_minor ?? 0);
  if (extra <= 0) return;
  const debt = session.billing === 'prepaid' && session.person_id ? await chargeBeyondHolds(tx, session, extra, 'session-late', now) : 0;
  await repo.updateSession(tx, session.tenant_id, session.id, {
    quantity, amount_minor: cost, meter_stop_wh: input.meterStopWh, stopped_at: input.timestamp, debt_minor: session.debt_minor + debt, stop_reason: 'reported_late',
  });
}

async function lostTransaction(tx: Tx, device: ConnectedDevice, idTag: string | null): Promise<{ session: UsageSession; holds?: repo.SessionHold[] } | undefined> {
  if (idTag === null) return undefined;
  const candidates = await repo.activeOnConnector(tx, device.tenantId, device.deviceId, null, idTag);
  return candidates.length === 1 ? { session: candidates[0]! } : undefined;
}
