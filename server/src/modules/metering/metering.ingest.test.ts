// Readings in any order, in any batches, sent twice: the consumption kept up to date batch by
// batch equals what all the readings give when computed from scratch. And what cannot be right
// (a register running backwards, two values for one time) is flagged or refused, not counted.
import { seededRandom } from '../../seeded.ts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asPlatform, inTenant } from '../../db/scope.ts';
import { createTestContext, type TestContext } from '../../test/app.ts';
import { HOUR_MS } from './metering.consumption.ts';
import { ingestReadings, recomputeHours, replaceMeter, type IncomingReading } from './metering.ingest.ts';
import * as repo from './metering.repository.ts';

const ZONE = 'Europe/Vienna';
let ctx: TestContext;
let tenantId: string;
let siteId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  const site = await asPlatform(ctx.deps.db, (tx) => tx.selectFrom('sites').innerJoin('tenants', 'tenants.id', 'sites.tenant_id')
    .select(['sites.id', 'sites.tenant_id']).where('tenants.short_code', '=', 'heimbau').orderBy('sites.name').executeTakeFirstOrThrow());
  tenantId = site.tenant_id;
  siteId = site.id;
});
afterAll(async () => { await ctx?.close(); });

const now = new Date('2026-12-01T00:00:00Z');
const ingest = (batch: IncomingReading[]) => inTenant(ctx.deps.db, tenantId, (tx) => ingestReadings(tx, tenantId, ZONE, batch, now));
const addMeter = (serial: string, kind: 'register' | 'interval' = 'register') => inTenant(ctx.deps.db, tenantId, (tx) => repo.insertMeter(tx, tenantId, {
  siteId, unitId: null, name: serial, serial, medium: 'heat', unit: 'kWh', kind, intervalMinutes: kind === 'interval' ? 15 : null,
}));
const hoursOf = async (meterId: string) => (await inTenant(ctx.deps.db, tenantId, (tx) => repo.consumptionOf(tx, tenantId, meterId, 'hour', new Date(0), now)))
  .map((r) => ({ hour: r.starts_at.getTime(), consumption: Number(r.consumption), measuredS: r.measured_s, estimatedS: r.estimated_s }))
  .filter((r) => r.consumption !== 0 || r.measuredS !== 0 || r.estimatedS !== 0);
const recomputed = async (meterId: string) => [...(await inTenant(ctx.deps.db, tenantId, (tx) => recomputeHours(tx, tenantId, meterId))).values()]
  .filter((r) => r.consumption !== 0 || r.measuredS !== 0 || r.estimatedS !== 0).sort((a, b) => a.hour - b.hour);


