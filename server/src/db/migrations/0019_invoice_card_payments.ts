// Paying an invoice by card: a card payment may name the invoice it pays (the webhook then settles
// the invoice, the rest goes to the wallet), and an invoice's payments may come by card. Also the
// claim an invoice run takes on an invoice before e-mailing it, so two runs at once send it once.
import type { Migration } from '../migrate.ts';
import { executeScript } from '../script.ts';

export const invoiceCardPayments: Migration = {
  version: 19,
  name: 'invoice_card_payments',
  async up(db) {
    await executeScript(db, `
      -- Null: a wallet top-up. Otherwise the invoice the resident pays; the payment page sends them
      -- back to their invoices, where the portal follows this payment.
      ALTER TABLE card_payments ADD COLUMN invoice_id uuid;
      ALTER TABLE card_payments ADD CONSTRAINT card_payments_invoice
        FOREIGN KEY (tenant_id, invoice_id) REFERENCES invoices(tenant_id, id);
      CREATE INDEX card_payments_by_invoice ON card_payments (tenant_id, invoice_id) WHERE invoice_id IS NOT NULL;

      ALTER TABLE invoice_payments DROP CONSTRAINT invoice_payments_via_check;
      ALTER TABLE invoice_payments ADD CONSTRAINT invoice_payments_via_check CHECK (via IN ('bank_transfer', 'balance', 'card'));

      -- Taken by a run that is e-mailing the invoice: another run leaves it alone for a while, and
      -- sends it should the first have died before marking it delivered (as invoice_reminders does).
      ALTER TABLE invoices ADD COLUMN sending_since timestamptz;
      GRANT UPDATE (sending_since) ON invoices TO concierge_app, concierge_platform;
    `);
  },
};
