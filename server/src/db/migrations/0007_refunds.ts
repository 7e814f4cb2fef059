// Refunds of the remaining balance: a resident's request (with the hold that keeps the money from
// being spent meanwhile), the staff decision, and the payout files (pain.001) that pay them out.
// Also the tenant's settings table, starting with the refund processing fee.
import type { Migration } from '../migrate.ts';
import { executeScript } from '../script.ts';
import { tenantTable } from './helpers.ts';

export const refunds: Migration = {
  version: 7,
  name: 'refunds',
  async up(db) {
    await executeScript(db, `
      CREATE TABLE tenant_settings (
        tenant_id uuid PRIMARY KEY REFERENCES tenants(id),
        refund_fee_minor bigint NOT NULL DEFAULT 150 CHECK (refund_fee_minor >= 0),
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE payout_batches (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        currency char(3) NOT NULL CHECK (currency IN ('EUR', 'CHF', 'PLN')),
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        message_id text NOT NULL CHECK (length(message_id) <= 35),
        file_name text NOT NULL,
        xml text NOT NULL,
        count integer NOT NULL CHECK (count > 0),
        total bigint NOT NULL CHECK (total > 0),
        PRIMARY KEY (tenant_id, id),
        UNIQUE (tenant_id, message_id)
      );

      CREATE TABLE refund_requests (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        -- Chosen by the client, so a retried request is recognised.
        id uuid NOT NULL,
        person_id uuid NOT NULL,
        amount bigint NOT NULL CHECK (amount > 0),
        fee bigint NOT NULL CHECK (fee >= 0 AND fee < amount),
        currency char(3) NOT NULL CHECK (currency IN ('EUR', 'CHF', 'PLN')),
        iban text NOT NULL CHECK (iban ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$'),
        account_holder text NOT NULL CHECK (length(account_holder) BETWEEN 1 AND 70),
        status text NOT NULL DEFAULT 'requested' CHECK (status IN ('requested', 'approved', 'rejected', 'paid')),
        decided_by uuid,
        decided_at timestamptz,
        reason text,
        hold_transfer_id uuid NOT NULL,
        payout_batch_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, person_id) REFERENCES people(tenant_id, id),
        FOREIGN KEY (tenant_id, hold_transfer_id) REFERENCES ledger_transfers(tenant_id, id),
        FOREIGN KEY (tenant_id, payout_batch_id) REFERENCES payout_batches(tenant_id, id),
        CHECK ((status = 'requested') = (decided_at IS NULL)),
        CHECK ((status = 'paid') = (payout_batch_id IS NOT NULL))
      );
      -- One undecided request per person at a time (also under concurrent requests).
      CREATE UNIQUE INDEX refund_requests_one_open ON refund_requests (tenant_id, person_id) WHERE status = 'requested';
      CREATE INDEX refund_requests_by_status ON refund_requests (tenant_id, status, created_at);
    `);
    await tenantTable(db, 'tenant_settings');
    await tenantTable(db, 'payout_batches');
    await tenantTable(db, 'refund_requests');
  },
};
