// Invoices for what residents consume on credit (postpaid charging now, metered energy later),
// issued by periodic runs. An issued invoice never changes: its lines cannot be updated or deleted,
// and of the invoice itself only what payments move (paid_minor, status) may be updated; a
// correction is a credit note, numbered in the same gapless sequence. Each invoice is one ledger
// transfer from the resident's receivable account to the tenant's revenue.
import type { Migration } from '../migrate.ts';
import { executeScript } from '../script.ts';
import { tenantTable } from './helpers.ts';

export const invoices: Migration = {
  version: 16,
  name: 'invoices',
  async up(db) {
    await executeScript(db, `
      -- Whether the tenant's prices (tariffs) include VAT: then an invoice line's VAT is taken out
      -- of the price, else added to it. And how many days an invoice gives to pay.
      ALTER TABLE tenant_settings ADD COLUMN prices_include_vat boolean NOT NULL DEFAULT true;
      ALTER TABLE tenant_settings ADD COLUMN invoice_due_days integer NOT NULL DEFAULT 30 CHECK (invoice_due_days BETWEEN 1 AND 90);

      -- What a resident owes on invoices: a person's account beside the wallet, which may go below zero.
      ALTER TABLE ledger_accounts DROP CONSTRAINT ledger_accounts_kind_check;
      ALTER TABLE ledger_accounts ADD CONSTRAINT ledger_accounts_kind_check CHECK (kind IN ('wallet', 'receivable', 'revenue',
        'platform_fees', 'card_clearing', 'terminal_card_clearing', 'bank_clearing', 'refunds_payable', 'payouts', 'adjustments'));
      ALTER TABLE ledger_accounts DROP CONSTRAINT ledger_accounts_check;
      ALTER TABLE ledger_accounts ADD CONSTRAINT ledger_accounts_person_check CHECK ((kind IN ('wallet', 'receivable')) = (person_id IS NOT NULL));
      DROP INDEX ledger_system_account;
      CREATE UNIQUE INDEX ledger_system_account ON ledger_accounts (tenant_id, kind, currency) WHERE person_id IS NULL;
      CREATE UNIQUE INDEX ledger_receivable_of_person ON ledger_accounts (tenant_id, person_id) WHERE kind = 'receivable';
      -- Money that settles an invoice (from the bank, a card or the wallet into the receivable).
      ALTER TABLE ledger_transfers DROP CONSTRAINT ledger_transfers_code_check;
      ALTER TABLE ledger_transfers ADD CONSTRAINT ledger_transfers_code_check
        CHECK (code IN ('top_up', 'usage', 'transfer', 'refund', 'fee', 'payout', 'adjustment', 'invoice_payment'));

      -- One run per tenant and period: a second run of the same period finds this row and adds
      -- only what the first left (an interrupted run), never an invoice twice.
      CREATE TABLE invoice_runs (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        period text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        -- Consumption that ended before this instant (the period's end, in the tenant's time zone).
        ends_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'finished')),
        invoices integer NOT NULL DEFAULT 0,
        gross_minor bigint NOT NULL DEFAULT 0,
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        PRIMARY KEY (tenant_id, id),
        UNIQUE (tenant_id, period)
      );

      CREATE TABLE invoices (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('invoice', 'credit_note')),
        -- Gapless per tenant and year, invoices and credit notes together: 2026-000001.
        year integer NOT NULL,
        sequence integer NOT NULL CHECK (sequence > 0),
        number text NOT NULL,
        person_id uuid NOT NULL,
        run_id uuid,
        -- A credit note names the invoice it corrects, and why.
        corrects_id uuid,
        reason text,
        -- The buyer as they were at issue: name, customer number, address.
        buyer jsonb NOT NULL,
        language text NOT NULL CHECK (language IN ('de', 'fr', 'nl', 'pl', 'en')),
        currency char(3) NOT NULL CHECK (currency IN ('EUR', 'CHF', 'PLN')),
        prices_include_vat boolean NOT NULL,
        -- Sums of the lines, all positive (a credit note's kind gives the direction).
        net_minor bigint NOT NULL CHECK (net_minor >= 0),
        vat_minor bigint NOT NULL CHECK (vat_minor >= 0),
        gross_minor bigint NOT NULL CHECK (gross_minor > 0),
        -- The structured payment reference (RF or Swiss QR) the bank import matches.
        reference text NOT NULL,
        issued_at timestamptz NOT NULL,
        due_on date NOT NULL,
        transfer_id uuid NOT NULL,
        -- Moved by payments and delivery: the only columns the application may update.
        paid_minor bigint NOT NULL DEFAULT 0 CHECK (paid_minor >= 0),
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'paid', 'credited')),
        -- When the invoice went out by e-mail with its PDF; 'none' when the resident has no e-mail
        -- address (the manager posts those).
        delivery text NOT NULL DEFAULT 'pending' CHECK (delivery IN ('pending', 'emailed', 'none')),
        delivered_at timestamptz,
        PRIMARY KEY (tenant_id, id),
        UNIQUE (tenant_id, year, sequence),
        UNIQUE (tenant_id, number),
        UNIQUE (tenant_id, reference),
        FOREIGN KEY (tenant_id, person_id) REFERENCES people(tenant_id, id),
        FOREIGN KEY (tenant_id, run_id) REFERENCES invoice_runs(tenant_id, id),
        FOREIGN KEY (tenant_id, corrects_id) REFERENCES invoices(tenant_id, id),
        FOREIGN KEY (tenant_id, transfer_id) REFERENCES ledger_transfers(tenant_id, id),
        CHECK (net_minor + vat_minor = gross_minor),
        CHECK ((kind = 'credit_note') = (corrects_id IS NOT NULL AND reason IS NOT NULL))
      );
      CREATE INDEX invoices_by_person ON invoices (tenant_id, person_id, issued_at DESC);
      CREATE INDEX invoices_by_run ON invoices (tenant_id, run_id);
      -- An invoice is corrected by one credit note (for all of it).
      CREATE UNIQUE INDEX invoices_one_credit_note ON invoices (tenant_id, corrects_id) WHERE corrects_id IS NOT NULL;

      CREATE TABLE invoice_lines (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        invoice_id uuid NOT NULL,
        line_no integer NOT NULL CHECK (line_no > 0),
        -- In the invoice's language, as printed.
        description text NOT NULL,
        -- Consumed quantity in the unit printed (kWh with three decimals, minutes, impulses).
        quantity numeric(14, 3) NOT NULL,
        unit text NOT NULL CHECK (unit IN ('kWh', 'min', 'impulse', 'piece')),
        net_minor bigint NOT NULL CHECK (net_minor >= 0),
        vat_rate_bp integer NOT NULL CHECK (vat_rate_bp BETWEEN 0 AND 10000),
        vat_minor bigint NOT NULL CHECK (vat_minor >= 0),
        gross_minor bigint NOT NULL CHECK (gross_minor >= 0),
        -- The usage session the line bills, if any.
        session_id uuid,
        PRIMARY KEY (tenant_id, invoice_id, line_no),
        FOREIGN KEY (tenant_id, invoice_id) REFERENCES invoices(tenant_id, id),
        FOREIGN KEY (tenant_id, session_id) REFERENCES usage_sessions(tenant_id, id),
        CHECK (net_minor + vat_minor = gross_minor)
      );

      -- Each payment that settled (part of) an invoice: the ledger transfer into the receivable and
      -- where the money came from.
      CREATE TABLE invoice_payments (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        invoice_id uuid NOT NULL,
        transfer_id uuid NOT NULL,
        via text NOT NULL CHECK (via IN ('bank_transfer', 'balance')),
        amount_minor bigint NOT NULL CHECK (amount_minor > 0),
        paid_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, transfer_id),
        FOREIGN KEY (tenant_id, invoice_id) REFERENCES invoices(tenant_id, id),
        FOREIGN KEY (tenant_id, transfer_id) REFERENCES ledger_transfers(tenant_id, id)
      );
      CREATE INDEX invoice_payments_by_invoice ON invoice_payments (tenant_id, invoice_id);

      -- A postpaid session is invoiced once: the run sets this under the session's row lock.
      ALTER TABLE usage_sessions ADD COLUMN invoice_id uuid;
      ALTER TABLE usage_sessions ADD CONSTRAINT usage_sessions_invoice
        FOREIGN KEY (tenant_id, invoice_id) REFERENCES invoices(tenant_id, id);
      -- What a run looks for, resident by resident: their postpaid sessions not invoiced yet.
      CREATE INDEX usage_sessions_to_invoice ON usage_sessions (tenant_id, person_id, stopped_at)
        WHERE billing = 'postpaid' AND status = 'completed' AND invoice_id IS NULL;

      -- Immutability, by privilege: lines are written once; of an invoice only payments' columns move.
      REVOKE UPDATE, DELETE ON invoice_lines, invoice_payments FROM concierge_app, concierge_platform;
      REVOKE UPDATE, DELETE ON invoices FROM concierge_app, concierge_platform;
      GRANT UPDATE (paid_minor, status, delivery, delivered_at) ON invoices TO concierge_app, concierge_platform;

      -- What a mail carried as attachments (file names and sizes; the files are the invoices' own PDFs).
      ALTER TABLE mail_outbox ADD COLUMN attachments jsonb;
    `);
    for (const table of ['invoice_runs', 'invoices', 'invoice_lines', 'invoice_payments']) await tenantTable(db, table);
  },
};
