// Consumption from readings, per UTC hour, in integers: the arithmetic of metering, without the
// database. A register's consumption between two readings is their difference, spread over the
// hours between them in proportion to time; an interval reading is the consumption of the
// minutes before it. Shares are cut so that they always add up to the whole (no unit is lost or
// made by rounding). Spans up to twice the meter's reading interval count as measured, longer
// ones (a meter that was silent) as estimated.

export const HOUR_MS = 3_600_000;

/** Readings further apart than this leave a gap: what was consumed in it is spread evenly, as an estimate. */
export const measuredSpanMs = (readingMinutes: number) => 2 * readingMinutes * 60_000;

export interface Reading { at: number; value: number }

/** What a span of consumption adds to one hour. */
export interface HourShare { hour: number; consumption: number; measuredS: number; estimatedS: number }

/** Adds `consumption` over [from, to) to the hours it covers, in proportion to time. */
export function spread(into: Map<number, HourShare>, from: number, to: number, consumption: number, measuredSpan: number, sign: 1 | -1 = 1): void {
  if (to <= from) return;
  const estimated = to - from > measuredSpan;
  // Cumulative share up to `t`, rounded toward zero: consecutive differences add up to the total
  // exactly. In doubles while the product stays below 2^52 (then the quotient cannot round across
  // an integer); in BigInt beyond.
  const upTo = Math.abs(consumption) * (to - from) < 2 ** 52
    ? (t: number) => Math.trunc((consumption * (t - from)) / (to - from))
    : (t: number) => Number((BigInt(consumption) * BigInt(t - from)) / BigInt(to - from));
  for (let hour = Math.floor(from / HOUR_MS) * HOUR_MS; hour < to; hour += HOUR_MS) {
    const start = Math.max(from, hour);
    const end = Math.min(to, hour + HOUR_MS);
    const seconds = Math.round((end - start) / 1000);
    let share = into.get(hour);
    if (!share) into.set(hour, share = { hour, consumption: 0, measuredS: 0, estimatedS: 0 });
    share.consumption += sign * (upTo(end) - upTo(start));
    if (estimated) share.estimatedS += sign * seconds;
    else share.measuredS += sign * seconds;
  }
}

/** A register's consecutive readings (sorted by time) as consumption per hour. */
export function registerShares(readings: readonly Reading[], measuredSpan: number, into = new Map<number, HourShare>(), sign: 1 | -1 = 1): Map<number, HourShare> {
  for (let i = 1; i < readings.length; i++) {
    spread(into, readings[i - 1]!.at, readings[i]!.at, readings[i]!.value - readings[i - 1]!.value, measuredSpan, sign);
  }
  return into;
}

/** Interval readings as consumption per hour: each covers the `intervalMs` before its time. */
export function intervalShares(readings: readonly Reading[], intervalMs: number, into = new Map<number, HourShare>(), sign: 1 | -1 = 1): Map<number, HourShare> {
  for (const reading of readings) spread(into, reading.at - intervalMs, reading.at, reading.value, intervalMs, sign);
  return into;
}

export interface Window {
  /** Accepted readings already stored around and between the new ones, sorted by time. */
  old: Reading[];
  /** The new readings, sorted by time. */
  fresh: Reading[];
}

/**
 * A register's new readings checked against what is stored: one below an earlier reading, or
 * above a later stored one, would make the register run backwards and is flagged. Returns the
 * accepted sequence (old and new) and the flagged new readings.
 */
export function checkRegister(window: Window): { accepted: Reading[]; backwards: Reading[] } {
  const all = [...window.old.map((r) => ({ ...r, fresh: false })), ...window.fresh.map((r) => ({ ...r, fresh: true }))].sort((a, b) => a.at - b.at);
  // The smallest stored value from each position on: a new reading may not exceed it.
  const ceiling: number[] = new Array(all.length + 1).fill(Number.POSITIVE_INFINITY);
  for (let i = all.length - 1; i >= 0; i--) ceiling[i] = all[i]!.fresh ? ceiling[i + 1]! : Math.min(all[i]!.value, ceiling[i + 1]!);
  const accepted: Reading[] = [];
  const backwards: Reading[] = [];
  let floor = Number.NEGATIVE_INFINITY;
  all.forEach((reading, i) => {
    const { at, value } = reading;
    if (reading.fresh && (value < floor || value > ceiling[i + 1]!)) {
      backwards.push({ at, value });
      return;
    }
    accepted.push({ at, value });
    floor = value;
  });
  return { accepted, backwards };
}

/** What a batch changes per hour for a register: the new sequence's shares minus the old one's. */
export function registerDelta(window: Window, accepted: readonly Reading[], measuredSpan: number): Map<number, HourShare> {
  const delta = registerShares(accepted, measuredSpan);
  return registerShares(window.old, measuredSpan, delta, -1);
}
