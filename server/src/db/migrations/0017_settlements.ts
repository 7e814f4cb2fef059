// Settlements: what the platform pays each property manager for a period. A contract per tenant
// (kept by the operator) says how often it is settled, what the platform charges and where the
// money goes; the manager chooses whether the payout is one sum or one per site (each site may have
// its own bank account). A settlement, once made, never changes: its revenue per site, the fees
// subtracted, the payout and the payout file are what the statement prints and the bank got.
import type { Migration } from '../migrate.ts';
import { executeScript } from '../script.ts';
import { tenantTable } from './helpers.ts';

export const settlements: Migration = {
  version: 17,
  name: 'settlements',
  async up(db) {
    await executeScript(db, `
      CREATE TABLE settlement_contracts (
        tenant_id uuid PRIMARY KEY REFERENCES tenants(id),
        period text NOT NULL DEFAULT 'yearly' CHECK (period IN ('yearly', 'quarterly', 'monthly')),
        -- Per installed terminal per year; includes one settlement a year.
        portal_fee_minor bigint NOT NULL DEFAULT 12000 CHECK (portal_fee_minor >= 0),
        -- Per terminal per year for each settlement beyond the first of the year.
        period_surcharge_minor bigint NOT NULL DEFAULT 500 CHECK (period_surcharge_minor >= 0),
        pseudonymised_data boolean NOT NULL DEFAULT false,
        pseudonymised_data_fee_minor bigint NOT NULL DEFAULT 5000 CHECK (pseudonymised_data_fee_minor >= 0),
        -- Card top-ups (online and at terminals): basis points of the amount plus a fixed part each.
        card_fee_bp integer NOT NULL DEFAULT 0 CHECK (card_fee_bp BETWEEN 0 AND 1000),
        card_fee_fixed_minor bigint NOT NULL DEFAULT 0 CHECK (card_fee_fixed_minor >= 0),
        split text NOT NULL DEFAULT 'combined' CHECK (split IN ('combined', 'per_site')),
        account_holder text CHECK (length(account_holder) BETWEEN 1 AND 70),
        iban text CHECK (iban ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$'),
        bic text CHECK (bic ~ '^[A-Z0-9]{8}([A-Z0-9]{3})?$'),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((account_holder IS NULL) = (iban IS NULL))
      );

      CREATE TABLE site_payout_accounts (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        site_id uuid NOT NULL,
        account_holder text NOT NULL CHECK (length(account_holder) BETWEEN 1 AND 70),
        iban text NOT NULL CHECK (iban ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$'),
        bic text CHECK (bic ~ '^[A-Z0-9]{8}([A-Z0-9]{3})?$'),
        PRIMARY KEY (tenant_id, site_id),
        FOREIGN KEY (tenant_id, site_id) REFERENCES sites(tenant_id, id)
      );

      CREATE TABLE settlements (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        id uuid NOT NULL,
        period text NOT NULL CHECK (period ~ '^[0-9]{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$'),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        -- The revenue counted: from the previous settlement's end (NULL: from the beginning) to ends_at.
        counted_from timestamptz,
        currency char(3) NOT NULL CHECK (currency IN ('EUR', 'CHF', 'PLN')),
        language text NOT NULL CHECK (language IN ('de', 'fr', 'nl', 'pl', 'en')),
        split text NOT NULL CHECK (split IN ('combined', 'per_site')),
        terminals integer NOT NULL CHECK (terminals >= 0),
        revenue_minor bigint NOT NULL,
        fees_minor bigint NOT NULL CHECK (fees_minor >= 0),
        -- A shortfall of the previous settlement (fees beyond revenue), zero or negative.
        carried_in_minor bigint NOT NULL CHECK (carried_in_minor <= 0),
        payout_minor bigint NOT NULL CHECK (payout_minor >= 0),
        carried_out_minor bigint NOT NULL CHECK (carried_out_minor <= 0),
        fees jsonb NOT NULL,
        fee_transfer_id uuid,
        payout_transfer_id uuid,
        message_id text,
        file_name text,
        pain001 text,
        created_at timestamptz NOT NULL,
        created_by text NOT NULL,
        PRIMARY KEY (tenant_id, id),
        UNIQUE (tenant_id, period),
        FOREIGN KEY (tenant_id, fee_transfer_id) REFERENCES ledger_transfers(tenant_id, id),
        FOREIGN KEY (tenant_id, payout_transfer_id) REFERENCES ledger_transfers(tenant_id, id),
        CHECK (carried_in_minor + revenue_minor - fees_minor = payout_minor + carried_out_minor),
        CHECK (carried_out_minor = 0 OR payout_minor = 0)
      );
      CREATE INDEX settlements_by_end ON settlements (tenant_id, ends_at DESC);

      -- One line per site (site_id NULL: what belongs to no site, such as badge fees and card fees),
      -- and where its payout went.
      CREATE TABLE settlement_lines (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        settlement_id uuid NOT NULL,
        line_no integer NOT NULL CHECK (line_no > 0),
        site_id uuid,
        site_name text,
        terminals integer NOT NULL CHECK (terminals >= 0),
        revenue_minor bigint NOT NULL,
        fees_minor bigint NOT NULL CHECK (fees_minor >= 0),
        payout_minor bigint NOT NULL CHECK (payout_minor >= 0),
        account_holder text,
        iban text,
        PRIMARY KEY (tenant_id, settlement_id, line_no),
        FOREIGN KEY (tenant_id, settlement_id) REFERENCES settlements(tenant_id, id),
        FOREIGN KEY (tenant_id, site_id) REFERENCES sites(tenant_id, id)
      );

      REVOKE UPDATE, DELETE ON settlements, settlement_lines FROM concierge_app, concierge_platform;
    `);
    for (const table of ['settlement_contracts', 'site_payout_accounts', 'settlements', 'settlement_lines']) await tenantTable(db, table);
  },
};
