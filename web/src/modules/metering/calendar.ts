// The tenant's calendar in the browser: the server counts days, ISO weeks (from Monday) and months
// in the time zone of the tenant's country (/api/me says which), whatever zone the browser is in.
// A chart's window is a run of such periods; a period the server has no row for is a gap.


export type ChartPeriod = 'day' | 'week' | 'month';
export type Comparison = 'none' | 'previous' | 'lastYear';

/** How many periods a window shows: the last 31 days, 13 weeks or 12 months. */
export const WINDOW: Record<ChartPeriod, number> = { day: 31, week: 13, month: 12 };

/** A calendar day (month 1–12). */
export interface Day { y: number; m: number; d: number }

const fromUtc = (ms: number): Day => {
  const date = new Date(ms);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
};
const addDays = (day: Day, days: number): Day => fromUtc(Date.UTC(day.y, day.m - 1, day.d + days));
const addMonths = (day: Day, months: number): Day => fromUtc(Date.UTC(day.y, day.m - 1 + months, 1));

const partsFormat = new Map<string, Intl.DateTimeFormat>();
function wallClock(instant: number, timeZone: string) {
  let format = partsFormat.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    partsFormat.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(instant)).map((p) => [p.type, Number(p.value)]));
  return { y: parts.year!, m: parts.month!, d: parts.day!, h: parts.hour!, min: parts.minute!, s: parts.second! };
}

/** The day an instant falls on in the zone. */
export function dayIn(instant: number, timeZone: string): Day {
  const { y, m, d } = wallClock(instant, timeZone);
  return { y, m, d };
}

/** The instant a day starts in the zone (midnight always exists in the zones above). */
export function startOfDay(day: Day, timeZone: string): number {
  const wall = Date.UTC(day.y, day.m - 1, day.d);
  const offset = (at: number) => {
    const c = wallClock(at, timeZone);
    return Date.UTC(c.y, c.m - 1, c.d, c.h, c.min, c.s) - Math.floor(at / 1000) * 1000;
  };
  const guess = wall - offset(wall);
  return wall - offset(guess);
}

/** The first day of the period a day lies in. */
export function periodStart(period: ChartPeriod, day: Day): Day {
  if (period === 'day') return day;
  if (period === 'week') return addDays(day, -((new Date(Date.UTC(day.y, day.m - 1, day.d)).getUTCDay() + 6) % 7));
  return { y: day.y, m: day.m, d: 1 };
}

/** The first day of the period `n` periods after the one starting on `first`. */
export function stepPeriod(period: ChartPeriod, first: Day, n: number): Day {
  if (period === 'day') return addDays(first, n);
  if (period === 'week') return addDays(first, 7 * n);
  return addMonths(first, n);
}

export interface Bucket {
  /** The period's first day, in the tenant's calendar. */
  day: Day;
  start: number;
  /** Exclusive. */
  end: number;
}

/** The window's periods, starting with the one that starts on `first`. */
export function windowFrom(period: ChartPeriod, first: Day, timeZone: string): Bucket[] {
  return Array.from({ length: WINDOW[period] }, (_, i) => {
    const day = stepPeriod(period, first, i);
    return { day, start: startOfDay(day, timeZone), end: startOfDay(stepPeriod(period, first, i + 1), timeZone) };
  });
}

/** The first day of the window whose last period holds `lastDay`. */
export function windowStart(period: ChartPeriod, lastDay: Day): Day {
  return stepPeriod(period, periodStart(period, lastDay), 1 - WINDOW[period]);
}

/**
 * The first day of the window compared with: the window just before, or the same periods a year
 * earlier (the same dates; 52 weeks back, so weekdays line up).
 */
export function comparisonStart(period: ChartPeriod, first: Day, comparison: Exclude<Comparison, 'none'>): Day {
  if (comparison === 'previous') return stepPeriod(period, first, -WINDOW[period]);
  if (period === 'week') return stepPeriod(period, first, -52);
  if (period === 'month') return addMonths(first, -12);
  return fromUtc(Date.UTC(first.y - 1, first.m - 1, first.d));
}

/** 2026-03-09 */
export const isoDay = (day: Day) => `${day.y}-${String(day.m).padStart(2, '0')}-${String(day.d).padStart(2, '0')}`;
export function parseIsoDay(text: string): Day | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const day = { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) };
  const back = fromUtc(Date.UTC(day.y, day.m - 1, day.d));
  return back.y === day.y && back.m === day.m && back.d === day.d ? day : null;
}
/** A day as a Date at noon UTC: formatted with timeZone UTC it is that day everywhere. */
export const dayAsDate = (day: Day) => new Date(Date.UTC(day.y, day.m - 1, day.d, 12));
/** The ISO week number of the week starting on a Monday. */
export function isoWeek(monday: Day): number {
  const thursday = addDays(monday, 3);
  const jan1 = Date.UTC(thursday.y, 0, 1);
  return Math.floor((Date.UTC(thursday.y, thursday.m - 1, thursday.d) - jan1) / 86_400_000 / 7) + 1;
}
export const lastDayOf = (period: ChartPeriod, first: Day) => addDays(stepPeriod(period, first, 1), -1);
