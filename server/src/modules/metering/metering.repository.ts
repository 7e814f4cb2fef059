// The metering tables. Every function takes the tenant; row-level security holds it too.
import { sql, type ExpressionBuilder } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Tx } from '../../db/scope.ts';
import { HOUR_MS, type HourShare, type Reading } from './metering.consumption.ts';

export type MeterKind = 'register' | 'interval';
export type Medium = 'heat' | 'electricity' | 'water_cold' | 'water_hot' | 'gas' | 'ev_charging' | 'laundry';
export type MeterUnit = 'kWh' | 'MWh' | 'm3' | 'GJ';

export interface NewMeter {
  siteId: string; unitId: string | null; name: string; serial: string; medium: Medium; unit: MeterUnit; kind: MeterKind; intervalMinutes: number | null;
  /** How often a register is read (default hourly). */
  readingMinutes?: number;
}

const meterColumns = ['id', 'site_id', 'unit_id', 'name', 'serial', 'medium', 'unit', 'kind', 'interval_minutes', 'reading_minutes', 'created_at'] as const;

export function insertMeter(tx: Tx, tenantId: string, meter: NewMeter) {
  return tx.insertInto('meters').values({
    tenant_id: tenantId, site_id: meter.siteId, unit_id: meter.unitId, name: meter.name, serial: meter.serial, medium: meter.medium, unit: meter.unit,
    kind: meter.kind, interval_minutes: meter.intervalMinutes, reading_minutes: meter.intervalMinutes ?? meter.readingMinutes ?? 60,
  }).returning(meterColumns).executeTakeFirstOrThrow();
}

/** The label of the meter's unit (the flat, the garage), if it has one. */
const unitLabel = (eb: ExpressionBuilder<Database, 'meters'>) => eb.selectFrom('units').select('label')
  .whereRef('units.tenant_id', '=', 'meters.tenant_id').whereRef('units.id', '=', 'meters.unit_id').as('unit_label');

export function findMeter(tx: Tx, tenantId: string, meterId: string) {
  return tx.selectFrom('meters').select(meterColumns).select(unitLabel).where('tenant_id', '=', tenantId).where('id', '=', meterId).executeTakeFirst();
}

/** `siteLevel`: only the meters of the site itself (none of a unit). */
export function listMeters(tx: Tx, tenantId: string, filter: { siteId?: string; unitIds?: string[]; siteLevel?: boolean }) {
  let query = tx.selectFrom('meters').select(meterColumns).select(unitLabel).where('tenant_id', '=', tenantId);
  if (filter.siteId) query = query.where('site_id', '=', filter.siteId);
  if (filter.siteLevel) query = query.where('unit_id', 'is', null);
  if (filter.unitIds) query = filter.unitIds.length ? query.where('unit_id', 'in', filter.unitIds) : query.where(sql<boolean>`false`);
  return query.orderBy('name').orderBy('serial').limit(1000).execute();
}

/** The meters of a batch by id (or by serial), locked in id order: batches of the same meter take turns, and never deadlock. */
export function lockMeters(tx: Tx, tenantId: string, ids: string[]) {
  return tx.selectFrom('meters').select(['id', 'serial', 'kind', 'interval_minutes', 'reading_minutes'])
    .where('tenant_id', '=', tenantId).where('id', 'in', ids).orderBy('id').forUpdate().execute();
}

export async function meterIdsBySerial(tx: Tx, tenantId: string, serials: string[]): Promise<Map<string, string>> {
  if (serials.length === 0) return new Map();
  const rows = await tx.selectFrom('meters').select(['id', 'serial']).where('tenant_id', '=', tenantId).where('serial', 'in', serials).execute();
  return new Map(rows.map((r) => [r.serial, r.id]));
}

/** Replacement times per meter, ascending: a reading's register epoch is how many lie at or before it. */
export async function replacementsOf(tx: Tx, tenantId: string, meterIds: string[]): Promise<Map<string, number[]>> {
  const rows = await tx.selectFrom('meter_replacements').select(['meter_id', 'replaced_at'])
    .where('tenant_id', '=', tenantId).where('meter_id', 'in', meterIds).orderBy('replaced_at').execute();
  const byMeter = new Map<string, number[]>();
  for (const row of rows) byMeter.set(row.meter_id, [...(byMeter.get(row.meter_id) ?? []), row.replaced_at.getTime()]);
  return byMeter;
}

