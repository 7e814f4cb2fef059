// Imported bank files (camt.053/054) and the credit entries read from them. An entry's key (the
// bank's own reference for the booking) is unique per tenant, so the same money arriving in a
// notification and again in the day's statement is credited once.
import type { Migration } from '../migrate.ts';
import { executeScript } from '../script.ts';
import { tenantTable } from './helpers.ts';

export const bankImport: Migration = {
  version: 5,
  name: 'bank_import',
  async up(db) {
    await executeScript(db, `
      CREATE TABLE bank_statements (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        file_name text NOT NULL,
        file_sha256 text NOT NULL,
        format text NOT NULL,
        message_id text NOT NULL,
        imported_by uuid REFERENCES users(id),
        imported_by_label text NOT NULL,
        imported_at timestamptz NOT NULL DEFAULT now(),
        credit_count integer NOT NULL DEFAULT 0,
        new_count integer NOT NULL DEFAULT 0,
        matched_count integer NOT NULL DEFAULT 0,
        review_count integer NOT NULL DEFAULT 0,
        duplicate_count integer NOT NULL DEFAULT 0,
        ignored_count integer NOT NULL DEFAULT 0,
        PRIMARY KEY (tenant_id, id),
        UNIQUE (tenant_id, file_sha256)
      );
      CREATE INDEX bank_statements_recent ON bank_statements (tenant_id, imported_at DESC);

      CREATE TABLE bank_entries (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        statement_id uuid NOT NULL,
        entry_key text NOT NULL,
        amount bigint NOT NULL CHECK (amount > 0),
        currency char(3) NOT NULL,
        booked_on date NOT NULL,
        reference text,
        free_text text,
        debtor_name text,
        debtor_iban text,
        status text NOT NULL CHECK (status IN ('matched', 'review', 'assigned', 'returned')),
        -- how a matched entry found its wallet, or why it waits for review
        matched_by text CHECK (matched_by IN ('reference', 'badge', 'customer_number')),
        review_reason text CHECK (review_reason IN ('no_match', 'unknown_customer', 'currency')),
        person_id uuid,
        transfer_id uuid,
        return_reason text,
        decided_by uuid REFERENCES users(id),
        decided_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        UNIQUE (tenant_id, entry_key),
        FOREIGN KEY (tenant_id, statement_id) REFERENCES bank_statements(tenant_id, id),
        FOREIGN KEY (tenant_id, person_id) REFERENCES people(tenant_id, id),
        FOREIGN KEY (tenant_id, transfer_id) REFERENCES ledger_transfers(tenant_id, id),
        CHECK ((status IN ('matched', 'assigned')) = (transfer_id IS NOT NULL AND person_id IS NOT NULL)),
        CHECK ((status = 'returned') = (return_reason IS NOT NULL))
      );
      CREATE INDEX bank_entries_status ON bank_entries (tenant_id, status, booked_on);
      CREATE INDEX bank_entries_statement ON bank_entries (tenant_id, statement_id);
    `);
    await tenantTable(db, 'bank_statements');
    await tenantTable(db, 'bank_entries');
  },
};
