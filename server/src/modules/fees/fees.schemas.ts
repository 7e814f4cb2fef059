import { Type } from 'typebox';
import { Body, Uuid } from '../../http/types.ts';
import { MAX_FEE_ITEMS, MAX_FEE_MINOR } from './fees.usecases.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const FeeStatus = Type.Union([Type.Literal('open'), Type.Literal('paid'), Type.Literal('cancelled')]);

export const FeeItem = Body({
  description: Type.String({ minLength: 1, maxLength: 100 }),
  amountMinor: Type.Integer({ minimum: 1, maximum: MAX_FEE_MINOR }),
});

export const CreateFeeInput = Body({
  /** Chosen by the client: sending the same request again returns the fee made first. */
  id: Uuid,
  personId: Uuid,
  items: Type.Array(FeeItem, { minItems: 1, maxItems: MAX_FEE_ITEMS }),
});

export const CancelFeeInput = Body({ reason: Type.String({ minLength: 3, maxLength: 300 }) });

export const FeeListQuery = Type.Object({
  personId: Type.Optional(Uuid),
  status: Type.Optional(FeeStatus),
}, { additionalProperties: false });

export const FeeOut = Type.Object({
  id: Type.String(),
  number: Type.Integer(),
  personId: Type.String(),
  customerNumber: Type.String(),
  name: Type.String(),
  currency: Type.String(),
  amountMinor: Type.Integer(),
  items: Type.Array(Type.Object({ description: Type.String(), amountMinor: Type.Integer() })),
  subject: Nullable(Type.Object({ type: Type.String(), id: Type.String() })),
  reference: Type.String({ description: 'the structured payment reference for a bank transfer' }),
  referenceFormatted: Type.String(),
  status: FeeStatus,
  paidVia: Nullable(Type.Union([Type.Literal('wallet'), Type.Literal('bank')])),
  paidAt: Nullable(Type.String()),
  cancelledAt: Nullable(Type.String()),
  cancelReason: Nullable(Type.String()),
  createdAt: Type.String(),
});
