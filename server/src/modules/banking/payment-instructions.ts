// What a payer needs to top up a wallet (or pay a fee) by bank transfer: which account, which
// reference, and which machine-readable form fits the currency. Pure; the slip and the portal use it.
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
  /** A fixed amount (a fee) in minor units; null for a top-up, where the payer chooses. */
  amountMinor: number | null;
}

/** A payment of a fixed amount under its own references (a fee) instead of the wallet's. */
export interface PaymentRequest {
  /** `qr` null: the payment must not use a QR reference (then the normal IBAN and RF apply). */
  references: { rf: string; qr: string | null };
  amountMinor: number;
}

export function paymentInstructions(bank: TenantBankAccount, payer: Payer, request?: PaymentRequest): PaymentInstructions {
  const refs = request?.references ?? walletReferences(payer.customerNumber);
  // A QR-IBAN accepts only QR references, and a QR reference only reaches a QR-IBAN.
  const useQr = payer.currency === 'CHF' && bank.qr_iban !== null && refs.qr !== null;
  const account = useQr ? bank.qr_iban! : bank.iban;
  const reference = useQr ? refs.qr! : refs.rf;
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
    amountMinor: request?.amountMinor ?? null,
  };
}
