// Pseudonymised usage data, a paid option of the settlement contract (`pseudonymised_data`):
// up to three staff accounts chosen by the manager's admin read the consumption of flats' meters
// under a pseudonym per unit instead of its label (docs/metering.md, "Who sees what").
import type { Migration } from '../migrate.ts';
import { executeScript } from '../script.ts';
import { tenantTable } from './helpers.ts';

export const pseudonymisedAccess: Migration = {
  version: 27,
  name: 'pseudonymised_access',
  async up(db) {
    await executeScript(db, `
      -- Who was granted the option's access; gone with the membership.
      CREATE TABLE pseudonymised_access (
        tenant_id uuid NOT NULL,
        user_id uuid NOT NULL,
        granted_by uuid NOT NULL REFERENCES users(id),
        granted_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, user_id),
        FOREIGN KEY (tenant_id, user_id) REFERENCES memberships(tenant_id, user_id) ON DELETE CASCADE
      );

      -- A unit's pseudonym: random, unique in the tenant, made when first shown and never changed,
      -- so the same flat always reads the same and nothing about the flat can be computed back.
      CREATE TABLE unit_pseudonyms (
        tenant_id uuid NOT NULL,
        unit_id uuid NOT NULL,
        pseudonym text NOT NULL CHECK (pseudonym ~ '^[0-9A-F]{6}$'),
        PRIMARY KEY (tenant_id, unit_id),
        UNIQUE (tenant_id, pseudonym),
        FOREIGN KEY (tenant_id, unit_id) REFERENCES units(tenant_id, id)
      );
    `);
    for (const table of ['pseudonymised_access', 'unit_pseudonyms']) await tenantTable(db, table);
  },
};
