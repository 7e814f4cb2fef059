// How often a register meter is read: readings up to twice that far apart are measured
// consumption, a longer silence is a gap whose consumption is an estimate. Hourly by default; a
// flat's heat meter read once a day is not "silent" for 24 hours.
import type { Migration } from '../migrate.ts';
import { executeScript } from '../script.ts';

export const meterReadingInterval: Migration = {
  version: 22,
  name: 'meter_reading_interval',
  async up(db) {
    await executeScript(db, `
      ALTER TABLE meters ADD COLUMN reading_minutes integer NOT NULL DEFAULT 60 CHECK (reading_minutes BETWEEN 1 AND 1440);
    `);
  },
};