describe('consumption kept up to date', () => {
  it('equals a recomputation from scratch, whatever order and batches the readings come in, sent twice or not', async () => {
    const seed = Number(process.env.METERING_SEED ?? Math.floor(Math.random() * 2 ** 31));
    console.log(`metering property: seed ${seed} (METERING_SEED=${seed})`);
    const rand = seededRandom(seed);
    const hourly = await addMeter(`P-H-${seed}`);
    const irregular = await addMeter(`P-I-${seed}`);
    const interval = await addMeter(`P-Q-${seed}`, 'interval');
    const start = Date.UTC(2026, 9, 24, 0); // over the end of summer time in Vienna (25 October)
    const readings: IncomingReading[] = [];
    let value = 1000;
    for (let h = 0; h < 96; h++) {
      if (rand() < 0.1) continue; // missing hours: gaps
      value += Math.floor(rand() * 3000) / 1000;
      readings.push({ meter: hourly.serial, at: new Date(start + h * HOUR_MS), value });
    }
    value = 50;
    for (let t = start; t < start + 96 * HOUR_MS; t += Math.floor(rand() * 5 * HOUR_MS) + 60_000) {
      value += Math.floor(rand() * 10_000) / 1000;
      readings.push({ meter: irregular.serial, at: new Date(t), value });
    }
    for (let q = 1; q <= 4 * 48; q++) readings.push({ meter: interval.serial, at: new Date(start + q * 15 * 60_000), value: Math.floor(rand() * 500) / 1000 });

    // Shuffled, a fifth sent twice, in batches of 1 to 40.
    const sent = [...readings, ...readings.filter(() => rand() < 0.2)];
    for (let i = sent.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [sent[i], sent[j]] = [sent[j]!, sent[i]!];
    }
    let accepted = 0;
    let repeated = 0;
    for (let i = 0; i < sent.length;) {
      const size = 1 + Math.floor(rand() * 40);
      const report = await ingest(sent.slice(i, i + size));
      expect(report.conflicts).toEqual([]);
      expect(report.flagged).toEqual([]);
      accepted += report.accepted;
      repeated += report.repeated;
      i += size;
    }
    expect(accepted).toBe(readings.length);
    expect(repeated).toBe(sent.length - readings.length);

    for (const meter of [hourly, irregular, interval]) {
      const hours = await hoursOf(meter.id);
      expect(hours.length).toBeGreaterThan(40);
      expect(hours).toEqual(await recomputed(meter.id));
    }
    // Days, weeks, months and years are their hours, by the tenant's calendar.
    const mismatches = await inTenant(ctx.deps.db, tenantId, (tx) => sql<{ meter_id: string }>`
      WITH hours AS (
        SELECT h.tenant_id, h.meter_id, (h.day + make_interval(hours => i::int - 1)) AT TIME ZONE 'UTC' AS starts_at, c, m, e
        FROM meter_hours h, unnest(h.consumption, h.measured_s, h.estimated_s) WITH ORDINALITY AS u(c, m, e, i))
      SELECT c.meter_id, c.period, c.starts_at FROM meter_consumption c
      LEFT JOIN LATERAL (
        SELECT coalesce(sum(h.c), 0) AS consumption, coalesce(sum(h.m), 0) AS measured_s, coalesce(sum(h.e), 0) AS estimated_s
        FROM hours h WHERE h.tenant_id = c.tenant_id AND h.meter_id = c.meter_id
          AND date_trunc(c.period, h.starts_at AT TIME ZONE ${ZONE}) AT TIME ZONE ${ZONE} = c.starts_at
      ) s ON true
      WHERE c.tenant_id = ${tenantId}::uuid AND c.meter_id IN (${hourly.id}::uuid, ${irregular.id}::uuid, ${interval.id}::uuid)
        AND (c.consumption <> s.consumption OR c.measured_s <> s.measured_s OR c.estimated_s <> s.estimated_s)`.execute(tx));
    expect(mismatches.rows).toEqual([]);
    // 24 October 2026 in Vienna: a summer day of 24 hours; the 25th has 25.
    const days = await inTenant(ctx.deps.db, tenantId, (tx) => repo.consumptionOf(tx, tenantId, interval.id, 'day', new Date(start - 2 * HOUR_MS), now));
    expect(days.map((d) => d.starts_at.toISOString())).toEqual(['2026-10-23T22:00:00.000Z', '2026-10-24T22:00:00.000Z', '2026-10-25T23:00:00.000Z']);
  });
});

