// Temperatures: a reading may carry the temperature its meter measured with it (a heat meter's
// flow, a hot-water meter's water), and an alarm rule may watch it against a limit from above or
// from below (docs/metering.md, "Temperatures").
import type { Migration } from '../migrate.ts';
import { executeScript } from '../script.ts';

export const temperature: Migration = {
  version: 28,
  name: 'temperature',
  async up(db) {
    await executeScript(db, `
      -- Thousandths of a degree Celsius; null: the reading came without one.
      ALTER TABLE meter_readings ADD COLUMN temperature_mc integer CHECK (temperature_mc BETWEEN -100000 AND 250000);

      ALTER TABLE alarm_rules DROP CONSTRAINT alarm_rules_kind_check;
      ALTER TABLE alarm_rules ADD CONSTRAINT alarm_rules_kind_check
        CHECK (kind IN ('consumption', 'flow', 'missing_data', 'device_fault', 'temperature_high', 'temperature_low'));
      -- A temperature's limit may lie below zero (in thousandths of a degree); a consumption's may not.
      ALTER TABLE alarm_rules DROP CONSTRAINT alarm_rules_threshold_check;
      ALTER TABLE alarm_rules ADD CONSTRAINT alarm_rules_threshold_check CHECK (threshold >= 0 OR kind IN ('temperature_high', 'temperature_low'));
      ALTER TABLE alarm_rules DROP CONSTRAINT alarm_rules_check1;
      ALTER TABLE alarm_rules ADD CONSTRAINT alarm_rules_threshold_kind
        CHECK ((kind IN ('consumption', 'flow', 'temperature_high', 'temperature_low')) = (threshold IS NOT NULL));
    `);
  },
};
