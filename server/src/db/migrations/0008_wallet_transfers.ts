// Balance transfers between residents asked for in the portal: the sender's amount is held
// until the receiver accepts (posted) or declines (voided).
import type { Migration } from '../migrate.ts';
import { executeScript } from '../script.ts';
import { tenantTable } from './helpers.ts';

export const walletTransfers: Migration = {
  version: 8,
  name: 'wallet_transfers',
  async up(db) {
    await executeScript(db, `
      CREATE TABLE wallet_transfer_requests (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        id uuid NOT NULL,
        from_person_id uuid NOT NULL,
        to_person_id uuid NOT NULL,
        amount bigint NOT NULL CHECK (amount > 0),
        hold_transfer_id uuid NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'declined', 'cancelled')),
        created_at timestamptz NOT NULL DEFAULT now(),
        decided_at timestamptz,
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, from_person_id) REFERENCES people(tenant_id, id),
        FOREIGN KEY (tenant_id, to_person_id) REFERENCES people(tenant_id, id),
        FOREIGN KEY (tenant_id, hold_transfer_id) REFERENCES ledger_transfers(tenant_id, id),
        CHECK (from_person_id <> to_person_id)
      );
      CREATE INDEX wallet_transfer_requests_to ON wallet_transfer_requests (tenant_id, to_person_id, status);
    `);
    await tenantTable(db, 'wallet_transfer_requests');
  },
};