describe('readings that cannot be right', () => {
  it('flags a register reading that would run it backwards, and refuses a second value for a stored time', async () => {
    const meter = await addMeter('BW-1');
    const at = (hour: number) => new Date(Date.UTC(2026, 10, 2, hour));
    expect(await ingest([{ meter: 'BW-1', at: at(10), value: 100 }, { meter: 'BW-1', at: at(12), value: 120 }])).toMatchObject({ accepted: 2, flagged: [] });
    const report = await ingest([
      { meter: 'BW-1', at: at(11), value: 130 }, // above the later 120
      { meter: 'BW-1', at: at(13), value: 115 }, // below the earlier 120
      { meter: 'BW-1', at: at(14), value: 125 },
      { meter: 'BW-1', at: at(10), value: 100 }, // sent again
      { meter: 'BW-1', at: at(12), value: 121 }, // another value for a stored time
    ]);
    expect(report).toEqual({ accepted: 1, repeated: 1, conflicts: [{ index: 4, stored: 120 }], flagged: [{ index: 0, reason: 'backwards' }, { index: 1, reason: 'backwards' }] });
    expect((await hoursOf(meter.id)).reduce((sum, h) => sum + h.consumption, 0)).toBe(25_000);
    expect(await hoursOf(meter.id)).toEqual(await recomputed(meter.id));
    const flagged = await inTenant(ctx.deps.db, tenantId, (tx) => tx.selectFrom('meter_readings').select(['read_at', 'flagged']).where('meter_id', '=', meter.id).where('flagged', 'is not', null).orderBy('read_at').execute());
    expect(flagged).toEqual([{ read_at: at(11), flagged: 'backwards' }, { read_at: at(13), flagged: 'backwards' }]);
  });

  it('spreads what was used during a gap evenly over its hours, marked as estimated', async () => {
    const meter = await addMeter('GAP-1');
    await ingest([{ meter: 'GAP-1', at: new Date('2026-11-03T00:00:00Z'), value: 0 }, { meter: 'GAP-1', at: new Date('2026-11-03T05:00:00Z'), value: 50 }]);
    expect(await hoursOf(meter.id)).toEqual([0, 1, 2, 3, 4].map((h) => ({ hour: Date.UTC(2026, 10, 3, h), consumption: 10_000, measuredS: 0, estimatedS: 3600 })));
  });

  it('keeps the metering point across a replaced meter: the new register starts again, nothing is lost', async () => {
    const meter = await addMeter('OLD-1');
    const at = (hour: number) => new Date(Date.UTC(2026, 10, 4, hour));
    await ingest([{ meter: 'OLD-1', at: at(8), value: 1000 }, { meter: 'OLD-1', at: at(9), value: 1100 }]);
    await inTenant(ctx.deps.db, tenantId, (tx) => replaceMeter(tx, tenantId, ZONE, { meter: 'OLD-1', at: at(10), finalValue: 1150, newSerial: 'NEW-1', initialValue: 2 }, now));
    expect(await ingest([{ meter: 'NEW-1', at: at(11), value: 32 }])).toMatchObject({ accepted: 1, flagged: [] });
    const day = await inTenant(ctx.deps.db, tenantId, (tx) => repo.consumptionOf(tx, tenantId, meter.id, 'day', at(-1), at(24)));
    expect(day.map((d) => Number(d.consumption))).toEqual([(100 + 50 + 30) * 1000]);
    expect(await hoursOf(meter.id)).toEqual(await recomputed(meter.id));
    await expect(inTenant(ctx.deps.db, tenantId, (tx) => replaceMeter(tx, tenantId, ZONE, { meter: 'NEW-1', at: at(10), finalValue: 40, newSerial: 'NEWER-1', initialValue: 0 }, now)))
      .rejects.toMatchObject({ code: 'metering.replacement_before_readings' });
  });

  it('refuses a batch naming an unknown meter or dated in the future, and stores none of it', async () => {
    const meter = await addMeter('REF-1');
    await expect(ingest([{ meter: 'REF-1', at: new Date('2026-11-05T00:00:00Z'), value: 1 }, { meter: 'NOPE', at: new Date('2026-11-05T01:00:00Z'), value: 2 }]))
      .rejects.toMatchObject({ code: 'metering.invalid_reading', fields: [{ field: 'readings/1/meter' }] });
    await expect(ingest([{ meter: 'REF-1', at: new Date(now.getTime() + HOUR_MS), value: 1 }]))
      .rejects.toMatchObject({ code: 'metering.invalid_reading', fields: [{ field: 'readings/0/at' }] });
    await expect(ingest([{ meter: 'REF-1', at: new Date('0001-01-01T00:00:00Z'), value: 1 }]))
      .rejects.toMatchObject({ code: 'metering.invalid_reading', fields: [{ field: 'readings/0/at' }] });
    await expect(ingest([{ meter: 'REF-1', at: new Date('2026-12-31T23:59:60Z'), value: 1 }]))
      .rejects.toMatchObject({ code: 'metering.invalid_reading', fields: [{ field: 'readings/0/at' }] });
    expect(await inTenant(ctx.deps.db, tenantId, (tx) => tx.selectFrom('meter_readings').select('read_at').where('meter_id', '=', meter.id).execute())).toEqual([]);
  });

  it('tells two values for one time in the same batch apart: the first counts, the second is a conflict', async () => {
    await addMeter('TWICE-1');
    const at = new Date('2026-11-06T10:00:00Z');
    expect(await ingest([{ meter: 'TWICE-1', at, value: 5 }, { meter: 'TWICE-1', at, value: 5 }, { meter: 'TWICE-1', at, value: 6 }]))
      .toEqual({ accepted: 1, repeated: 1, conflicts: [{ index: 2, stored: 5 }], flagged: [] });
  });
});
