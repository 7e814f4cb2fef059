// What the bank import endpoints return (server/src/modules/bankimport/bankimport.routes.ts).
import { upload } from '../../api.ts';

export interface ImportReport {
  statementId: string;
  format: string;
  messageId: string;
  alreadyImported: boolean;
  newEntries: number;
  matched: number;
  toReview: number;
  duplicatesSkipped: number;
  ignored: number;
  /** Minor units credited to wallets, per currency. */
  credited: Record<string, number>;
  /** Credits that quoted a fee's reference (server: bankimport.usecases.ts FeeSettlement). */
  fees: FeeSettlement[];
  /** Credits that quoted an invoice's reference (server: bankimport.usecases.ts InvoiceSettlement). */
  invoices: InvoiceSettlement[];
}

export interface InvoiceSettlement {
  invoiceId: string;
  number: string;
  outcome: 'paid' | 'partly_paid' | 'not_open';
  currency: string;
  receivedMinor: number;
  dueMinor: number;
  toWalletMinor: number;
}

export interface FeeSettlement {
  feeId: string;
  reference: string;
  outcome: 'paid' | 'underpaid' | 'not_open';
  currency: string;
  receivedMinor: number;
  feeMinor: number;
  toWalletMinor: number;
}

export interface BankStatement {
  id: string;
  fileName: string;
  format: string;
  messageId: string;
  importedBy: string;
  importedAt: string;
  credits: number;
  newEntries: number;
  matched: number;
  toReview: number;
  duplicatesSkipped: number;
  ignored: number;
}

export interface BankEntry {
  id: string;
  statementId: string;
  amount: number;
  currency: string;
  bookedOn: string;
  reference: string | null;
  freeText: string | null;
  debtorName: string | null;
  debtorIban: string | null;
  status: 'matched' | 'review' | 'assigned' | 'returned';
  matchedBy: string | null;
  reviewReason: string | null;
  person: { id: string; customerNumber: string; name: string } | null;
  transferId: string | null;
  returnReason: string | null;
  decidedAt: string | null;
}

/** Sends a bank statement file, with progress. */
export function uploadStatement(file: File, onProgress: (fraction: number) => void): Promise<ImportReport> {
  return upload<ImportReport>(`/api/bank/statements?fileName=${encodeURIComponent(file.name.slice(0, 200))}`, file, 'application/xml', onProgress);
}