/** A reading to store: `at` in milliseconds since 1970, `value` in thousandths of the meter's unit. */
export interface NewReading { meterId: string; epoch: number; at: number; value: number; flagged: 'backwards' | 'negative' | null; temperatureMc: number | null }

/** Stores a batch's new readings. The caller has locked their meters and checked that none is stored yet. */
export async function insertReadings(tx: Tx, tenantId: string, readings: NewReading[]): Promise<void> {
  if (readings.length === 0) return;
  await sql`
    INSERT INTO meter_readings (tenant_id, meter_id, epoch, read_at, value, flagged, temperature_mc)
    SELECT ${tenantId}::uuid, r.meter_id, r.epoch, timestamptz 'epoch' + r.at_ms * interval '1 millisecond', r.value, r.flagged, r.temperature_mc
    FROM unnest(${readings.map((r) => r.meterId)}::uuid[], ${readings.map((r) => r.epoch)}::int[],
      ${readings.map((r) => r.at)}::bigint[], ${readings.map((r) => r.value)}::bigint[], ${readings.map((r) => r.flagged)}::text[],
      ${readings.map((r) => r.temperatureMc)}::int[])
      AS r(meter_id, epoch, at_ms, value, flagged, temperature_mc)`.execute(tx);
}

export interface Span { meterId: string; epoch: number; from: Date; to: Date; register: boolean }
export interface StoredReading extends Reading { flagged: boolean }

/**
 * What is stored where a batch's readings fall, per meter and epoch (key `meterId|epoch`), in
 * time order: every reading from `from` to `to`, flagged or not (a time sent again is a repeat or
 * a conflict), and for a register the accepted readings just before and just after (the new
 * readings' consumption is counted from them).
 */
export async function readingsAround(tx: Tx, tenantId: string, spans: Span[]): Promise<Map<string, StoredReading[]>> {
  const bySpan = new Map<string, StoredReading[]>();
  if (spans.length === 0) return bySpan;
  const rows = await sql<{ meter_id: string; epoch: number; read_at: Date; value: string; flagged: boolean }>`
    SELECT s.meter_id, s.epoch, w.read_at, w.value, w.flagged
    FROM unnest(${spans.map((s) => s.meterId)}::uuid[], ${spans.map((s) => s.epoch)}::int[],
      ${spans.map((s) => s.from.toISOString())}::timestamptz[], ${spans.map((s) => s.to.toISOString())}::timestamptz[], ${spans.map((s) => s.register)}::boolean[])
      AS s(meter_id, epoch, lo, hi, register)
    CROSS JOIN LATERAL (
      (SELECT read_at, value, false AS flagged FROM meter_readings r WHERE s.register AND r.tenant_id = ${tenantId}::uuid AND r.meter_id = s.meter_id
         AND r.epoch = s.epoch AND r.read_at < s.lo AND r.flagged IS NULL ORDER BY r.read_at DESC LIMIT 1)
      UNION ALL
      (SELECT read_at, value, flagged IS NOT NULL FROM meter_readings r WHERE r.tenant_id = ${tenantId}::uuid AND r.meter_id = s.meter_id
         AND r.epoch = s.epoch AND r.read_at BETWEEN s.lo AND s.hi)
      UNION ALL
      (SELECT read_at, value, false FROM meter_readings r WHERE s.register AND r.tenant_id = ${tenantId}::uuid AND r.meter_id = s.meter_id
         AND r.epoch = s.epoch AND r.read_at > s.hi AND r.flagged IS NULL ORDER BY r.read_at LIMIT 1)
    ) w`.execute(tx);
  for (const row of rows.rows) {
    const key = `${row.meter_id}|${row.epoch}`;
    let list = bySpan.get(key);
    if (!list) bySpan.set(key, list = []);
    list.push({ at: row.read_at.getTime(), value: Number(row.value), flagged: row.flagged });
  }
  for (const list of bySpan.values()) list.sort((a, b) => a.at - b.at);
  return bySpan;
}

