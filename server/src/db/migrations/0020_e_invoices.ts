// E-invoices for business customers (Factur-X / ZUGFeRD): a customer may be a business, with the
// company's name and VAT identification number, and the manager has a VAT identification number
// of its own, which an EN 16931 invoice must carry as the seller's.
import type { Migration } from '../migrate.ts';
import { executeScript } from '../script.ts';

export const eInvoices: Migration = {
  version: 20,
  name: 'e_invoices',
  async up(db) {
    await executeScript(db, `
      -- A customer with a company name is a business customer: invoices name the company and,
      -- where the manager has a VAT ID, embed the invoice as Factur-X XML.
      ALTER TABLE people ADD COLUMN company_name text CHECK (length(company_name) BETWEEN 1 AND 200);
      ALTER TABLE people ADD COLUMN vat_id text CHECK (vat_id ~ '^[A-Z]{2}[0-9A-Z+*]{2,14}$');
      ALTER TABLE tenant_bank_accounts ADD COLUMN vat_id text CHECK (vat_id ~ '^[A-Z]{2}[0-9A-Z+*]{2,14}$');
    `);
  },
};
