// Metering: meters on sites and units, their readings, and consumption per hour, day, week, month
// and year kept up to date as readings arrive (docs/metering.md).
import type { Migration } from '../migrate.ts';
import { executeScript } from '../script.ts';
import { tenantTable } from './helpers.ts';

export const metering: Migration = {
  version: 21,
  name: 'metering',
  async up(db) {
    await executeScript(db, `
      -- A metering point: what residents and managers follow over the years. A replaced device
      -- keeps its metering point; meter_replacements records the exchange.
      CREATE TABLE meters (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        site_id uuid NOT NULL,
        unit_id uuid,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        serial text NOT NULL CHECK (length(serial) BETWEEN 1 AND 64),
        medium text NOT NULL CHECK (medium IN ('heat', 'electricity', 'water_cold', 'water_hot', 'gas', 'ev_charging', 'laundry')),
        unit text NOT NULL CHECK (unit IN ('kWh', 'MWh', 'm3', 'GJ')),
        -- register: a counter that only grows (consumption is the difference of two readings);
        -- interval: each reading is the consumption of the interval that ends at its time.
        kind text NOT NULL CHECK (kind IN ('register', 'interval')),
        -- An interval meter's interval: each reading covers the minutes before its time.
        interval_minutes integer CHECK (interval_minutes IN (5, 10, 15, 30, 60)),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, site_id) REFERENCES sites(tenant_id, id),
        FOREIGN KEY (tenant_id, unit_id) REFERENCES units(tenant_id, id),
        UNIQUE (tenant_id, serial),
        CHECK ((kind = 'interval') = (interval_minutes IS NOT NULL))
      );
      CREATE INDEX meters_by_site ON meters (tenant_id, site_id);
      CREATE INDEX meters_by_unit ON meters (tenant_id, unit_id) WHERE unit_id IS NOT NULL;

      -- The device of a metering point exchanged at replaced_at: the old one's final reading and
      -- the new one's initial reading. A register restarts, so readings from replaced_at on
      -- belong to the next "register epoch" and are never subtracted from the old device's.
      CREATE TABLE meter_replacements (
        tenant_id uuid NOT NULL,
        meter_id uuid NOT NULL,
        replaced_at timestamptz NOT NULL,
        old_serial text NOT NULL,
        new_serial text NOT NULL,
        final_value bigint NOT NULL,
        initial_value bigint NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, meter_id, replaced_at),
        FOREIGN KEY (tenant_id, meter_id) REFERENCES meters(tenant_id, id)
      );

      -- Values in thousandths of the meter's unit (Wh for kWh, litres for m3), as integers.
      -- A reading that cannot be right (a register going backwards, a negative interval) is kept
      -- with the reason in flagged and counts for nothing. A second, different value for the
      -- same time is refused at ingest and not stored.
      CREATE TABLE meter_readings (
        tenant_id uuid NOT NULL,
        meter_id uuid NOT NULL,
        epoch integer NOT NULL,
        read_at timestamptz NOT NULL,
        value bigint NOT NULL,
        flagged text CHECK (flagged IN ('backwards', 'negative')),
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, meter_id, epoch, read_at),
        FOREIGN KEY (tenant_id, meter_id) REFERENCES meters(tenant_id, id)
      );

      -- Consumption per period (hour in UTC; day, week, month and year in the tenant's time zone),
      -- changed by the difference each batch of readings makes. measured_s: seconds of the period
      -- covered by readings at most two hours apart; estimated_s: covered by a longer gap, whose
      -- consumption is spread evenly over it. What neither covers has no data (a gap).
      CREATE TABLE meter_consumption (
        tenant_id uuid NOT NULL,
        meter_id uuid NOT NULL,
        period text NOT NULL CHECK (period IN ('hour', 'day', 'week', 'month', 'year')),
        starts_at timestamptz NOT NULL,
        consumption bigint NOT NULL,
        measured_s integer NOT NULL,
        estimated_s integer NOT NULL,
        PRIMARY KEY (tenant_id, meter_id, period, starts_at),
        FOREIGN KEY (tenant_id, meter_id) REFERENCES meters(tenant_id, id)
      );
    `);
    for (const table of ['meters', 'meter_replacements', 'meter_readings', 'meter_consumption']) await tenantTable(db, table);
  },
};