export interface HourDelta extends HourShare { meterId: string }

const HOURS_PER_DAY = 24;
const DAY_MS = 86_400_000;

/**
 * Adds per-hour changes to every period they fall in: the hour itself (24 to a row per UTC day)
 * and its day, week, month and year in `timeZone`. One statement for the hours, one for the rest.
 */
export async function addConsumption(tx: Tx, tenantId: string, timeZone: string, deltas: HourDelta[]): Promise<void> {
  const changed = deltas.filter((d) => d.consumption !== 0 || d.measuredS !== 0 || d.estimatedS !== 0);
  if (changed.length === 0) return;
  const days = new Map<string, { meterId: string; day: number; consumption: number[]; measuredS: number[]; estimatedS: number[] }>();
  for (const d of changed) {
    const day = Math.floor(d.hour / DAY_MS) * DAY_MS;
    const key = `${d.meterId}|${day}`;
    let row = days.get(key);
    if (!row) {
      const zeros = () => new Array<number>(HOURS_PER_DAY).fill(0);
      days.set(key, row = { meterId: d.meterId, day, consumption: zeros(), measuredS: zeros(), estimatedS: zeros() });
    }
    const i = (d.hour - day) / HOUR_MS;
    row.consumption[i]! += d.consumption;
    row.measuredS[i]! += d.measuredS;
    row.estimatedS[i]! += d.estimatedS;
  }
  const rows = [...days.values()];
  // Arrays of arrays do not pass through unnest(): the rows' hours go flat, 24 per row, and each row takes its slice.
  await sql`
    INSERT INTO meter_hours AS h (tenant_id, meter_id, day, consumption, measured_s, estimated_s)
    SELECT ${tenantId}::uuid, d.meter_id, d.day, v.c[d.i * 24 - 23 : d.i * 24], v.m[d.i * 24 - 23 : d.i * 24], v.e[d.i * 24 - 23 : d.i * 24]
    FROM unnest(${rows.map((r) => r.meterId)}::uuid[], ${rows.map((r) => new Date(r.day).toISOString().slice(0, 10))}::date[]) WITH ORDINALITY AS d(meter_id, day, i),
      (SELECT ${rows.flatMap((r) => r.consumption)}::bigint[] AS c, ${rows.flatMap((r) => r.measuredS)}::int[] AS m, ${rows.flatMap((r) => r.estimatedS)}::int[] AS e) v
    ON CONFLICT (tenant_id, meter_id, day) DO UPDATE SET (consumption, measured_s, estimated_s) = (
      SELECT array_agg(c + dc ORDER BY i), array_agg(m + dm ORDER BY i), array_agg(e + de ORDER BY i)
      FROM unnest(h.consumption, excluded.consumption, h.measured_s, excluded.measured_s, h.estimated_s, excluded.estimated_s)
        WITH ORDINALITY AS x(c, dc, m, dm, e, de, i))`.execute(tx);
  // Hours first summed into the tenant's days (one time-zone conversion per hour), days into weeks, months and years.
  await sql`
    WITH days AS (
      SELECT d.meter_id, date_trunc('day', (timestamptz 'epoch' + d.hour_ms * interval '1 millisecond') AT TIME ZONE ${timeZone}) AS day,
        sum(d.consumption) AS consumption, sum(d.measured_s) AS measured_s, sum(d.estimated_s) AS estimated_s
      FROM unnest(${changed.map((d) => d.meterId)}::uuid[], ${changed.map((d) => d.hour)}::bigint[],
        ${changed.map((d) => d.consumption)}::bigint[], ${changed.map((d) => d.measuredS)}::int[], ${changed.map((d) => d.estimatedS)}::int[])
        AS d(meter_id, hour_ms, consumption, measured_s, estimated_s)
      GROUP BY 1, 2
    )
    INSERT INTO meter_consumption AS c (tenant_id, meter_id, period, starts_at, consumption, measured_s, estimated_s)
    SELECT ${tenantId}::uuid, d.meter_id, p.period, date_trunc(p.period, d.day) AT TIME ZONE ${timeZone}, sum(d.consumption), sum(d.measured_s), sum(d.estimated_s)
    FROM days d CROSS JOIN (VALUES ('day'), ('week'), ('month'), ('year')) AS p(period)
    GROUP BY 1, 2, 3, 4
    ON CONFLICT (tenant_id, meter_id, period, starts_at) DO UPDATE SET
      consumption = c.consumption + excluded.consumption, measured_s = c.measured_s + excluded.measured_s, estimated_s = c.estimated_s + excluded.estimated_s`.execute(tx);
}

