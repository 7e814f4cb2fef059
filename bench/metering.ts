// Metering on PostgreSQL (BENCH_DATABASE_URL or TEST_DATABASE_URL), on a fresh database: a tenant
// in Austria (Europe/Vienna) with BENCH_METERING_METERS meters (default 1,000, on one site; every
// tenth an hourly interval meter, the rest registers read hourly), seeded as the owner. Parts, in
// this order (BENCH_METERING_PARTS, comma-separated, default all):
//   year        year_load: one year (2025, 8,760 hourly readings per meter) of the first
//               BENCH_METERING_YEAR_METERS meters (default all) through the real path, timed.
//   ingest      ingest_readings_per_s: the readings that follow (January 2026) of all meters,
//               through the real path, beside a baseline of a raw COPY of the same rows into
//               meter_readings as it stands without our path (a copy of it: its columns, primary
//               key and stored readings), and a COPY into a plain table with the same columns and
//               no key, in alternating rounds.
//   statements  ingest_statements: a few more batches one at a time, with the time of each
//               statement of ingestReadings measured from the client: where a batch's time goes.
//   queries     chart_latency: a meter's daily consumption over 2025 (repo.consumptionOf, as GET
//               /api/meters/{id}/consumption?period=day does), beside the same aggregate computed
//               from the raw readings; site_report_latency: a site's monthly report of its 1,000
//               meters as siteMonthlyReport reads it (March 2025, the month before, March 2024);
//               month_days_report_latency: each meter's month row and the sum of its day rows.
// The real path is what POST /api/meters/readings does after parsing: inTenant (BEGIN, role and
// tenant), the tenant's time zone, ingestReadings, COMMIT. Readings arrive as from
// BENCH_METERING_CLIENTS SCADA clients (default 4) at once, each sending the readings of its own
// share of the meters in requests of BENCH_METERING_BATCH readings (default 5,000): its meters'
// readings of consecutive hours, in time order. While readings load, ANALYZE runs every 10 s, as
// autovacuum would on a production server. Prints JSON lines; never fails on a time.
import { cpus, loadavg } from 'node:os';
import { sql, PostgresQueryCompiler, type KyselyPlugin, type PluginTransformQueryArgs, type PluginTransformResultArgs, type QueryResult, type RootOperationNode, type UnknownRow } from 'kysely';
import pg from 'pg';
import type { DatabaseHandle, Db } from '../server/src/db/client.ts';
import { openDatabase } from '../server/src/db/client.ts';
import { migrate } from '../server/src/db/migrate.ts';
import { executeScript } from '../server/src/db/script.ts';
import { createScratchDatabase } from '../server/src/db/scratch.ts';
import { inTenant } from '../server/src/db/scope.ts';
import { ingestReadings, type IncomingReading } from '../server/src/modules/metering/metering.ingest.ts';
import * as repo from '../server/src/modules/metering/metering.repository.ts';
import { timeZoneOf } from '../server/src/modules/tenancy/countries.ts';
import { copyFrom } from './lib/copy.ts';

const env = (name: string, fallback: number) => Number(process.env[name] || fallback);
const METERS = env('BENCH_METERING_METERS', 1_000);
const YEAR_METERS = Math.min(METERS, env('BENCH_METERING_YEAR_METERS', METERS));
const CLIENTS = env('BENCH_METERING_CLIENTS', 4);
const BATCH = env('BENCH_METERING_BATCH', 5_000);
/** Ingest part: alternating rounds, each client sending this many requests per round and metric. */
const ROUNDS = env('BENCH_METERING_ROUNDS', 4);
const REQUESTS_PER_ROUND = env('BENCH_METERING_REQUESTS', 3);
const STATEMENT_BATCHES = env('BENCH_METERING_STATEMENT_BATCHES', 12);
const CHARTS = env('BENCH_METERING_CHARTS', 400);
const REPORTS = env('BENCH_METERING_REPORTS', 60);
/** BENCH_METERING_KEEP=1: keep the database afterwards (its URL is printed) to EXPLAIN on real data. */
const KEEP = process.env.BENCH_METERING_KEEP === '1';
const postgresUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;

