// The spreading of consumption over hours: exact integers, whatever the sizes.
import { expect, it } from 'vitest';
import { seededRandom } from '../../seeded.ts';
import { HOUR_MS, spread, type HourShare } from './metering.consumption.ts';

/** The share of each hour as the definition says: cumulative shares rounded toward zero, in BigInt. */
function reference(from: number, to: number, consumption: number): Map<number, number> {
  const upTo = (t: number) => Number((BigInt(consumption) * BigInt(t - from)) / BigInt(to - from));
  const hours = new Map<number, number>();
  for (let hour = Math.floor(from / HOUR_MS) * HOUR_MS; hour < to; hour += HOUR_MS) {
    hours.set(hour, upTo(Math.min(to, hour + HOUR_MS)) - upTo(Math.max(from, hour)));
  }
  return hours;
}

it('gives every hour its share exactly and loses nothing, small spans and huge values alike', () => {
  const rand = seededRandom(20_261_206);
  const start = Date.UTC(2026, 0, 1);
  for (let i = 0; i < 2_000; i++) {
    const from = start + Math.floor(rand() * 1_000 * HOUR_MS);
    const to = from + 1 + Math.floor(rand() * (i % 10 === 0 ? 400 : 3) * HOUR_MS);
    // Up to 9·10^15: a register's thousandths far beyond any real meter, past where doubles stay exact.
    const consumption = Math.floor(rand() ** 4 * 9e15) * (i % 7 === 0 ? -1 : 1);
    const into = new Map<number, HourShare>();
    spread(into, from, to, consumption, 2 * HOUR_MS);
    const expected = reference(from, to, consumption);
    expect(new Map([...into].map(([hour, share]) => [hour, share.consumption]))).toEqual(expected);
    expect([...into.values()].reduce((sum, share) => sum + share.consumption, 0)).toBe(consumption);
  }
});