/** A meter's accepted readings, per epoch, in time order (for recomputing from scratch). */
export async function acceptedReadings(tx: Tx, tenantId: string, meterId: string): Promise<Map<number, Reading[]>> {
  const rows = await tx.selectFrom('meter_readings').select(['epoch', 'read_at', 'value'])
    .where('tenant_id', '=', tenantId).where('meter_id', '=', meterId).where('flagged', 'is', null).orderBy('epoch').orderBy('read_at').execute();
  const byEpoch = new Map<number, Reading[]>();
  for (const row of rows) byEpoch.set(row.epoch, [...(byEpoch.get(row.epoch) ?? []), { at: row.read_at.getTime(), value: Number(row.value) }]);
  return byEpoch;
}

export type Period = 'hour' | 'day' | 'week' | 'month' | 'year';

/** A meter's consumption per period starting from `from` to `to`, in time order; periods without a row have no data. */
export async function consumptionOf(tx: Tx, tenantId: string, meterId: string, period: Period, from: Date, to: Date) {
  if (period === 'hour') return hoursOf(tx, tenantId, meterId, from, to);
  return tx.selectFrom('meter_consumption').select(['starts_at', 'consumption', 'measured_s', 'estimated_s'])
    .where('tenant_id', '=', tenantId).where('meter_id', '=', meterId).where('period', '=', period)
    .where('starts_at', '>=', from).where('starts_at', '<', to).orderBy('starts_at').execute();
}

/** The hours of `meter_hours` from `from` to `to` as rows, leaving out the hours without anything. */
async function hoursOf(tx: Tx, tenantId: string, meterId: string, from: Date, to: Date) {
  const rows = await sql<{ starts_at: Date; consumption: string; measured_s: number; estimated_s: number }>`
    SELECT x.starts_at, x.consumption, x.measured_s, x.estimated_s
    FROM meter_hours h
    CROSS JOIN LATERAL (
      SELECT (h.day + make_interval(hours => i::int - 1)) AT TIME ZONE 'UTC' AS starts_at, c AS consumption, m AS measured_s, e AS estimated_s
      FROM unnest(h.consumption, h.measured_s, h.estimated_s) WITH ORDINALITY AS u(c, m, e, i)
    ) x
    WHERE h.tenant_id = ${tenantId}::uuid AND h.meter_id = ${meterId}::uuid
      AND h.day BETWEEN (${from}::timestamptz AT TIME ZONE 'UTC')::date AND (${to}::timestamptz AT TIME ZONE 'UTC')::date
      AND x.starts_at >= ${from}::timestamptz AND x.starts_at < ${to}::timestamptz
      AND (x.consumption <> 0 OR x.measured_s <> 0 OR x.estimated_s <> 0)
    ORDER BY x.starts_at`.execute(tx);
  return rows.rows;
}

export async function latestReadingAt(tx: Tx, tenantId: string, meterId: string): Promise<Date | null> {
  const row = await tx.selectFrom('meter_readings').select((eb) => eb.fn.max('read_at').as('latest'))
    .where('tenant_id', '=', tenantId).where('meter_id', '=', meterId).executeTakeFirst();
  return row?.latest ?? null;
}

/** Records the exchange and gives the metering point the new device's serial number. */
export async function insertReplacement(tx: Tx, tenantId: string, r: { meterId: string; at: Date; oldSerial: string; newSerial: string; finalValue: number; initialValue: number }) {
  await tx.insertInto('meter_replacements').values({
    tenant_id: tenantId, meter_id: r.meterId, replaced_at: r.at, old_serial: r.oldSerial, new_serial: r.newSerial, final_value: r.finalValue, initial_value: r.initialValue,
  }).execute();
  await tx.updateTable('meters').set({ serial: r.newSerial }).where('tenant_id', '=', tenantId).where('id', '=', r.meterId).execute();
}

