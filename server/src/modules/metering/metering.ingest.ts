// Readings in, consumption up to date: one batch in one transaction, whatever path it came by
// (bulk HTTP, CSV, MQTT). The batch's meters are locked, so batches of one meter take turns.
// A reading sent again is a repeat and changes nothing; a different value for a stored time is
// a conflict, refused; a register reading that would make the register run backwards, or a
// negative interval, is stored flagged and counts for nothing. Late and out-of-order readings
// are welcome: consumption changes by the difference they make between their neighbours,
// without reading the meter's history again.
import type { Tx } from '../../db/scope.ts';
import { AppError } from '../../errors.ts';
import { checkRegister, intervalShares, measuredSpanMs, registerDelta, registerShares, type HourShare, type Reading } from './metering.consumption.ts';
import * as repo from './metering.repository.ts';

export interface IncomingReading {
  /** The meter's serial number. */
  meter: string;
  at: Date;
  /** In the meter's unit (kWh, MWh, m³, GJ), at most three decimals. */
  value: number;
  /** °C the meter measured with it (a heat meter's flow, hot water), if it tells. */
  temperature?: number | null;
}

export interface IngestReport {
  /** Stored and counted. */
  accepted: number;
  /** Sent before with the same value: nothing changed. */
  repeated: number;
  /** Refused: another value is stored for that meter and time. Index into the batch. */
  conflicts: { index: number; stored: number }[];
  /** Stored but not counted. */
  flagged: { index: number; reason: 'backwards' | 'negative' }[];
}

/** How far ahead of our clock a reading's time may be (clocks of meters drift). */
const FUTURE_TOLERANCE_MS = 5 * 60_000;
/** The temperatures a reading may carry, in thousandths of a degree (as the database checks). */
const MIN_TEMPERATURE_MC = -100_000;
const MAX_TEMPERATURE_MC = 250_000;
/** Before this, a reading's time is a meter's unset clock, not history: it would spread a register's consumption over decades. */
const EARLIEST = Date.UTC(2000, 0, 1);

const invalidReading = (index: number, field: string, message: string) =>
  new AppError('metering.invalid_reading', 400, message, [{ field: `readings/${index}/${field}`, message }]);

/** A batch's readings of one meter and register epoch, in the batch's order. */
interface Series { meterId: string; epoch: number; readings: { index: number; at: number; value: number; temperatureMc: number | null }[]; from: number; to: number }

/** Stores a batch of readings and brings the meters' consumption up to date. All or nothing. */
export async function ingestReadings(tx: Tx, tenantId: string, timeZone: string, batch: IncomingReading[], now: Date): Promise<IngestReport> {
  const report: IngestReport = { accepted: 0, repeated: 0, conflicts: [], flagged: [] };
  if (batch.length === 0) return report;

  const ids = await repo.meterIdsBySerial(tx, tenantId, [...new Set(batch.map((r) => r.meter))]);
  const latest = now.getTime() + FUTURE_TOLERANCE_MS;
  const values = batch.map((reading, index) => {
    const meterId = ids.get(reading.meter);
    if (!meterId) throw invalidReading(index, 'meter', `No meter with the serial number ${reading.meter}`);
    const at = reading.at.getTime();
    if (Number.isNaN(at) || at < EARLIEST) throw invalidReading(index, 'at', 'Not a time a meter was read');
    if (at > latest) throw invalidReading(index, 'at', 'The reading is dated in the future');
    const value = Math.round(reading.value * 1000);
    if (!Number.isSafeInteger(value)) throw invalidReading(index, 'value', 'The value is out of range');
    const temperatureMc = reading.temperature == null ? null : Math.round(reading.temperature * 1000);
    if (temperatureMc !== null && !(temperatureMc >= MIN_TEMPERATURE_MC && temperatureMc <= MAX_TEMPERATURE_MC)) {
      throw invalidReading(index, 'temperature', 'A temperature lies between -100 and 250 °C');
    }
    return { index, meterId, at, value, temperatureMc };
  });
  const meters = new Map((await repo.lockMeters(tx, tenantId, [...new Set(values.map((v) => v.meterId))])).map((m) => [m.id, m]));
  const replacements = await repo.replacementsOf(tx, tenantId, [...meters.keys()]);

  // Per meter and epoch (how many replacements lie at or before the reading).
  const series = new Map<string, Series>();
  for (const { index, meterId, at, value, temperatureMc } of values) {
    let epoch = 0;
    for (const t of replacements.get(meterId) ?? []) if (t <= at) epoch += 1;
    const key = `${meterId}|${epoch}`;
    const s = series.get(key);
    if (!s) series.set(key, { meterId, epoch, readings: [{ index, at, value, temperatureMc }], from: at, to: at });
    else {
      s.readings.push({ index, at, value, temperatureMc });
      if (at < s.from) s.from = at;
      if (at > s.to) s.to = at;
    }
  }
  // The meters are locked: what is stored now stays so until we commit.
  const isRegister = (s: Series) => meters.get(s.meterId)!.kind === 'register';
  const around = await repo.readingsAround(tx, tenantId, [...series.values()].map((s) => ({
    meterId: s.meterId, epoch: s.epoch, from: new Date(s.from), to: new Date(s.to), register: isRegister(s),
  })));

  const inserts: repo.NewReading[] = [];
  const shares: repo.HourDelta[] = [];
  for (const [key, s] of series) {
    const meter = meters.get(s.meterId)!;
    const stored = around.get(key) ?? [];
    // A time stored before, or earlier in this batch: the same value is a repeat, another a conflict.
    const known = new Map(stored.map((r) => [r.at, r.value]));
    const fresh: Series['readings'] = [];
    for (const r of s.readings) {
      const value = known.get(r.at);
      if (value === undefined) {
        known.set(r.at, r.value);
        fresh.push(r);
      } else if (value === r.value) report.repeated += 1;
      else report.conflicts.push({ index: r.index, stored: value / 1000 });
    }
    if (fresh.length === 0) continue;

    let hours: Map<number, HourShare>;
    let flagged: Set<number>;
    let reason: 'backwards' | 'negative';
    if (meter.kind === 'interval') {
      // Each interval reading stands alone.
      reason = 'negative';
      flagged = new Set(fresh.filter((r) => r.value < 0).map((r) => r.at));
      hours = intervalShares(fresh.filter((r) => r.value >= 0), meter.interval_minutes! * 60_000);
    } else {
      // A register's readings are checked and counted among their stored neighbours.
      reason = 'backwards';
      const window = { old: stored.filter((r) => !r.flagged), fresh: [...fresh].sort((a, b) => a.at - b.at) };
      const checked = checkRegister(window);
      flagged = new Set(checked.backwards.map((r) => r.at));
      hours = registerDelta(window, checked.accepted, measuredSpanMs(meter.reading_minutes));
    }
    for (const share of hours.values()) shares.push({ meterId: s.meterId, ...share });
    for (const r of fresh) {
      const flag = flagged.has(r.at);
      if (flag) report.flagged.push({ index: r.index, reason });
      else report.accepted += 1;
      inserts.push({ meterId: s.meterId, epoch: s.epoch, at: r.at, value: r.value, flagged: flag ? reason : null, temperatureMc: r.temperatureMc });
    }
  }

  await repo.insertReadings(tx, tenantId, inserts);
  await repo.addConsumption(tx, tenantId, timeZone, shares);
  report.conflicts.sort((a, b) => a.index - b.index);
  report.flagged.sort((a, b) => a.index - b.index);
  return report;
}


