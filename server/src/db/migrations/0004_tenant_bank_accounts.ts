// The bank account a property manager receives wallet top-ups on: printed on payment slips and
// matched against bank statements. One per tenant; a Swiss tenant may add a QR-IBAN for QR references.
import { sql } from 'kysely';
import type { Migration } from '../migrate.ts';
import { tenantTable } from './helpers.ts';

export const tenantBankAccounts: Migration = {
  version: 4,
  name: 'tenant_bank_accounts',
  async up(db) {
    await sql`
      CREATE TABLE tenant_bank_accounts (
        tenant_id uuid PRIMARY KEY REFERENCES tenants(id),
        iban text NOT NULL CHECK (iban ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$'),
        qr_iban text CHECK (qr_iban ~ '^(CH|LI)[0-9]{2}[A-Z0-9]{17}$'),
        bic text CHECK (bic ~ '^[A-Z0-9]{8}([A-Z0-9]{3})?$'),
        creditor_name text NOT NULL CHECK (length(creditor_name) BETWEEN 1 AND 70),
        street text NOT NULL,
        postal_code text NOT NULL,
        city text NOT NULL,
        country char(2) NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`.execute(db);
    await tenantTable(db, 'tenant_bank_accounts');
  },
};