/** The units a person lives in or uses on `today` (their occupancies). */
export async function unitsOfPerson(tx: Tx, tenantId: string, personId: string, today: string): Promise<string[]> {
  const rows = await tx.selectFrom('occupancies').select('unit_id').distinct()
    .where('tenant_id', '=', tenantId).where('person_id', '=', personId).where('starts_on', '<=', today)
    .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', today)])).execute();
  return rows.map((r) => r.unit_id);
}

/** The starts of every period from `from` to `to` in `timeZone` (hours in UTC), with or without data. */
export async function periodStarts(tx: Tx, period: Period, from: Date, to: Date, timeZone: string): Promise<Date[]> {
  const rows = period === 'hour'
    ? await sql<{ starts_at: Date }>`SELECT generate_series(date_trunc('hour', ${from}::timestamptz), ${to}::timestamptz - interval '1 microsecond', interval '1 hour') AS starts_at`.execute(tx)
    : await sql<{ starts_at: Date }>`
      SELECT (s AT TIME ZONE ${timeZone}) AS starts_at
      FROM generate_series(date_trunc(${period}, ${from}::timestamptz AT TIME ZONE ${timeZone}),
        (${to}::timestamptz - interval '1 microsecond') AT TIME ZONE ${timeZone}, ('1 ' || ${period})::interval) AS s`.execute(tx);
  return rows.rows.map((r) => r.starts_at);
}

export function siteName(tx: Tx, tenantId: string, siteId: string) {
  return tx.selectFrom('sites').select('name').where('tenant_id', '=', tenantId).where('id', '=', siteId).executeTakeFirstOrThrow();
}

/**
 * Every meter of a site with its consumption in one period (a month, say) and in two earlier
 * ones: the rows of a site's monthly report, in one statement over the aggregates.
 */
export function siteConsumption(tx: Tx, tenantId: string, siteId: string, period: 'month' | 'year', starts: Date[], { siteLevel = false } = {}) {
  return sql<{ id: string; name: string; serial: string; medium: string; unit: string; unit_id: string | null; unit_label: string | null; starts_at: Date | null; consumption: string | null; measured_s: number | null; estimated_s: number | null }>`
    SELECT m.id, m.name, m.serial, m.medium, m.unit, m.unit_id, u.label AS unit_label, c.starts_at, c.consumption, c.measured_s, c.estimated_s
    FROM meters m
    LEFT JOIN units u ON u.tenant_id = m.tenant_id AND u.id = m.unit_id
    LEFT JOIN meter_consumption c ON c.tenant_id = m.tenant_id AND c.meter_id = m.id AND c.period = ${period}
      AND c.starts_at = ANY(${starts.map((s) => s.toISOString())}::timestamptz[])
    WHERE m.tenant_id = ${tenantId}::uuid AND m.site_id = ${siteId}::uuid AND (NOT ${siteLevel}::boolean OR m.unit_id IS NULL)
    ORDER BY m.unit_id NULLS FIRST, u.label, m.name, m.serial`.execute(tx).then((r) => r.rows);
}

/** The start of the month `YYYY-MM` in `timeZone`, and of the month before and the same month a year before. */
export async function monthStarts(tx: Tx, month: string, timeZone: string): Promise<{ month: Date; previous: Date; lastYear: Date; end: Date }> {
  const row = await sql<{ month: Date; previous: Date; last_year: Date; end: Date }>`
    SELECT (d::timestamp AT TIME ZONE ${timeZone}) AS month, ((d - interval '1 month')::timestamp AT TIME ZONE ${timeZone}) AS previous,
      ((d - interval '1 year')::timestamp AT TIME ZONE ${timeZone}) AS last_year, ((d + interval '1 month')::timestamp AT TIME ZONE ${timeZone}) AS end
    FROM (SELECT ${`${month}-01`}::date AS d) x`.execute(tx);
  const r = row.rows[0]!;
  return { month: r.month, previous: r.previous, lastYear: r.last_year, end: r.end };
}
