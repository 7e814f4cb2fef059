// The consumption rows of a window, one per period whether the server has a row for it or not,
// with what the data rests on: measured, estimated (the meter was silent and the consumption
// between its readings is spread evenly), partly without data, or none at all (a gap). Labels in
// the user's language and the CSV of the table.
import type { TFunction } from 'i18next';
import { formatCalendar, formatCalendarRange, formatNumber } from '../../format.ts';
import { dayAsDate, isoWeek, lastDayOf, type Bucket, type ChartPeriod } from './calendar.ts';
import { unitSymbol, type ConsumptionRow } from './metering.api.ts';

export type DataStatus = 'measured' | 'estimated' | 'partial' | 'none';

export interface PeriodData {
  bucket: Bucket;
  /** Null: no data at all (a gap). */
  consumption: number | null;
  measuredSeconds: number;
  estimatedSeconds: number;
  status: DataStatus;
}

/** The chart's colours (Mantine's blue 6 and grey 6), also in the legend on the page. */
export const COLORS = { current: '#228be6', comparison: '#868e96', gap: '#adb5bd' };

/** Rounding of the seconds the server counts per hour. */
const SLACK_S = 60;

/**
 * The server's rows placed in the window's periods. A row belongs to the period it starts in (the
 * server's calendar and ours are the same; if not, nothing is lost, only summed). A period still
 * running counts as complete when its data reaches up to now.
 */
export function periodData(buckets: Bucket[], rows: ConsumptionRow[], now = Date.now()): PeriodData[] {
  const data = buckets.map((bucket): PeriodData => ({ bucket, consumption: null, measuredSeconds: 0, estimatedSeconds: 0, status: 'none' }));
  for (const row of rows) {
    const at = Date.parse(row.startsAt);
    const period = data.find((p) => p.bucket.start <= at && at < p.bucket.end);
    if (!period) continue;
    period.consumption = (period.consumption ?? 0) + row.consumption;
    period.measuredSeconds += row.measuredSeconds;
    period.estimatedSeconds += row.estimatedSeconds;
  }
  for (const p of data) {
    const covered = p.measuredSeconds + p.estimatedSeconds;
    const elapsed = Math.max(0, Math.min(p.bucket.end, now) - p.bucket.start) / 1000;
    if (p.consumption === null || (covered === 0 && p.consumption === 0)) {
      p.consumption = null;
      p.status = 'none';
    } else if (p.estimatedSeconds > 0) p.status = 'estimated';
    else if (covered < elapsed - SLACK_S) p.status = 'partial';
    else p.status = 'measured';
  }
  return data;
}

/** The share of the whole period (0–1) a number of seconds covers. */
export const shareOf = (p: PeriodData, seconds: number) => seconds / ((p.bucket.end - p.bucket.start) / 1000);

export const total = (data: PeriodData[]) => data.reduce((sum, p) => sum + (p.consumption ?? 0), 0);

/** Decimals worth showing: kWh to the hundredth, the larger units to the thousandth. */
export const formatConsumption = (value: number, unit: string) =>
  `${formatNumber(value, { maximumFractionDigits: unit === 'kWh' ? 2 : 3 })} ${unitSymbol(unit)}`;

export const formatShare = (share: number) => formatNumber(share, { style: 'percent', maximumFractionDigits: 0 });

const UTC = { timeZone: 'UTC' } as const;

/** Under a bar: 9 Mar; a week by its Monday; a month as Mar 26. */
export function axisLabel(period: ChartPeriod, bucket: Bucket): string {
  if (period === 'month') return formatCalendar(dayAsDate(bucket.day), { ...UTC, month: 'short', year: '2-digit' });
  return formatCalendar(dayAsDate(bucket.day), { ...UTC, day: 'numeric', month: 'short' });
}

/** In the table and the tooltip: Mon, 9 Mar 2026; Week 11 (9–15 Mar 2026); March 2026. */
export function periodLabel(t: TFunction, period: ChartPeriod, bucket: Bucket): string {
  const first = dayAsDate(bucket.day);
  if (period === 'day') return formatCalendar(first, { ...UTC, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
  if (period === 'month') return formatCalendar(first, { ...UTC, month: 'long', year: 'numeric' });
  const dates = formatCalendarRange(first, dayAsDate(lastDayOf('week', bucket.day)), { ...UTC, day: 'numeric', month: 'short', year: 'numeric' });
  return t('metering:periods.week', { week: isoWeek(bucket.day), dates });
}

/** A window's dates: 9 Feb – 11 Mar 2026. */
export function windowLabel(period: ChartPeriod, buckets: Bucket[]): string {
  const first = buckets[0]!;
  const last = buckets[buckets.length - 1]!;
  return formatCalendarRange(dayAsDate(first.day), dayAsDate(lastDayOf(period, last.day)), { ...UTC, day: 'numeric', month: 'short', year: 'numeric' });
}

const csvField = (value: string) => (/[",;\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** As the server's CSV exports: a byte-order mark for spreadsheet programs, commas, CRLF. */
export function toCsv(rows: string[][]): string {
  return '\uFEFF' + rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}


