// One-off fees a resident owes (a badge and its shipping): paid from the wallet or by bank
// transfer under the fee's own structured reference, never refunded. What a fee is for (a badge
// order, …) is named by subject_type/subject_id, so the module that created it learns when it is paid.
import type { Migration } from '../migrate.ts';
import { executeScript } from '../script.ts';
import { tenantTable } from './helpers.ts';

export const fees: Migration = {
  version: 11,
  name: 'fees',
  async up(db) {
    await executeScript(db, `
      -- The sum of a fee's lines, so the table itself keeps amount_minor and items in step.
      CREATE FUNCTION fee_items_total(items jsonb) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$
        SELECT coalesce(sum((item->>'amountMinor')::bigint), 0) FROM jsonb_array_elements(items) AS item
      $$;

      CREATE TABLE fees (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        -- Chosen by the caller (a client's id, a badge order's), so a retried creation is recognised.
        id uuid NOT NULL,
        -- From the tenant's fee counter; the payment references derive from it.
        number bigint NOT NULL CHECK (number > 0),
        person_id uuid NOT NULL,
        currency char(3) NOT NULL CHECK (currency IN ('EUR', 'CHF', 'PLN')),
        amount_minor bigint NOT NULL CHECK (amount_minor > 0),
        items jsonb NOT NULL CHECK (jsonb_typeof(items) = 'array' AND jsonb_array_length(items) BETWEEN 1 AND 20),
        subject_type text,
        subject_id text,
        reference text NOT NULL,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'paid', 'cancelled')),
        paid_via text CHECK (paid_via IN ('wallet', 'bank')),
        transfer_id uuid,
        bank_entry_id uuid,
        paid_at timestamptz,
        cancelled_at timestamptz,
        cancel_reason text,
        cancelled_by uuid REFERENCES users(id),
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        UNIQUE (tenant_id, number),
        UNIQUE (tenant_id, reference),
        FOREIGN KEY (tenant_id, person_id) REFERENCES people(tenant_id, id),
        FOREIGN KEY (tenant_id, transfer_id) REFERENCES ledger_transfers(tenant_id, id),
        FOREIGN KEY (tenant_id, bank_entry_id) REFERENCES bank_entries(tenant_id, id),
        CHECK (fee_items_total(items) = amount_minor),
        CHECK ((subject_type IS NULL) = (subject_id IS NULL)),
        CHECK ((status = 'paid') = (paid_via IS NOT NULL AND transfer_id IS NOT NULL AND paid_at IS NOT NULL)),
        CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL AND cancel_reason IS NOT NULL)),
        CHECK ((paid_via = 'bank') = (bank_entry_id IS NOT NULL))
      );
      CREATE INDEX fees_by_person ON fees (tenant_id, person_id, created_at DESC);
      CREATE INDEX fees_by_status ON fees (tenant_id, status, created_at DESC);
      -- One live fee per thing it is for: ordering a badge twice by retry does not bill it twice.
      CREATE UNIQUE INDEX fees_one_per_subject ON fees (tenant_id, subject_type, subject_id)
        WHERE subject_type IS NOT NULL AND status <> 'cancelled';
    `);
    await tenantTable(db, 'fees');
  },
};
