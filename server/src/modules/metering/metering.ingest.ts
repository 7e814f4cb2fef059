// Readings in, consumption up to date: one batch in one transaction, whatever path it came by
// (bulk HTTP, CSV, MQTT). The batch's meters are locked, so batches of one meter take turns.
// A reading sent again is a repeat and changes nothing; a different value for a stored time is
// a conflict, refused; a register reading that would make the register run backwards, or a
// negative interval, is stored flagged and counts for nothing. Late and out-of-order readings
// are welcome: consumption changes by the difference they make between their neighbours,
// without reading the meter's history again.
import { groupBy } from '../../collections.ts';
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
/** Before this, a reading's time is a meter's unset clock, not history: it would spread a register's consumption over decades. */
const EARLIEST = Date.UTC(2000, 0, 1);

const invalidReading = (index: number, field: string, message: string) =>
  new AppError('metering.invalid_reading', 400, message, [{ field: `readings/${index}/${field}`, message }]);

/** Stores a batch of readings and brings the meters' consumption up to date. All or nothing. */
export async function ingestReadings(tx: Tx, tenantId: string, timeZone: string, batch: IncomingReading[], now: Date): Promise<IngestReport> {
  const report: IngestReport = { accepted: 0, repeated: 0, conflicts: [], flagged: [] };
  if (batch.length === 0) return report;

  const ids = await repo.meterIdsBySerial(tx, tenantId, [...new Set(batch.map((r) => r.meter))]);
  const values = batch.map((reading, index) => {
    const meterId = ids.get(reading.meter);
    if (!meterId) throw invalidReading(index, 'meter', `No meter with the serial number ${reading.meter}`);
    const at = reading.at.getTime();
    if (Number.isNaN(at) || at < EARLIEST) throw invalidReading(index, 'at', 'Not a time a meter was read');
    if (at > now.getTime() + FUTURE_TOLERANCE_MS) throw invalidReading(index, 'at', 'The reading is dated in the future');
    const value = Math.round(reading.value * 1000);
    if (!Number.isSafeInteger(value)) throw invalidReading(index, 'value', 'The value is out of range');
    return { index, meterId, at: reading.at, value };
  });
  const meters = new Map((await repo.lockMeters(tx, tenantId, [...new Set(values.map((v) => v.meterId))])).map((m) => [m.id, m]));
  const replacements = await repo.replacementsOf(tx, tenantId, [...meters.keys()]);
  const stored = values.map((v) => ({ ...v, epoch: (replacements.get(v.meterId) ?? []).filter((t) => t <= v.at.getTime()).length }));

  const inserted = await repo.insertReadings(tx, tenantId, stored);
  const fresh = new Set(inserted.map((r) => repo.readingKey(r.meterId, r.epoch, r.at.getTime())));
  const keyOf = (r: { meterId: string; epoch: number; at: Date }) => repo.readingKey(r.meterId, r.epoch, r.at.getTime());
  // Not inserted: stored before (or earlier in this batch). The same value is a repeat.
  const known = await repo.storedValues(tx, tenantId, stored.filter((r) => !fresh.has(keyOf(r))));
  const firstOfKey = new Map<string, number>();
  for (const reading of stored) {
    const key = keyOf(reading);
    if (fresh.has(key) && !firstOfKey.has(key)) {
      firstOfKey.set(key, reading.index);
      continue;
    }
    // Stored before: its stored value; stored now by an earlier reading of this batch: that one's.
    const value = known.get(key) ?? stored[firstOfKey.get(key)!]!.value;
    if (value === reading.value) report.repeated += 1;
    else report.conflicts.push({ index: reading.index, stored: value / 1000 });
  }
  const newReadings = stored.filter((r) => firstOfKey.get(keyOf(r)) === r.index);

  const shares: repo.HourDelta[] = [];
  const collect = (meterId: string, hours: Map<number, HourShare>) => { for (const share of hours.values()) shares.push({ meterId, ...share }); };
  const flag = async (readings: typeof newReadings, reason: 'backwards' | 'negative') => {
    await repo.flagReadings(tx, tenantId, readings, reason);
    for (const r of readings) report.flagged.push({ index: r.index, reason });
  };

  // Interval meters: each reading stands alone.
  const intervals = newReadings.filter((r) => meters.get(r.meterId)!.kind === 'interval');
  await flag(intervals.filter((r) => r.value < 0), 'negative');
  for (const [meterId, readings] of groupBy(intervals.filter((r) => r.value >= 0), (r) => r.meterId)) {
    collect(meterId, intervalShares(readings.map(toReading), meters.get(meterId)!.interval_minutes! * 60_000));
  }

  // Registers: checked and counted among their stored neighbours, per meter and epoch.
  const registers = groupBy(newReadings.filter((r) => meters.get(r.meterId)!.kind === 'register'), (r) => `${r.meterId}|${r.epoch}`);
  const spans = [...registers.values()].map((readings) => ({
    meterId: readings[0]!.meterId, epoch: readings[0]!.epoch,
    from: new Date(Math.min(...readings.map((r) => r.at.getTime()))), to: new Date(Math.max(...readings.map((r) => r.at.getTime()))),
  }));
  const around = spans.length ? await repo.readingsAround(tx, tenantId, spans) : new Map<string, Reading[]>();
  const backwards: typeof newReadings = [];
  for (const [key, readings] of registers) {
    const isNew = new Set(readings.map((r) => r.at.getTime()));
    const window = { old: (around.get(key) ?? []).filter((r) => !isNew.has(r.at)), fresh: readings.map(toReading).sort((a, b) => a.at - b.at) };
    const checked = checkRegister(window);
    const refused = new Set(checked.backwards.map((r) => r.at));
    backwards.push(...readings.filter((r) => refused.has(r.at.getTime())));
    const meterId = readings[0]!.meterId;
    collect(meterId, registerDelta(window, checked.accepted, measuredSpanMs(meters.get(meterId)!.reading_minutes)));
  }
  await flag(backwards, 'backwards');

  await repo.addConsumption(tx, tenantId, timeZone, shares);
  report.accepted = newReadings.length - report.flagged.length;
  report.flagged.sort((a, b) => a.index - b.index);
  return report;
}

const toReading = (r: { at: Date; value: number }): Reading => ({ at: r.at.getTime(), value: r.value });

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
