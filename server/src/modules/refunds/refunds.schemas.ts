import { Type } from 'typebox';
import { Body, Uuid } from '../../http/types.ts';

export const RefundRequestInput = Body({
  /** Chosen by the client: sending the same request again returns the first result. */
  requestId: Uuid,
  iban: Type.String({ minLength: 1, maxLength: 64 }),
  accountHolder: Type.String({ minLength: 1, maxLength: 70 }),
  /** Less than the whole balance; without it, everything available is refunded. */
  amountMinor: Type.Optional(Type.Integer({ minimum: 1 })),
});

export const RejectInput = Body({ reason: Type.String({ minLength: 1, maxLength: 500 }) });

export const RefundStatus = Type.Union([Type.Literal('requested'), Type.Literal('approved'), Type.Literal('rejected'), Type.Literal('paid'), Type.Literal('expired')]);
export const RefundListQuery = Type.Object({ status: Type.Optional(RefundStatus) }, { additionalProperties: false });

export const RefundOut = Type.Object({
  id: Type.String(),
  personId: Type.String(),
  customerNumber: Type.String(),
  name: Type.String(),
  amountMinor: Type.Integer(),
  feeMinor: Type.Integer(),
  payoutMinor: Type.Integer(),
  currency: Type.String(),
  iban: Type.String(),
  accountHolder: Type.String(),
  status: RefundStatus,
  reason: Type.Union([Type.String(), Type.Null()]),
  decidedAt: Type.Union([Type.String(), Type.Null()]),
  payoutBatchId: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
});

export const PayoutBatchInput = Body({
  /** The day the bank should execute the transfers (default: today). */
  executionDate: Type.Optional(Type.String({ format: 'date' })),
});

export const PayoutBatchOut = Type.Object({
  id: Type.String(),
  currency: Type.String(),
  messageId: Type.String(),
  fileName: Type.String(),
  count: Type.Integer(),
  totalMinor: Type.Integer(),
  createdAt: Type.String(),
});

export const RefundSettings = Body({ refundFeeMinor: Type.Integer({ minimum: 0, maximum: 100_000 }) });
