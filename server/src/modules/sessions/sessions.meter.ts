// MeterValues during a session: samples are stored, the register and the last time the appliance
// drew energy are kept on the session (the idle auto-end needs them), and a prepaid session
// without a pre-selection takes another hold before its cost reaches what is held. When the
// wallet cannot cover another step the session is marked to stop for lack of balance, and the
// gateway sends RemoteStopTransaction.
//
// Readings arrive from every connected device at once, so they are written by group commit
// (db/groupCommit.ts), as the ledger batcher writes transfers: the readings of one tenant that
// arrive while a batch is being written go together in the next, in one transaction of three
// statements (lock the sessions, insert the samples, move the registers) whatever their number.
// Each caller still gets its own answer, after the commit. Only a session whose cost reaches what
// is held goes on to a transaction of its own for the next hold.
import { createGroupCommit } from '../../db/groupCommit.ts';
import { inTenant } from '../../db/scope.ts';
import type { Deps } from '../../deps.ts';
import type { ConnectedDevice } from '../devices/devices.link.ts';
import { costOf } from '../tariffs/tariffs.pricing.ts';
import { holdForSession } from './sessions.money.ts';
import type { ChargingRules } from './sessions.rules.ts';
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

export interface MeterReport {
  device: ConnectedDevice;
  transactionId: number | null;
  samples: Sample[];
  /** The readings of a StopTransaction: stored, but no reason to take another hold. */
  ending?: boolean;
  /** The site's charging rules; read only when the session may need another hold. */
  rules: () => Promise<ChargingRules>;
}

export interface MeterRecorder {
  record(report: MeterReport): Promise<MeterOutcome>;
}

interface Waiting {
  report: MeterReport & { transactionId: number };
  resolve(outcome: MeterOutcome): void;
  reject(error: unknown): void;
}

const NO_STOP: MeterOutcome = { stop: false };

export function createMeterRecorder(deps: Deps, options: { maxBatch?: number; maxInFlight?: number } = {}): MeterRecorder {
  const send = async (tenantId: string, batch: Waiting[]) => {
    try {
      const stored = await storeBatch(deps, tenantId, batch.map((w) => w.report));
      // Answered one by one: a failing hold step fails only its own caller.
      await Promise.all(batch.map(async (waiting, index) => {
        try {
          const session = stored[index];
          waiting.resolve(session && !waiting.report.ending ? await keepAStepAhead(deps, session, waiting.report.rules) : NO_STOP);
        } catch (error) {
          waiting.reject(error);
        }
      }));
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
    }
  };
  const group = createGroupCommit<Waiting>({ maxBatch: options.maxBatch ?? 500, maxInFlight: options.maxInFlight ?? 2, send });

  return {
    record(report) {
      const { transactionId } = report;
      if (transactionId === null || report.samples.length === 0) return Promise.resolve(NO_STOP);
      return new Promise<MeterOutcome>((resolve, reject) => group.add(report.device.tenantId, { report: { ...report, transactionId }, resolve, reject }));
    },
  };
}

/**
 * Stores the batch's readings in one transaction; for each report, the active session it belongs
 * to as it stands after its readings (undefined for none: an unknown or closed transaction).
 */
async function storeBatch(deps: Deps, tenantId: string, reports: (MeterReport & { transactionId: number })[]): Promise<(repo.MeteredSession | undefined)[]> {
  return inTenant(deps.db, tenantId, async (tx) => {
    const found = await repo.lockActiveByTransactions(tx, tenantId, reports.map((r) => ({ deviceId: r.device.deviceId, transactionId: r.transactionId })));
    const current = new Map(found.map((s) => [`${s.device_id}:${s.transaction_id}`, s]));
    const samples: repo.SampleRow[] = [];
    const after = reports.map((report) => {
      const key = `${report.device.deviceId}:${report.transactionId}`;
      const session = current.get(key);
      if (!session) return undefined;
      for (const sample of report.samples) samples.push({ sessionId: session.id, ...sample });
      // Two reports of one session in a batch: the second reads on from where the first left it.
      const moved = { ...session, ...latestReading(session, report.samples) };
      current.set(key, moved);
      return moved;
    });
    const touched = [...new Set(after.filter((s) => s !== undefined))];
    await repo.insertSamples(tx, tenantId, samples);
    await repo.updateReadings(tx, tenantId, touched.map((s) => ({
      sessionId: s.id, lastMeterWh: s.last_meter_wh, lastMeterAt: s.last_meter_at, lastDrawAt: s.last_draw_at,
    })));
    return after;
  });
}

/**
 * A prepaid session without a pre-selection keeps a step ahead: when the cost so far passes what
 * is held less half a step, another step is held; when the wallet cannot cover it, the session is
 * marked to stop for lack of balance.
 */
async function keepAStepAhead(deps: Deps, seen: repo.MeteredSession, readRules: () => Promise<ChargingRules>): Promise<MeterOutcome> {
  if (seen.billing !== 'prepaid' || seen.preselect_quantity !== null || seen.stop_requested_at || !seen.person_id) return NO_STOP;
  const rules = await readRules();
  const now = deps.clock.now();
  if (!stepDue(seen, rules, now)) return NO_STOP;
  return inTenant(deps.db, seen.tenant_id, async (tx): Promise<MeterOutcome> => {
    // Read again under the lock: another reading may have taken the step meanwhile.
    const session = await repo.findSession(tx, seen.tenant_id, seen.id, { lock: true });
    if (!session || session.status !== 'active' || session.stop_requested_at || !stepDue(session, rules, now)) return NO_STOP;
    const holds = await repo.holdsOf(tx, session.tenant_id, session.id);
    const hold = await holdForSession(tx, session, rules.holdStepMinor, holds.length + 1, now);
    if (hold.held) {
      await repo.updateSession(tx, session.tenant_id, session.id, { held_minor: session.held_minor + hold.amountMinor });
      return NO_STOP;
    }
    await repo.updateSession(tx, session.tenant_id, session.id, { stop_requested_at: now, ended_by: 'balance' });
    return { stop: true, transactionId: session.transaction_id! };
  });
}

function stepDue(session: repo.MeteredSession, rules: ChargingRules, now: Date): boolean {
  const until = session.last_meter_at ? new Date(session.last_meter_at) : now;
  const cost = costOf({ metering: session.metering, unitPriceMinor: session.unit_price_minor, sessionFeeMinor: session.session_fee_minor, vatRateBp: session.vat_rate_bp },
    consumption(session, until, session.last_meter_wh));
  return cost + rules.holdStepMinor / 2 >= session.held_minor;
}

function latestReading(session: repo.MeteredSession, samples: Sample[]): Pick<repo.MeteredSession, 'last_meter_wh' | 'last_meter_at' | 'last_draw_at'> {
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
  return { last_meter_wh: energy, last_meter_at: at, last_draw_at: drawAt };
}
