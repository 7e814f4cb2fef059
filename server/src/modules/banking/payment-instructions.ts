// What a payer needs to top up a wallet by bank transfer: which account, which reference, and
// which machine-readable form fits the currency. Pure; the slip and the portal both use it.
import { friendlyFormatIBAN, isQRIBAN } from 'ibantools';
import type { Currency, Language, TenantBankAccount } from '../../db/schema.ts';
import { formatReference, walletReferences } from './references.ts';

export interface Payer {
  firstName: string;
  lastName: string;
  customerNumber: string;
  language: Language;
  currency: Currency;
}

export interface PaymentInstructions {
  account: string;
  accountFormatted: string;
  bic: string | null;
  creditor: { name: string; street: string; postalCode: string; city: string; country: string };
  reference: string;
  referenceFormatted: string;
  referenceType: 'rf' | 'qr';
  currency: Currency;
  customerNumber: string;
  payerName: string;
  language: Language;
  /** EPC QR code for euro transfers, Swiss QR-bill for francs to a Swiss account, else text only. */
  form: 'epc' | 'swiss_qr_bill' | 'text';
}

export function paymentInstructions(bank: TenantBankAccount, payer: Payer): PaymentInstructions {
  const refs = walletReferences(payer.customerNumber);
  // A QR-IBAN accepts only QR references, and a QR reference only reaches a QR-IBAN.
  const useQr = payer.currency === 'CHF' && bank.qr_iban !== null;
  const account = useQr ? bank.qr_iban! : bank.iban;
  const reference = useQr ? refs.qr : refs.rf;
  const swissAccount = isQRIBAN(account) || /^(CH|LI)/.test(account);
  return {
    account,
    accountFormatted: friendlyFormatIBAN(account) ?? account,
    bic: bank.bic,
    creditor: { name: bank.creditor_name, street: bank.street, postalCode: bank.postal_code, city: bank.city, country: bank.country },
    reference,
    referenceFormatted: formatReference(reference),
    referenceType: useQr ? 'qr' : 'rf',
    currency: payer.currency,
    customerNumber: payer.customerNumber,
    payerName: `${payer.firstName} ${payer.lastName}`,
    language: payer.language,
    form: payer.currency === 'EUR' ? 'epc' : payer.currency === 'CHF' && swissAccount ? 'swiss_qr_bill' : 'text',
  };
}
