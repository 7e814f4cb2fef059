// What the wallet endpoints return (server/src/modules/wallets/wallets.routes.ts).
export interface Wallet {
  personId: string;
  customerNumber: string;
  name: string;
  currency: string;
  posted: number;
  pendingDebits: number;
  available: number;
  inDebt: boolean;
}

export interface WalletListItem {
  personId: string;
  customerNumber: string;
  name: string;
  email: string | null;
  posted: number;
  pendingDebits: number;
  available: number;
}

export type TransferCode = 'top_up' | 'usage' | 'transfer' | 'refund' | 'fee' | 'payout' | 'adjustment' | 'invoice_payment';

export interface StatementLine {
  transferId: string;
  at: string;
  code: TransferCode;
  referenceType: string | null;
  referenceId: string | null;
  note: string | null;
  amount: number;
  balance: number;
}

export interface Statement { currency: string; opening: number; closing: number; lines: StatementLine[] }

export interface TransferRequest {
  id: string;
  amount: number;
  status: 'pending' | 'accepted' | 'declined' | 'cancelled';
  createdAt: string;
  direction: 'sent' | 'received';
  fromName: string;
  toName: string;
}
