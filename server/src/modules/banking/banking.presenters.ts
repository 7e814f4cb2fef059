import type { Static } from 'typebox';
import type { TenantBankAccount } from '../../db/schema.ts';
import type { BankAccountOut, BankDetailsOut } from './banking.schemas.ts';
import type { PaymentInstructions } from './payment-instructions.ts';

export function presentBankAccount(row: TenantBankAccount): Static<typeof BankAccountOut> {
  return {
    iban: row.iban, qrIban: row.qr_iban, bic: row.bic, creditorName: row.creditor_name,
    street: row.street, postalCode: row.postal_code, city: row.city, country: row.country, vatId: row.vat_id,
  };
}

export function presentBankDetails(p: PaymentInstructions): Static<typeof BankDetailsOut> {
  return {
    iban: p.account, bic: p.bic, creditor: p.creditor, reference: p.reference, referenceFormatted: p.referenceFormatted,
    referenceType: p.referenceType, currency: p.currency, customerNumber: p.customerNumber,
  };
}