/**
 * A meter's consumption computed from all its accepted readings, per hour: what the stored
 * aggregates must equal however the readings arrived (the tests' check, and a repair tool).
 */
export async function recomputeHours(tx: Tx, tenantId: string, meterId: string): Promise<Map<number, HourShare>> {
  const meter = await repo.findMeter(tx, tenantId, meterId);
  if (!meter) return new Map();
  const hours = new Map<number, HourShare>();
  for (const readings of (await repo.acceptedReadings(tx, tenantId, meterId)).values()) {
    if (meter.kind === 'interval') intervalShares(readings, meter.interval_minutes! * 60_000, hours);
    else registerShares(readings, measuredSpanMs(meter.reading_minutes), hours);
  }
  return hours;
}

export interface Replacement { meter: string; at: Date; finalValue: number; newSerial: string; initialValue: number }

const replacementTooEarly = () => new AppError('metering.replacement_before_readings', 409, 'Readings after this time are stored: a replacement must come after the last reading');

/**
 * Exchanges a meter's device at `at`: the old register's final reading closes its epoch, the new
 * one's initial reading opens the next; the metering point, its history and its consumption stay.
 */
export async function replaceMeter(tx: Tx, tenantId: string, timeZone: string, replacement: Replacement, now: Date): Promise<IngestReport> {
  const meterId = (await repo.meterIdsBySerial(tx, tenantId, [replacement.meter])).get(replacement.meter);
  if (!meterId) throw invalidReading(0, 'meter', `No meter with the serial number ${replacement.meter}`);
  await repo.lockMeters(tx, tenantId, [meterId]);
  const latest = await repo.latestReadingAt(tx, tenantId, meterId);
  if (latest && latest.getTime() > replacement.at.getTime()) throw replacementTooEarly();
  const final = await ingestReadings(tx, tenantId, timeZone, [{ meter: replacement.meter, at: replacement.at, value: replacement.finalValue }], now);
  await repo.insertReplacement(tx, tenantId, {
    meterId, at: replacement.at, oldSerial: replacement.meter, newSerial: replacement.newSerial,
    finalValue: Math.round(replacement.finalValue * 1000), initialValue: Math.round(replacement.initialValue * 1000),
  });
  const initial = await ingestReadings(tx, tenantId, timeZone, [{ meter: replacement.newSerial, at: replacement.at, value: replacement.initialValue }], now);
  return { accepted: final.accepted + initial.accepted, repeated: 0, conflicts: [...final.conflicts, ...initial.conflicts], flagged: [...final.flagged, ...initial.flagged] };
}
