// Payout files: ISO 20022 pain.001 credit-transfer orders the property manager uploads to their
// bank. EUR tenants get a SEPA Credit Transfer (EPC flavour, written by the `sepa` package); CHF
// tenants get the Swiss Payment Standards 2022 flavour, written here because `sepa` only knows SEPA.
import type { Currency } from '../../db/schema.ts';
import { sepaCreditTransfer } from './pain001.sepa.ts';
import { swissCreditTransfer } from './pain001.swiss.ts';

export interface PayoutDebtor {
  name: string;
  iban: string;
  bic: string | null;
  street: string;
  postalCode: string;
  city: string;
  country: string;
}

export interface PayoutPayment {
  /** Max 35 characters; comes back on the bank statement and identifies the refund. */
  endToEndId: string;
  amountMinor: number;
  creditorName: string;
  creditorIban: string;
  remittance: string;
}

export interface PayoutFile {
  messageId: string;
  createdAt: Date;
  executionDate: Date;
  initiatorName: string;
  debtor: PayoutDebtor;
  payments: PayoutPayment[];
}

/** The payout file for a currency, or null when there is no pain.001 flavour for it here. */
export function painWriter(currency: Currency): ((file: PayoutFile) => string) | null {
  if (currency === 'EUR') return sepaCreditTransfer;
  if (currency === 'CHF') return swissCreditTransfer;
  return null;
}

/** Minor units as the decimal text ISO 20022 wants, without floating point: 1234 → "12.34". */
export function decimalAmount(minor: number): string {
  return `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;
}

/** The local calendar date, as banks read an execution date. */
export function isoDate(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}
