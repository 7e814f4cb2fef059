// Alarms on meters and devices, who hears of them and how, and the portal's notification centre
// (docs/metering.md, "Alarms").
import type { Migration } from '../migrate.ts';
import { executeScript } from '../script.ts';
import { tenantTable } from './helpers.ts';

export const alarms: Migration = {
  version: 23,
  name: 'alarms',
  async up(db) {
    await executeScript(db, `
      -- A rule watches one meter (consumption of a day or flow of an hour above a threshold; no
      -- reading for some hours) or one site's devices (an appliance reports a fault).
      CREATE TABLE alarm_rules (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('consumption', 'flow', 'missing_data', 'device_fault')),
        meter_id uuid,
        site_id uuid,
        -- consumption: per day, flow: per hour, in thousandths of the meter's unit.
        threshold bigint CHECK (threshold >= 0),
        missing_hours integer CHECK (missing_hours BETWEEN 1 AND 720),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, meter_id) REFERENCES meters(tenant_id, id),
        FOREIGN KEY (tenant_id, site_id) REFERENCES sites(tenant_id, id),
        CHECK ((kind = 'device_fault') = (site_id IS NOT NULL AND meter_id IS NULL)),
        CHECK ((kind IN ('consumption', 'flow')) = (threshold IS NOT NULL)),
        CHECK ((kind = 'missing_data') = (missing_hours IS NOT NULL))
      );

      -- Who hears of a rule's alarms, and by which channel besides the portal.
      CREATE TABLE alarm_subscriptions (
        tenant_id uuid NOT NULL,
        rule_id uuid NOT NULL,
        user_id uuid NOT NULL REFERENCES users(id),
        channel text NOT NULL CHECK (channel IN ('email', 'sms', 'portal')),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, rule_id, user_id),
        FOREIGN KEY (tenant_id, rule_id) REFERENCES alarm_rules(tenant_id, id) ON DELETE CASCADE
      );

      -- Each time a rule's condition began (raised) and ended (cleared); at most one open per rule.
      CREATE TABLE alarms (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        rule_id uuid NOT NULL,
        raised_at timestamptz NOT NULL,
        cleared_at timestamptz,
        -- What was seen: the consumption (thousandths of the unit), the hours without data, the faulty appliances.
        observed bigint,
        detail text,
        acknowledged_at timestamptz,
        acknowledged_by uuid REFERENCES users(id),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, rule_id) REFERENCES alarm_rules(tenant_id, id) ON DELETE CASCADE
      );
      CREATE UNIQUE INDEX alarms_one_open ON alarms (tenant_id, rule_id) WHERE cleared_at IS NULL;
      CREATE INDEX alarms_by_rule ON alarms (tenant_id, rule_id, raised_at DESC);

      -- The portal's notification centre: one row per user and event, read or not.
      CREATE TABLE notifications (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id),
        kind text NOT NULL,
        title text NOT NULL,
        body text NOT NULL,
        link text,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz,
        PRIMARY KEY (tenant_id, id)
      );
      CREATE INDEX notifications_unread ON notifications (tenant_id, user_id, created_at DESC) WHERE read_at IS NULL;
      CREATE INDEX notifications_by_user ON notifications (tenant_id, user_id, created_at DESC);

      -- A user's mobile number for SMS alarms is users.mobile (0001).
    `);
    for (const table of ['alarm_rules', 'alarm_subscriptions', 'alarms', 'notifications']) await tenantTable(db, table);
  },
};
