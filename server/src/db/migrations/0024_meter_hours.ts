// Faster ingest (docs/PERFORMANCE.md, "metering"). A meter read hourly wrote one consumption row
// per reading, and its running day, week, month and year totals lived on pages full of those
// rows, so no update of a total could stay on its page. Hours now live 24 to a row, one row per
// meter and UTC day, and the totals in their own pages with room to be updated in place.
// The readings and consumption lose their foreign keys to meters: ingest resolves and locks every
// meter of a batch before it writes, and meters are never deleted, so the per-row check bought
// nothing but time (the ledger's transfers have none for the same reason).
import type { Migration } from '../migrate.ts';
import { executeScript } from '../script.ts';
import { tenantTable } from './helpers.ts';

export const meterHours: Migration = {
  version: 24,
  name: 'meter_hours',
  async up(db) {
    await executeScript(db, `
      -- A meter's consumption in the 24 hours of a UTC day: element i is the hour from day + i
      -- hours (0-based), in thousandths of the meter's unit, with its seconds measured and
      -- estimated (see meter_consumption). An hour without data holds zeros.
      CREATE TABLE meter_hours (
        tenant_id uuid NOT NULL,
        meter_id uuid NOT NULL,
        day date NOT NULL,
        consumption bigint[] NOT NULL,
        measured_s integer[] NOT NULL,
        estimated_s integer[] NOT NULL,
        PRIMARY KEY (tenant_id, meter_id, day),
        CHECK (cardinality(consumption) = 24 AND cardinality(measured_s) = 24 AND cardinality(estimated_s) = 24)
      ) WITH (fillfactor = 70);

      INSERT INTO meter_hours (tenant_id, meter_id, day, consumption, measured_s, estimated_s)
      SELECT d.tenant_id, d.meter_id, d.day,
        array_agg(coalesce(c.consumption, 0) ORDER BY h), array_agg(coalesce(c.measured_s, 0) ORDER BY h), array_agg(coalesce(c.estimated_s, 0) ORDER BY h)
      FROM (SELECT DISTINCT tenant_id, meter_id, (starts_at AT TIME ZONE 'UTC')::date AS day FROM meter_consumption WHERE period = 'hour') d
      CROSS JOIN generate_series(0, 23) AS h
      LEFT JOIN meter_consumption c ON c.tenant_id = d.tenant_id AND c.meter_id = d.meter_id AND c.period = 'hour'
        AND c.starts_at = (d.day + make_interval(hours => h)) AT TIME ZONE 'UTC'
      GROUP BY d.tenant_id, d.meter_id, d.day;

      DELETE FROM meter_consumption WHERE period = 'hour';
      ALTER TABLE meter_consumption DROP CONSTRAINT meter_consumption_period_check;
      ALTER TABLE meter_consumption ADD CONSTRAINT meter_consumption_period_check CHECK (period IN ('day', 'week', 'month', 'year'));
      -- Half of each page stays free for the new versions of the running totals (HOT updates).
      ALTER TABLE meter_consumption SET (fillfactor = 50);

      ALTER TABLE meter_readings DROP CONSTRAINT meter_readings_tenant_id_meter_id_fkey;
      ALTER TABLE meter_consumption DROP CONSTRAINT meter_consumption_tenant_id_meter_id_fkey;
    `);
    await tenantTable(db, 'meter_hours');
  },
};
