// Migration 0024 moves the hour rows of meter_consumption into meter_hours, 24 to a row: an
// installation that already holds readings keeps every hour's consumption.
import { sql } from 'kysely';
import { afterAll, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../client.ts';
import { migrate } from '../migrate.ts';

let handle: DatabaseHandle;
afterAll(async () => { await handle?.close(); });

it('moves the hour rows into one row per meter and UTC day, zeros where an hour had none', async () => {
  handle = await openDatabase({});
  await migrate(handle, undefined, 23);
  const tenant = '00000000-0000-4000-8000-000000000001';
  const meter = '00000000-0000-4000-8000-000000000002';
  const hour = (day: number, h: number) => new Date(Date.UTC(2026, 2, day, h)).toISOString();
  await handle.asOwner(async (db) => {
    // Rows only: the meter itself does not matter to the move.
    await sql`SET session_replication_role = replica`.execute(db);
    await sql`INSERT INTO meter_consumption (tenant_id, meter_id, period, starts_at, consumption, measured_s, estimated_s) VALUES
      (${tenant}, ${meter}, 'hour', ${hour(1, 0)}, 500, 3600, 0), (${tenant}, ${meter}, 'hour', ${hour(1, 23)}, 700, 1800, 1800),
      (${tenant}, ${meter}, 'hour', ${hour(2, 5)}, 900, 0, 3600), (${tenant}, ${meter}, 'day', ${hour(1, 0)}, 1200, 5400, 1800)`.execute(db);
    await sql`SET session_replication_role = origin`.execute(db);
  });

  expect(await migrate(handle, undefined, 24)).toEqual([24]);
  const rows = await handle.asOwner((db) => sql<{ day: string; consumption: number[]; measured_s: number[]; estimated_s: number[] }>`
    SELECT to_char(day, 'YYYY-MM-DD') AS day, consumption::float8[] AS consumption, measured_s, estimated_s FROM meter_hours ORDER BY day`.execute(db));
  const at = (values: Record<number, number>) => Array.from({ length: 24 }, (_, i) => values[i] ?? 0);
  expect(rows.rows).toEqual([
    { day: '2026-03-01', consumption: at({ 0: 500, 23: 700 }), measured_s: at({ 0: 3600, 23: 1800 }), estimated_s: at({ 23: 1800 }) },
    { day: '2026-03-02', consumption: at({ 5: 900 }), measured_s: at({}), estimated_s: at({ 5: 3600 }) },
  ]);
  const left = await handle.asOwner((db) => sql<{ period: string }>`SELECT period FROM meter_consumption`.execute(db));
  expect(left.rows).toEqual([{ period: 'day' }]);
}, 120_000);
