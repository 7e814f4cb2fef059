import type { findBatch, RefundRow } from './refunds.repository.ts';

type BatchRow = NonNullable<Awaited<ReturnType<typeof findBatch>>>;

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

export function presentRefund(refund: RefundRow) {
  const amount = Number(refund.amount);
  const fee = Number(refund.fee);
  return {
    id: refund.id,
    personId: refund.person_id,
    customerNumber: refund.customer_number,
    name: `${refund.first_name} ${refund.last_name}`,
    amountMinor: amount,
    feeMinor: fee,
    payoutMinor: amount - fee,
    currency: refund.currency,
    iban: refund.iban,
    accountHolder: refund.account_holder,
    status: refund.status,
    reason: refund.reason,
    decidedAt: iso(refund.decided_at),
    payoutBatchId: refund.payout_batch_id,
    createdAt: iso(refund.created_at)!,
  };
}

export function presentPayoutBatch(batch: BatchRow) {
  return {
    id: batch.id,
    currency: batch.currency,
    messageId: batch.message_id,
    fileName: batch.file_name,
    count: batch.count,
    totalMinor: Number(batch.total),
    createdAt: iso(batch.created_at)!,
  };
}