/** A large estate: its monthly report covers all of its meters (1,000 by default). */
const METERS_PER_SITE = 1_000;
const COUNTRY = 'AT';
const TIME_ZONE = timeZoneOf(COUNTRY);
const HOUR_MS = 3_600_000;
/** 2025-01-01 00:00 in Vienna; the year's readings are at every hour from here. */
const YEAR_START = Date.UTC(2024, 11, 31, 23);
const YEAR_HOURS = 8_760;
const YEAR_END = Date.UTC(2025, 11, 31, 23);
/** The report's month: March 2025 in Vienna (31 days, one of them 23 hours long). */
const REPORT_MONTH = '2025-03-01';
const NOW = new Date();
const GOALS = { readingsPerS: 50_000, ratio: 0.3, chartP95Ms: 50, reportP95Ms: 500 };

const print = (metric: string, fields: object) => console.log(JSON.stringify({ bench: 'metering', scenario: 'postgres', metric, ...fields }));
const progress = (message: string) => console.error(`[metering ${new Date().toISOString().slice(11, 19)}] ${message}`);
const round = (value: number, digits = 1) => Number(value.toFixed(digits));

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * p) - 1))] ?? 0;
}
const latencies = (samples: number[]) => ({ p50_ms: round(percentile(samples, 0.5), 2), p95_ms: round(percentile(samples, 0.95), 2), p99_ms: round(percentile(samples, 0.99), 2) });

// ---- the readings ----

interface Meter { index: number; id: string; serial: string; kind: 'register' | 'interval'; siteId: string }

/** Wh consumed by meter `m` in the hour starting `k` hours after YEAR_START: 0.1 to 2.0 kWh, fixed by (m, k). */
const consumptionWh = (m: number, k: number) => 100 + ((((m * 7_919 + k * 104_729 + ((k * k) % 613)) % 1_901) + 1_901) % 1_901);
/** A register's value at the start of the year. */
const startValueWh = (m: number) => 1_000_000 + m * 12_345;

interface Batch { readings: IncomingReading[]; copy: string; count: number }

/**
 * One SCADA client: the readings of its meters, hour after hour from `fromHour` (hours after
 * YEAR_START), in requests of about BATCH readings (its meters' readings of whole hours).
 */
class ReadingStream {
  readonly hoursPerBatch: number;
  #hour: number;
  readonly #registers = new Map<number, number>();

  constructor(readonly meters: Meter[], readonly tenantId: string, fromHour: number, hoursPerBatch: number, readonly untilHour = Number.POSITIVE_INFINITY) {
    this.hoursPerBatch = hoursPerBatch;
    this.#hour = fromHour;
    // A register's value is a function of the meter and the hour, wherever a stream starts.
    // Kept: the value at the reading before `fromHour` (start + the hours up to it).
    for (const meter of meters) {
      let value = startValueWh(meter.index);
      for (let k = 0; k < fromHour - 1; k++) value += consumptionWh(meter.index, k);
      this.#registers.set(meter.index, value);
    }
  }

