// What the refund endpoints return (server/src/modules/refunds/refunds.routes.ts).
export type RefundStatus = 'requested' | 'approved' | 'rejected' | 'paid' | 'expired';

export interface Refund {
  id: string;
  personId: string;
  customerNumber: string;
  name: string;
  amountMinor: number;
  feeMinor: number;
  payoutMinor: number;
  currency: string;
  iban: string;
  accountHolder: string;
  status: RefundStatus;
  reason: string | null;
  decidedAt: string | null;
  payoutBatchId: string | null;
  createdAt: string;
}

export interface PayoutBatch {
  id: string;
  currency: string;
  messageId: string;
  fileName: string;
  count: number;
  totalMinor: number;
  createdAt: string;
}

export const refundStatusColor: Record<RefundStatus, string> = { requested: 'yellow', approved: 'teal', rejected: 'gray', paid: 'blue', expired: 'orange' };
