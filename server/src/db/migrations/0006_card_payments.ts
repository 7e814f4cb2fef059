// Card top-ups through a payment provider: one row per payment the resident starts, with the
// provider's id and the ledger transfer that credited the wallet once the provider confirmed it.
import type { Migration } from '../migrate.ts';
import { executeScript } from '../script.ts';
import { tenantTable } from './helpers.ts';

export const cardPayments: Migration = {
  version: 6,
  name: 'card_payments',
  async up(db) {
    await executeScript(db, `
      CREATE TABLE card_payments (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        id uuid NOT NULL,
        person_id uuid NOT NULL,
        amount bigint NOT NULL CHECK (amount > 0),
        currency char(3) NOT NULL CHECK (currency IN ('EUR', 'CHF', 'PLN')),
        -- Provider ids are unique across the provider account, which serves every tenant.
        provider_payment_id text NOT NULL UNIQUE,
        status text NOT NULL DEFAULT 'created' CHECK (status IN ('created', 'succeeded', 'failed', 'canceled')),
        transfer_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, person_id) REFERENCES people(tenant_id, id),
        FOREIGN KEY (tenant_id, transfer_id) REFERENCES ledger_transfers(tenant_id, id),
        CHECK ((status = 'succeeded') = (transfer_id IS NOT NULL))
      );
      CREATE INDEX card_payments_person ON card_payments (tenant_id, person_id, created_at);
    `);
    await tenantTable(db, 'card_payments');
  },
};