  get done(): boolean { return this.#hour >= this.untilHour; }

  next(): Batch {
    const readings: IncomingReading[] = [];
    const lines: string[] = [];
    const until = Math.min(this.untilHour, this.#hour + this.hoursPerBatch);
    for (; this.#hour < until; this.#hour++) {
      const k = this.#hour;
      const at = new Date(YEAR_START + k * HOUR_MS);
      const iso = at.toISOString();
      for (const meter of this.meters) {
        let wh: number;
        if (meter.kind === 'interval') {
          wh = consumptionWh(meter.index, k - 1);
        } else {
          // The register has counted the hour before this reading.
          if (k >= 1) this.#registers.set(meter.index, this.#registers.get(meter.index)! + consumptionWh(meter.index, k - 1));
          wh = this.#registers.get(meter.index)!;
        }
        readings.push({ meter: meter.serial, at, value: wh / 1000 });
        lines.push(`${this.tenantId}\t${meter.id}\t0\t${iso}\t${wh}\n`);
      }
    }
    return { readings, copy: lines.join(''), count: readings.length };
  }
}

/** Clients each with every CLIENTS-th meter of `meters`, all sending the same hours per request (so that they stay in step). */
function streams(meters: Meter[], tenantId: string, fromHour: number, untilHour?: number): ReadingStream[] {
  const hoursPerBatch = Math.max(1, Math.round(BATCH / Math.ceil(meters.length / CLIENTS)));
  return Array.from({ length: CLIENTS }, (_, c) => new ReadingStream(meters.filter((m) => m.index % CLIENTS === c), tenantId, fromHour, hoursPerBatch, untilHour))
    .filter((s) => s.meters.length > 0);
}

// ---- setup ----

async function seed(handle: DatabaseHandle): Promise<{ tenantId: string; meters: Meter[] }> {
  return handle.asOwner(async (owner) => {
    const tenant = await owner.insertInto('tenants').values({
      name: 'Bench Messdienst', short_code: 'meter', country: COUNTRY, currency: 'EUR', default_language: 'de', operating_mode: 'platform_billing',
    }).returning('id').executeTakeFirstOrThrow();
    const sites = Math.ceil(METERS / METERS_PER_SITE);
    await sql`INSERT INTO sites (tenant_id, name, street, postal_code, city, country)
      SELECT ${tenant.id}::uuid, 'Wohnanlage ' || lpad(n::text, 3, '0'), 'Benchgasse ' || n, '1010', 'Wien', 'AT' FROM generate_series(1, ${sites}::int) n`.execute(owner);
    await sql`INSERT INTO meters (tenant_id, site_id, name, serial, medium, unit, kind, interval_minutes)
      SELECT ${tenant.id}::uuid, s.id, 'Zähler ' || n, 'BM-' || lpad(n::text, 6, '0'),
        CASE WHEN n % 10 = 9 THEN 'electricity' ELSE 'heat' END, 'kWh',
        CASE WHEN n % 10 = 9 THEN 'interval' ELSE 'register' END, CASE WHEN n % 10 = 9 THEN 60 END
      FROM generate_series(0, ${METERS - 1}::int) n
      JOIN (SELECT id, row_number() OVER (ORDER BY name) - 1 AS k FROM sites WHERE tenant_id = ${tenant.id}) s ON s.k = n / ${METERS_PER_SITE}`.execute(owner);
    await sql`ANALYZE`.execute(owner);
    const rows = await owner.selectFrom('meters').select(['id', 'serial', 'kind', 'site_id']).where('tenant_id', '=', tenant.id).orderBy('serial').execute();
    return { tenantId: tenant.id, meters: rows.map((r, index) => ({ index, id: r.id, serial: r.serial, kind: r.kind, siteId: r.site_id })) };
  });
}

/** The real path of POST /api/meters/readings after parsing (submitReadings without the actor check). */
async function ingest(db: Db, tenantId: string, readings: IncomingReading[]) {
  const report = await inTenant(db, tenantId, async (tx) => {
    const tenant = await tx.selectFrom('tenants').select('country').where('id', '=', tenantId).executeTakeFirstOrThrow();
    return ingestReadings(tx, tenantId, timeZoneOf(tenant.country), readings, NOW);
  });
  if (report.accepted !== readings.length) throw new Error(`ingest: ${JSON.stringify({ ...report, conflicts: report.conflicts.length, flagged: report.flagged.slice(0, 3) })}`);
  return report;
}

/** What autovacuum's ANALYZE does on a production server while tables grow (this server runs without it). */
function analyzeEvery(handle: DatabaseHandle, ms: number): () => void {
  const timer = setInterval(() => { void handle.asOwner((owner) => sql`ANALYZE meter_readings, meter_hours, meter_consumption`.execute(owner)).catch(() => {}); }, ms);
  return () => clearInterval(timer);
}

/** Runs every stream to its end, one lane per client; returns the elapsed time and the request latencies. */
async function drain(lanes: ReadingStream[], send: (batch: Batch) => Promise<unknown>, onBatch?: (readings: number) => void) {
  const samples: number[] = [];
  const started = performance.now();
  await Promise.all(lanes.map(async (lane) => {
    while (!lane.done) {
      const batch = lane.next();
      const t0 = performance.now();
      await send(batch);
      samples.push(performance.now() - t0);
      onBatch?.(batch.count);
    }
  }));
  return { ms: performance.now() - started, samples };
}

/** Each lane sends its own batches in order, the lanes at once. */
async function sendAll(batches: Batch[][], send: (batch: Batch) => Promise<unknown>) {
  const samples: number[] = [];
  const started = performance.now();
  await Promise.all(batches.map(async (lane) => {
    for (const batch of lane) {
      const t0 = performance.now();
      await send(batch);
      samples.push(performance.now() - t0);
    }
  }));
  return { ms: performance.now() - started, samples };
}

// ---- the parts ----

interface Context { handle: DatabaseHandle; tenantId: string; meters: Meter[]; ownerPool: pg.Pool; nextHour: number; yearLoaded: boolean; baselineTables: boolean }

async function yearPart(ctx: Context) {
  const meters = ctx.meters.slice(0, YEAR_METERS);
  const lanes = streams(meters, ctx.tenantId, 0, YEAR_HOURS);
  const total = meters.length * YEAR_HOURS;
  progress(`year: ${total.toLocaleString('en')} readings of ${meters.length} meters, ${lanes.length} clients, ${lanes[0]!.hoursPerBatch * lanes[0]!.meters.length} readings per request`);
  let done = 0;
  let tenth = 0;
  const startedAt = performance.now();
  const stopAnalyze = analyzeEvery(ctx.handle, 10_000);
  const result = await drain(lanes, (batch) => ingest(ctx.handle.db, ctx.tenantId, batch.readings), (n) => {
    done += n;
    if (Math.floor((done / total) * 10) > tenth) { tenth = Math.floor((done / total) * 10); progress(`year: ${tenth * 10} % (${round(done / ((performance.now() - startedAt) / 1000), 0)} readings/s)`); }
  });
  stopAnalyze();
  ctx.nextHour = YEAR_HOURS;
  ctx.yearLoaded = true;
  const size = await ctx.handle.asOwner(async (owner) => (await sql<{ readings: string; consumption: string }>`
    SELECT pg_size_pretty(pg_total_relation_size('meter_readings')) AS readings,
      pg_size_pretty(pg_total_relation_size('meter_hours') + pg_total_relation_size('meter_consumption')) AS consumption`.execute(owner)).rows[0]!);
  print('year_load', {
    meters: meters.length, readings: total, clients: lanes.length, readings_per_request: lanes[0]!.hoursPerBatch * lanes[0]!.meters.length,
    seconds: round(result.ms / 1000), readings_per_s: round(total / (result.ms / 1000), 0), ...latencies(result.samples),
    readings_table: size.readings, consumption_table: size.consumption,
  });
}

/**
 * The baselines' tables: `bench_readings_keyed` is meter_readings as it stands (its columns,
 * primary key and every reading stored so far), without our path around it; `bench_readings` is
 * a plain table with the same columns, no key (the rows' bare write cost).
 */
async function baselineTables(ctx: Context) {
  if (ctx.baselineTables) return;
  ctx.baselineTables = true;
  progress('ingest: copying meter_readings into the keyed baseline table');
  await ctx.handle.asOwner((owner) => executeScript(owner, `
    CREATE TABLE bench_readings (LIKE meter_readings INCLUDING DEFAULTS);
    CREATE TABLE bench_readings_keyed (LIKE meter_readings INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
    INSERT INTO bench_readings_keyed SELECT * FROM meter_readings;
    ALTER TABLE bench_readings_keyed ADD PRIMARY KEY (tenant_id, meter_id, epoch, read_at);
    ANALYZE bench_readings_keyed;
  `));
}

const COPY_COLUMNS = '(tenant_id, meter_id, epoch, read_at, value) FROM STDIN';

async function ingestPart(ctx: Context) {
  await baselineTables(ctx);
  const lanes = streams(ctx.meters, ctx.tenantId, ctx.nextHour);
  const perRequest = lanes[0]!.hoursPerBatch * lanes[0]!.meters.length;
  progress(`ingest: ${ROUNDS} rounds, ${lanes.length} clients × ${REQUESTS_PER_ROUND} requests of ${perRequest} readings per round; our path, COPY into the keyed table and into the plain one, alternating`);
  const copy = (table: string) => async (batch: Batch) => {
    const client = await ctx.ownerPool.connect();
    try {
      await copyFrom(client, `COPY ${table} ${COPY_COLUMNS}`, batch.copy);
    } finally {
      client.release();
    }
  };
  const total = () => ({ ms: 0, samples: [] as number[], readings: 0 });
  const ours = total();
  const keyed = total();
  const plain = total();
  const add = (into: ReturnType<typeof total>, result: { ms: number; samples: number[] }, count: number) => {
    into.ms += result.ms; into.samples.push(...result.samples); into.readings += count;
  };
  const stopAnalyze = analyzeEvery(ctx.handle, 10_000);
  // One round unmeasured first: connections, prepared statements, caches.
  for (let r = 0; r <= ROUNDS; r++) {
    const batches = lanes.map((lane) => Array.from({ length: REQUESTS_PER_ROUND }, () => lane.next()));
    const count = batches.flat().reduce((sum, b) => sum + b.count, 0);
    const k = await sendAll(batches, copy('bench_readings_keyed'));
    const p = await sendAll(batches, copy('bench_readings'));
    const o = await sendAll(batches, (batch) => ingest(ctx.handle.db, ctx.tenantId, batch.readings));
    if (r === 0) continue;
    add(keyed, k, count);
    add(plain, p, count);
    add(ours, o, count);
    progress(`ingest round ${r}: ours ${round(count / (o.ms / 1000), 0)}/s, COPY keyed ${round(count / (k.ms / 1000), 0)}/s, COPY plain ${round(count / (p.ms / 1000), 0)}/s`);
  }
  stopAnalyze();
  ctx.nextHour += (ROUNDS + 1) * REQUESTS_PER_ROUND * lanes[0]!.hoursPerBatch;
  const perS = (t: ReturnType<typeof total>) => t.readings / (t.ms / 1000);
  const value = perS(ours);
  const baseline = perS(keyed);
  print('ingest_readings_per_s', {
    value: round(value, 0), baseline: round(baseline, 0), ratio: round(value / baseline, 3),
    baseline_plain: round(perS(plain), 0), ratio_plain: round(value / perS(plain), 3), p99_ms: round(percentile(ours.samples, 0.99), 1),
    readings: ours.readings, clients: lanes.length, readings_per_request: perRequest, p50_ms: round(percentile(ours.samples, 0.5), 1),
    baseline_p99_ms: round(percentile(keyed.samples, 0.99), 1), table_before: ctx.yearLoaded ? `${YEAR_METERS} meters × ${YEAR_HOURS} readings` : 'empty',
    goal_per_s: GOALS.readingsPerS, goal_ratio: GOALS.ratio, met: value >= GOALS.readingsPerS && value / baseline >= GOALS.ratio,
  });
}

/** Client-side time of each statement, by what it is (a Kysely plugin: from the query's compilation to its result). */
class StatementTimer implements KyselyPlugin {
  readonly totals = new Map<string, { ms: number; calls: number }>();
  readonly #pending = new Map<unknown, { label: string; t0: number }>();
  readonly #compiler = new PostgresQueryCompiler();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const text = this.#compiler.compileQuery(args.node, args.queryId).sql;
    this.#pending.set(args.queryId, { label: StatementTimer.label(text), t0: performance.now() });
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const pending = this.#pending.get(args.queryId);
    if (pending) {
      this.#pending.delete(args.queryId);
      const total = this.totals.get(pending.label) ?? { ms: 0, calls: 0 };
      total.ms += performance.now() - pending.t0;
      total.calls += 1;
      this.totals.set(pending.label, total);
    }
    return args.result;
  }

  static label(text: string): string {
    const rules: [RegExp, string][] = [
      [/set_config\('role'/, 'inTenant settings (with BEGIN)'], [/from "tenants"/, 'tenant time zone'], [/for update/i, 'lockMeters'],
      [/from "meters"/, 'meterIdsBySerial'], [/from "meter_replacements"/, 'replacementsOf'], [/INSERT INTO meter_readings/, 'insertReadings'],
      [/CROSS JOIN LATERAL/, 'readingsAround'], [/INSERT INTO meter_hours/, 'addConsumption: hours'], [/INSERT INTO meter_consumption/, 'addConsumption: periods'],
    ];
    return rules.find(([pattern]) => pattern.test(text))?.[1] ?? text.replace(/\s+/g, ' ').trim().slice(0, 40);
  }
}

async function statementsPart(ctx: Context) {
  const timer = new StatementTimer();
  const timed = ctx.handle.db.withPlugin(timer);
  const lanes = streams(ctx.meters, ctx.tenantId, ctx.nextHour);
  await baselineTables(ctx);
  progress(`statements: ${STATEMENT_BATCHES} requests one at a time, each statement timed`);
  // Warm-up: one request per client, untimed.
  for (const lane of lanes) await ingest(ctx.handle.db, ctx.tenantId, lane.next().readings);
  let totalMs = 0;
  let copyMs = 0;
  let readings = 0;
  for (let i = 0; i < STATEMENT_BATCHES; i++) {
    const batch = lanes[i % lanes.length]!.next();
    const client = await ctx.ownerPool.connect();
    const c0 = performance.now();
    await copyFrom(client, `COPY bench_readings_keyed ${COPY_COLUMNS}`, batch.copy);
    copyMs += performance.now() - c0;
    client.release();
    const t0 = performance.now();
    await ingest(timed, ctx.tenantId, batch.readings);
    totalMs += performance.now() - t0;
    readings += batch.count;
  }
  ctx.nextHour += (1 + Math.ceil(STATEMENT_BATCHES / lanes.length)) * lanes[0]!.hoursPerBatch;
  const perBatch = (ms: number) => round(ms / STATEMENT_BATCHES, 1);
  const statements = Object.fromEntries([...timer.totals].sort((a, b) => b[1].ms - a[1].ms).map(([label, t]) => [label, perBatch(t.ms)]));
  const inStatements = [...timer.totals.values()].reduce((sum, t) => sum + t.ms, 0);
  print('ingest_statements', {
    requests: STATEMENT_BATCHES, readings_per_request: readings / STATEMENT_BATCHES, ms_per_request: perBatch(totalMs),
    readings_per_s_one_client: round(readings / (totalMs / 1000), 0), statements_ms_per_request: statements,
    other_ms_per_request: perBatch(totalMs - inStatements), copy_ms_per_request: perBatch(copyMs),
  });
}

async function queriesPart(ctx: Context) {
  if (!ctx.yearLoaded) { progress('queries: skipped (they read the year the year part loads)'); return; }
  await ctx.handle.asOwner((owner) => sql`ANALYZE`.execute(owner));
  const db = ctx.handle.db;
  const from = new Date(YEAR_START);
  const to = new Date(YEAR_END);
  const registers = ctx.meters.slice(0, YEAR_METERS).filter((m) => m.kind === 'register');
  const pick = (i: number) => registers[(i * 7_919) % registers.length]!;
  const chart = (meter: Meter) => inTenant(db, ctx.tenantId, (tx) => repo.consumptionOf(tx, ctx.tenantId, meter.id, 'day', from, to));
  // The same days from the raw readings: each span between consecutive readings counts for the day it starts in.
  const rawChart = (meter: Meter) => inTenant(db, ctx.tenantId, async (tx) => (await sql<{ starts_at: Date; consumption: number; measured_s: number }>`
    SELECT date_trunc('day', prev_at AT TIME ZONE ${TIME_ZONE}) AT TIME ZONE ${TIME_ZONE} AS starts_at,
      sum(value - prev_value)::bigint AS consumption, sum(extract(epoch FROM read_at - prev_at))::int AS measured_s
    FROM (SELECT read_at, value, lag(read_at) OVER w AS prev_at, lag(value) OVER w AS prev_value FROM meter_readings
      WHERE tenant_id = ${ctx.tenantId} AND meter_id = ${meter.id} AND epoch = 0 AND flagged IS NULL AND read_at >= ${from} AND read_at <= ${to}
      WINDOW w AS (ORDER BY read_at)) r
    WHERE prev_at IS NOT NULL AND prev_at < ${to}
    GROUP BY 1 ORDER BY 1`.execute(tx)).rows);
  // Per meter: its month row, and its day rows summed. The day rows are read per meter (LATERAL): the
  // primary key (tenant_id, meter_id, period, starts_at) finds a meter's month of days directly,
  // while one scan of the tenant's day rows of a month would read all of its consumption index.
  const monthReport = () => inTenant(db, ctx.tenantId, async (tx) => (await sql<{ meter_id: string; month: number | null; day_sum: number | null; days: number }>`
    WITH bounds AS (
      SELECT ${REPORT_MONTH}::timestamp AT TIME ZONE ${TIME_ZONE} AS from_at, (${REPORT_MONTH}::timestamp + interval '1 month') AT TIME ZONE ${TIME_ZONE} AS to_at
    )
    SELECT m.id AS meter_id, m.site_id, m.name, m.serial, m.unit, mo.consumption AS month, mo.measured_s, mo.estimated_s,
      d.day_sum, d.days, d.measured_s AS day_measured_s, d.estimated_s AS day_estimated_s
    FROM meters m CROSS JOIN bounds b
    LEFT JOIN meter_consumption mo ON mo.tenant_id = m.tenant_id AND mo.meter_id = m.id AND mo.period = 'month' AND mo.starts_at = b.from_at
    CROSS JOIN LATERAL (
      SELECT sum(c.consumption)::bigint AS day_sum, sum(c.measured_s)::bigint AS measured_s, sum(c.estimated_s)::bigint AS estimated_s, count(*)::int AS days
      FROM meter_consumption c
      WHERE c.tenant_id = m.tenant_id AND c.meter_id = m.id AND c.period = 'day' AND c.starts_at >= b.from_at AND c.starts_at < b.to_at
    ) d
    WHERE m.tenant_id = ${ctx.tenantId}
    ORDER BY m.site_id, m.name`.execute(tx)).rows);

  // The site's monthly report as siteMonthlyReport reads it: each meter's month, the month before and the same month a year before.
  const site = ctx.meters[0]!.siteId;
  const siteMeters = ctx.meters.filter((m) => m.siteId === site).length;
  const siteReport = () => inTenant(db, ctx.tenantId, async (tx) => {
    const starts = await repo.monthStarts(tx, REPORT_MONTH.slice(0, 7), TIME_ZONE);
    return repo.siteConsumption(tx, ctx.tenantId, site, 'month', [starts.month, starts.previous, starts.lastYear]);
  });

  // Checks first: the incremental days equal the raw computation; a month is the sum of its days.
  let chartMismatches = 0;
  for (let i = 0; i < 5; i++) {
    const meter = pick(i);
    const [ours, raw] = [await chart(meter), await rawChart(meter)];
    const same = ours.length === raw.length && ours.every((row, k) => row.starts_at.getTime() === raw[k]!.starts_at.getTime()
      && Number(row.consumption) === Number(raw[k]!.consumption) && row.measured_s === raw[k]!.measured_s);
    if (!same) chartMismatches += 1;
  }
  const report = await monthReport();
  const withData = report.filter((r) => r.month !== null);
  const reportMismatches = withData.filter((r) => Number(r.month) !== Number(r.day_sum)).length;
  progress(`queries: ${CHARTS} charts and ${REPORTS} month reports, alternating with the raw chart`);

  const ours: number[] = [];
  const raw: number[] = [];
  const reports: number[] = [];
  const siteReports: number[] = [];
  const time = async (into: number[], work: () => Promise<unknown>) => { const t0 = performance.now(); await work(); into.push(performance.now() - t0); };
  for (let i = 0; i < 20; i++) { await chart(pick(i)); await rawChart(pick(i)); }
  await monthReport();
  await siteReport();
  const rounds = 4;
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < CHARTS / rounds; i++) await time(ours, () => chart(pick(r * 1_000 + i)));
    for (let i = 0; i < CHARTS / rounds; i++) await time(raw, () => rawChart(pick(r * 1_000 + i)));
    for (let i = 0; i < REPORTS / rounds; i++) await time(reports, monthReport);
    for (let i = 0; i < REPORTS / rounds; i++) await time(siteReports, siteReport);
  }
  const siteRows = await siteReport();
  print('chart_latency', {
    runs: ours.length, days: 365, ...latencies(ours), baseline_p50_ms: round(percentile(raw, 0.5), 2), baseline_p95_ms: round(percentile(raw, 0.95), 2),
    ratio_p50: round(percentile(raw, 0.5) / percentile(ours, 0.5), 1), matches_raw: chartMismatches === 0, goal_p95_ms: GOALS.chartP95Ms, met: percentile(ours, 0.95) < GOALS.chartP95Ms,
  });
  print('site_report_latency', {
    runs: siteReports.length, meters: siteMeters, rows: siteRows.length, month: REPORT_MONTH.slice(0, 7), ...latencies(siteReports),
    goal_p95_ms: GOALS.reportP95Ms, met: percentile(siteReports, 0.95) < GOALS.reportP95Ms,
  });
  print('month_days_report_latency', {
    runs: reports.length, meters: report.length, meters_with_data: withData.length, month: REPORT_MONTH.slice(0, 7), ...latencies(reports),
    month_equals_days: reportMismatches === 0, goal_p95_ms: GOALS.reportP95Ms, met: percentile(reports, 0.95) < GOALS.reportP95Ms,
  });
}

