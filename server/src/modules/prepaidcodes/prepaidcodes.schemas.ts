import { Type } from 'typebox';
import { Body, Uuid } from '../../http/types.ts';

const Timestamp = Type.String({ format: 'date-time' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const Product = Type.Union([
  Type.Literal('management_5y'), Type.Literal('organisation_option'), Type.Literal('organisation_management'), Type.Literal('key_pack'),
]);

export const BatchInput = Body({
  product: Product,
  quantity: Type.Integer({ minimum: 1, maximum: 10_000 }),
  keysPerCode: Type.Optional(Type.Integer({ minimum: 1, maximum: 2500, description: 'key_pack only, and required there' })),
  label: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
});

export const BatchOut = Type.Object({
  id: Type.String(),
  product: Product,
  keysPerCode: Nullable(Type.Integer()),
  quantity: Type.Integer(),
  redeemed: Type.Integer(),
  label: Nullable(Type.String()),
  createdAt: Timestamp,
  createdBy: Type.String({ description: 'the operator\'s e-mail' }),
});

export const BatchCreatedOut = Type.Object({
  batch: BatchOut,
  codes: Type.Array(Type.String(), { description: 'XXXX-XXXX-XXXX-XXXX; shown this once, only their SHA-256 is kept' }),
});

export const RedemptionOut = Type.Object({
  hint: Type.String({ description: 'the code\'s last four characters' }),
  redeemedAt: Timestamp,
  by: Nullable(Type.String()),
  manager: Nullable(Type.String({ description: 'the property manager\'s name' })),
  lockSerial: Nullable(Type.String()),
  partyName: Nullable(Type.String()),
});

export const BatchDetailOut = Type.Object({ batch: BatchOut, redemptions: Type.Array(RedemptionOut) });

export const AttemptsQuery = Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })) }, { additionalProperties: false });

export const AttemptOut = Type.Object({
  at: Timestamp,
  user: Type.String(),
  outcome: Type.String({ description: 'redeemed, or the error code of the refusal' }),
  hint: Nullable(Type.String()),
  lockSerial: Nullable(Type.String()),
});

export const RedeemInput = Body({
  code: Type.String({ minLength: 1, maxLength: 64, description: 'as printed: XXXX-XXXX-XXXX-XXXX (case, spaces and hyphens do not matter)' }),
  lockId: Type.Optional(Uuid),
  /** organisation_management redeemed by the manager's admin: the party to upgrade. */
  partyId: Type.Optional(Uuid),
});

export const RedeemedOut = Type.Object({
  product: Product,
  lock: Type.Optional(Type.Object({
    id: Type.String(), serial: Type.String(), freeUntil: Timestamp, managedUntil: Nullable(Timestamp), orgOptionUntil: Nullable(Timestamp),
    purchasedKeys: Type.Integer(), keySlotsUsed: Type.Integer(),
  })),
  party: Type.Optional(Type.Object({ id: Type.String(), organisationManagementAt: Timestamp })),
});
