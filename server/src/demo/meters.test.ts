// The demo's year of readings: every site has a heat and an electricity meter read every hour
// for the last year, each flat a heat meter read daily, and the consumption tables hold that year
// without gaps, heating mostly in winter.
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { asPlatform } from '../db/scope.ts';
import { createTestContext, type TestContext } from '../test/app.ts';
import { seedDemoMeters } from './meters.ts';

let ctx: TestContext;
const now = new Date('2026-12-06T09:30:00Z');
beforeAll(async () => {
  ctx = await createTestContext();
  await seedDemoMeters(ctx.deps.db, now);
}, 120_000);
afterAll(async () => { await ctx?.close(); });

it('gives every site an hourly heat and electricity meter with a year of readings, and every flat a daily heat meter', async () => {
  const meters = await asPlatform(ctx.deps.db, (tx) => sql<{ site: string; medium: string; flat: boolean; reading_minutes: number; readings: number; estimated: number; hours: number }>`
    SELECT s.name AS site, m.medium, m.unit_id IS NOT NULL AS flat, m.reading_minutes,
      (SELECT count(*)::int FROM meter_readings r WHERE r.meter_id = m.id AND r.flagged IS NULL) AS readings,
      (SELECT coalesce(sum(estimated_s), 0)::int FROM meter_consumption c WHERE c.meter_id = m.id AND c.period = 'year') AS estimated,
      (SELECT count(*)::int FROM meter_hours h, unnest(h.measured_s) AS s WHERE h.meter_id = m.id AND s > 0) AS hours
    FROM meters m JOIN sites s ON s.id = m.site_id ORDER BY s.name, m.unit_id NULLS FIRST, m.medium`.execute(tx));
  const sites = await asPlatform(ctx.deps.db, (tx) => tx.selectFrom('sites').select('name').execute());
  const flats = await asPlatform(ctx.deps.db, (tx) => tx.selectFrom('units').select('id').where('kind', '=', 'flat').execute());
  const hourly = meters.rows.filter((m) => !m.flat);
  expect(hourly).toHaveLength(2 * sites.length);
  for (const meter of hourly) expect(meter).toMatchObject({ reading_minutes: 60, readings: 365 * 24 + 1, estimated: 0, hours: 365 * 24 });
  expect(meters.rows.filter((m) => m.flat)).toHaveLength(flats.length);
  for (const meter of meters.rows.filter((m) => m.flat)) expect(meter).toMatchObject({ medium: 'heat', reading_minutes: 1440, estimated: 0 });
});

it('heats in winter: January takes several times July\'s heat', async () => {
  const months = await asPlatform(ctx.deps.db, (tx) => sql<{ month: string; kwh: number }>`
    SELECT to_char(c.starts_at AT TIME ZONE 'Europe/Vienna', 'MM') AS month, sum(c.consumption)::float8 / 1000 AS kwh
    FROM meter_consumption c JOIN meters m ON m.id = c.meter_id
    WHERE m.serial = 'WMZ-HEIMBAU-1' AND c.period = 'month' GROUP BY 1`.execute(tx));
  const kwh = (month: string) => months.rows.find((r) => r.month === month)!.kwh;
  expect(kwh('01')).toBeGreaterThan(5 * kwh('07'));
});