const PARTS = { year: yearPart, ingest: ingestPart, statements: statementsPart, queries: queriesPart } as const;

async function run(serverUrl: string, chosen: (keyof typeof PARTS)[]) {
  const scratch = await createScratchDatabase(serverUrl, 'concierge_bench');
  const handle = await openDatabase({ databaseUrl: scratch.url, poolSize: CLIENTS + 4 });
  const ownerPool = new pg.Pool({ connectionString: scratch.url, max: CLIENTS });
  try {
    await migrate(handle);
    progress(`seeding ${METERS} meters`);
    const { tenantId, meters } = await seed(handle);
    const ctx: Context = { handle, tenantId, meters, ownerPool, nextHour: 0, yearLoaded: false, baselineTables: false };
    for (const part of chosen) await PARTS[part](ctx);
    print('machine', { load_average: loadavg().map((l) => round(l, 2)), cpus: cpus().length });
  } finally {
    await ownerPool.end();
    await handle.close();
    if (KEEP) progress(`kept ${scratch.url}`);
    else await scratch.drop();
  }
}

const chosen = (process.env.BENCH_METERING_PARTS || Object.keys(PARTS).join(',')).split(',').map((p) => p.trim()).filter(Boolean);
const unknown = chosen.filter((p) => !(p in PARTS));
if (unknown.length > 0) {
  console.error(`BENCH_METERING_PARTS: unknown part(s) ${unknown.join(', ')}; known: ${Object.keys(PARTS).join(', ')}`);
  process.exitCode = 2;
} else if (!postgresUrl) {
  console.error('metering benchmark skipped: set BENCH_DATABASE_URL or TEST_DATABASE_URL (it runs on PostgreSQL only)');
} else {
  const order = Object.keys(PARTS).filter((p) => chosen.includes(p)) as (keyof typeof PARTS)[];
  await run(postgresUrl, order);
}
