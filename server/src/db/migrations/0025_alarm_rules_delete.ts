// Deleting an alarm rule keeps its row: its alarms reference it (ON DELETE CASCADE, 0023), and
// the history of what was raised must stay readable. A deleted rule is no longer evaluated,
// listed or subscribed to (docs/metering.md, "Alarms").
import type { Migration } from '../migrate.ts';
import { executeScript } from '../script.ts';

export const alarmRulesDelete: Migration = {
  version: 25,
  name: 'alarm_rules_delete',
  async up(db) {
    await executeScript(db, `
      ALTER TABLE alarm_rules ADD COLUMN deleted_at timestamptz;
      ALTER TABLE alarm_rules ADD COLUMN deleted_by uuid REFERENCES users(id);
      ALTER TABLE alarm_rules ADD CONSTRAINT alarm_rules_deleted_by CHECK ((deleted_at IS NULL) = (deleted_by IS NULL));
    `);
  },
};
