// An appliance's own energy as a metering point: every energy-metered appliance (an EV
// connector, a washer) that reports its register gets a meter of its own, found by its
// appliance (docs/metering.md, "Appliances' own energy"). Meters are never deleted; should the
// appliance be, its meter stays as a metering point of the site without it.
import type { Migration } from '../migrate.ts';
import { executeScript } from '../script.ts';

export const applianceMeters: Migration = {
  version: 26,
  name: 'appliance_meters',
  async up(db) {
    await executeScript(db, `
      ALTER TABLE meters ADD COLUMN appliance_id uuid;
      ALTER TABLE meters ADD CONSTRAINT meters_appliance FOREIGN KEY (tenant_id, appliance_id)
        REFERENCES appliances(tenant_id, id) ON DELETE SET NULL (appliance_id);
      -- One meter per appliance: the first readings of two sessions at once create one.
      CREATE UNIQUE INDEX meters_by_appliance ON meters (tenant_id, appliance_id) WHERE appliance_id IS NOT NULL;
    `);
  },
};
