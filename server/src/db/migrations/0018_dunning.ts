// Reminders (dunning) for unpaid invoices: the tenant's reminder levels (days after the due date
// and a fee each), and per invoice the level it reached and the fees it has added to what is owed.
// Each reminder is a row of its own, unique per invoice and level, so a level is reached once even
// when two runs meet. The invoice stays immutable but for two more columns the reminder run moves.
import type { Migration } from '../migrate.ts';
import { executeScript } from '../script.ts';
import { tenantTable } from './helpers.ts';

export const dunning: Migration = {
  version: 18,
  name: 'dunning',
  async up(db) {
    await executeScript(db, `
      -- [{ "days": 14, "feeMinor": 0 }, …], days strictly increasing, at most 5 levels (none: no reminders).
      -- The application checks the shape; the database keeps it an array of at most five.
      ALTER TABLE tenant_settings ADD COLUMN reminder_levels jsonb NOT NULL
        DEFAULT '[{"days": 14, "feeMinor": 0}, {"days": 28, "feeMinor": 500}, {"days": 42, "feeMinor": 1000}]'
        CHECK (jsonb_typeof(reminder_levels) = 'array' AND jsonb_array_length(reminder_levels) <= 5);

      -- The highest reminder sent for the invoice, and the fees those reminders added to what it owes.
      ALTER TABLE invoices ADD COLUMN reminder_level smallint NOT NULL DEFAULT 0 CHECK (reminder_level BETWEEN 0 AND 5);
      ALTER TABLE invoices ADD COLUMN reminder_fees_minor bigint NOT NULL DEFAULT 0 CHECK (reminder_fees_minor >= 0);
      ALTER TABLE invoices ADD CONSTRAINT invoices_paid_at_most_owed CHECK (paid_minor <= gross_minor + reminder_fees_minor);
      GRANT UPDATE (reminder_level, reminder_fees_minor) ON invoices TO concierge_app, concierge_platform;

      CREATE TABLE invoice_reminders (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        invoice_id uuid NOT NULL,
        level smallint NOT NULL CHECK (level BETWEEN 1 AND 5),
        -- The level as configured when it was reached.
        days integer NOT NULL CHECK (days > 0),
        fee_minor bigint NOT NULL CHECK (fee_minor >= 0),
        -- The fee's ledger transfer (receivable -> revenue), when there is a fee.
        transfer_id uuid,
        reminded_at timestamptz NOT NULL,
        -- E-mailed with the invoice's PDF; 'none' without an e-mail address (the manager posts it);
        -- 'cancelled' when the invoice was settled before the mail went out.
        delivery text NOT NULL DEFAULT 'pending' CHECK (delivery IN ('pending', 'emailed', 'none', 'cancelled')),
        delivered_at timestamptz,
        -- Taken by a run that is sending it: another run (another node) leaves it alone for a while,
        -- and sends it should the first have died before marking it delivered.
        sending_since timestamptz,
        PRIMARY KEY (tenant_id, invoice_id, level),
        FOREIGN KEY (tenant_id, invoice_id) REFERENCES invoices(tenant_id, id),
        FOREIGN KEY (tenant_id, transfer_id) REFERENCES ledger_transfers(tenant_id, id),
        CHECK ((fee_minor > 0) = (transfer_id IS NOT NULL))
      );
      CREATE INDEX invoice_reminders_undelivered ON invoice_reminders (tenant_id) WHERE delivery = 'pending';
      -- What the daily run looks at: open invoices, by due date.
      CREATE INDEX invoices_open_by_due ON invoices (tenant_id, due_on) WHERE kind = 'invoice' AND status = 'open';

      REVOKE UPDATE, DELETE ON invoice_reminders FROM concierge_app, concierge_platform;
      GRANT UPDATE (delivery, delivered_at, sending_since) ON invoice_reminders TO concierge_app, concierge_platform;
    `);
    await tenantTable(db, 'invoice_reminders');
  },
};
