// The ledger's vocabulary, after TigerBeetle: accounts with four running totals, immutable
// transfers with client-chosen ids, and pending transfers (holds) that are posted in full or in
// part, voided, or expire. Amounts are integer minor units of the account's currency.
import type { Currency } from '../../db/schema.ts';

export type AccountKind =
  | 'wallet'                 // a resident's prepaid balance (one per person per tenant)
  | 'receivable'             // what a resident owes on invoices (one per person per tenant)
  | 'revenue'                // the property manager's income from usage and fees
  | 'platform_fees'          // what the platform charges the manager
  | 'card_clearing'          // online card payments on their way in (payment provider)
  | 'terminal_card_clearing' // NFC bank cards at a terminal
  | 'bank_clearing'          // bank transfers received, per bank statement
  | 'refunds_payable'        // approved refunds not yet paid out
  | 'payouts'                // money that left through payout files
  | 'adjustments';           // manual corrections by staff

export type TransferCode = 'top_up' | 'usage' | 'transfer' | 'refund' | 'fee' | 'payout' | 'adjustment' | 'invoice_payment';

export interface Account {
  tenantId: string;
  id: string;
  kind: AccountKind;
  currency: Currency;
  personId: string | null;
  /** credits_posted - debits_posted */
  posted: number;
  /** held by open pending transfers (debits) */
  pendingDebits: number;
  /** what can still be spent: posted - pendingDebits */
  available: number;
}

export interface TransferInput {
  /** Client-chosen id (uuid): a retry with the same id and content returns the first result. */
  id: string;
  debitAccountId: string;
  creditAccountId: string;
  /** Minor units, > 0. */
  amount: number;
  code: TransferCode;
  /** What caused the transfer, e.g. { type: 'card_payment', id: 'pi_123' }. */
  reference: { type: string; id: string };
  /** A hold: reserves the amount until posted, voided or expired after this many seconds. */
  pendingTimeoutSeconds?: number;
  /** Usage that happened offline may take a wallet below zero; the debt is recorded as such. */
  allowOfflineDebt?: boolean;
  /** Free text shown on statements (e.g. the staff's reason for an adjustment). */
  note?: string;
}

export interface Transfer {
  id: string;
  debitAccountId: string;
  creditAccountId: string;
  amount: number;
  currency: Currency;
  code: TransferCode;
  referenceType: string;
  referenceId: string;
  kind: 'posted' | 'pending' | 'post_pending' | 'void_pending' | 'expire_pending';
  pendingId: string | null;
  expiresAt: Date | null;
  note: string | null;
  createdAt: Date;
}
