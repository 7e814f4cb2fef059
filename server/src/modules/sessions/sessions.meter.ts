// MeterValues during a session: samples are stored, the register and the last time the appliance
// drew energy are kept on the session (the idle auto-end needs them), and a prepaid session
// without a pre-selection takes another hold before its cost reaches what is held. When the
// wallet cannot cover another step the session is marked to stop for lack of balance, and the
// gateway sends RemoteStopTransaction.
import { inTenant } from '../../db/scope.ts';
import type { UsageSession } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import type { ConnectedDevice } from '../devices/devices.link.ts';
import { costOf } from '../tariffs/tariffs.pricing.ts';
import { holdForSession } from './sessions.money.ts';
import { chargingRules } from './sessions.rules.ts';
import * as repo from './sessions.repository.ts';
import { consumption } from './sessions.stop.ts';

export interface Sample {
  at: Date;
  energyWh: number | null;
  powerW: number | null;
}

/** Below this the appliance counts as drawing nothing (standby, a display). */
const DRAW_THRESHOLD_W = 10;

export type MeterOutcome = { stop: false } | { stop: true; transactionId: number };

export async function recordMeterValues(deps: Deps, device: ConnectedDevice, input: { transactionId: number | null; samples: Sample[]; ending?: boolean }): Promise<MeterOutcome> {
  if (input.transactionId === null || input.samples.length === 0) return { stop: false };
  const now = deps.clock.now();
  return inTenant(deps.db, device.tenantId, async (tx): Promise<MeterOutcome> => {
    const session = await repo.findByTransaction(tx, device.tenantId, device.deviceId, input.transactionId!);
    if (!session || session.status !== 'active') return { stop: false };
    await repo.insertSamples(tx, device.tenantId, session.id, input.samples);

    const latest = latestReading(session, input.samples);
    await repo.updateSession(tx, device.tenantId, session.id, latest);
    const current = { ...session, ...latest };
    if (input.ending || session.billing !== 'prepaid' || session.preselect_quantity !== null || session.stop_requested_at || !session.person_id) return { stop: false };

    // Keep a step ahead: when the cost so far passes what is held less half a step, hold another step.
    const rules = await chargingRules(tx, device.tenantId, (await repo.applianceOf(tx, device.tenantId, session.appliance_id))!.site_id);
    const cost = costOf({ metering: session.metering, unitPriceMinor: session.unit_price_minor, sessionFeeMinor: session.session_fee_minor, vatRateBp: session.vat_rate_bp },
      consumption(current, latest.last_meter_at ?? now, current.last_meter_wh));
    if (cost + rules.holdStepMinor / 2 < session.held_minor) return { stop: false };
    const holds = await repo.holdsOf(tx, device.tenantId, session.id);
    const hold = await holdForSession(tx, session, rules.holdStepMinor, holds.length + 1, now);
    if (hold.held) {
      await repo.updateSession(tx, device.tenantId, session.id, { held_minor: session.held_minor + hold.amountMinor });
      return { stop: false };
    }
    await repo.updateSession(tx, device.tenantId, session.id, { stop_requested_at: now, ended_by: 'balance' });
    return { stop: true, transactionId: session.transaction_id! };
  });
}

function latestReading(session: UsageSession, samples: Sample[]) {
  let energy = session.last_meter_wh;
  let at = session.last_meter_at ? new Date(session.last_meter_at) : null;
  let drawAt = session.last_draw_at ? new Date(session.last_draw_at) : null;
  for (const sample of [...samples].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    if (at && sample.at < at) continue; // late samples are stored but do not move the register back
    const rose = sample.energyWh !== null && energy !== null && sample.energyWh > energy;
    if (rose || (sample.powerW !== null && sample.powerW > DRAW_THRESHOLD_W)) drawAt = sample.at;
    if (sample.energyWh !== null) energy = sample.energyWh;
    at = sample.at;
  }
  return { last_meter_wh: energy, ...(at ? { last_meter_at: at } : {}), ...(drawAt ? { last_draw_at: drawAt } : {}) };
}
