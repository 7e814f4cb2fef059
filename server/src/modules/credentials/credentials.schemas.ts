import { Type } from 'typebox';
import { Body, Uuid } from '../../http/types.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Reason = Type.String({ minLength: 1, maxLength: 300 });

export const CredentialType = Type.Union([Type.Literal('rfid'), Type.Literal('phone'), Type.Literal('pin'), Type.Literal('fob')]);
export const CredentialStatus = Type.Union([
  Type.Literal('ordered'), Type.Literal('awaiting_fee'), Type.Literal('active'), Type.Literal('blocked'), Type.Literal('lost'), Type.Literal('returned'),
]);
export const BadgeRequestStatus = Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('rejected'), Type.Literal('cancelled')]);

/** Which stock badge to issue: by printed label or UID; neither takes the next free one. */
export const StockChoice = Body({
  label: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  uid: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
});

export const CredentialQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100, description: 'UID (any case, separators allowed), printed label, name or customer number' })),
  status: Type.Optional(CredentialStatus),
  type: Type.Optional(CredentialType),
  personId: Type.Optional(Uuid),
}, { additionalProperties: false });

export const OptionalReasonInput = Body({ reason: Type.Optional(Type.String({ maxLength: 300 })) });
export const ReasonInput = Body({ reason: Reason });

export const OrderInput = Body({
  personId: Uuid,
  /** Issue from stock at once; `{}` takes the next free badge. Without it the order waits for stock. */
  fulfil: Type.Optional(StockChoice),
  /** Issue without the fee, with the reason (kept in the badge's history). */
  waiveFeeReason: Type.Optional(Reason),
});

export const FobInput = Body({
  personId: Uuid,
  serial: Type.String({ minLength: 1, maxLength: 40, description: 'the fob\'s serial number (letters and digits; separators are ignored)' }),
  label: Type.Optional(Type.String({ maxLength: 64 })),
});

export const PhoneInput = Body({ name: Type.String({ minLength: 1, maxLength: 40 }) });
export const PinInput = Body({ pin: Type.String({ minLength: 1, maxLength: 16 }) });

const FeeSummary = Nullable(Type.Object({ id: Type.String(), status: Type.String(), amountMinor: Type.Integer(), currency: Type.String() }));

export const CredentialOut = Type.Object({
  id: Type.String(),
  type: CredentialType,
  /** Badges and fobs: the UID or serial. Phones and PINs: never (a phone's idTag is shown once, at creation). */
  uid: Nullable(Type.String()),
  label: Nullable(Type.String()),
  technology: Nullable(Type.String()),
  status: CredentialStatus,
  origin: Type.String(),
  personId: Type.String(),
  customerNumber: Type.String(),
  name: Type.String(),
  validUntil: Nullable(Type.String()),
  fee: FeeSummary,
  requestId: Nullable(Type.String()),
  createdAt: Type.String(),
  statusChangedAt: Type.String(),
});

export const HistoryOut = Type.Object({
  at: Type.String(),
  actor: Type.String({ description: 'staff, resident, fee, terminal, system' }),
  by: Nullable(Type.String()),
  fromStatus: Nullable(CredentialStatus),
  toStatus: CredentialStatus,
  reason: Nullable(Type.String()),
});

export const CredentialDetailOut = Type.Object({ credential: CredentialOut, history: Type.Array(HistoryOut) });

export const PhoneIssuedOut = Type.Object({
  credential: CredentialOut,
  idTag: Type.String({ description: 'shown once: enter it in the app or scan the QR code' }),
  qrDataUrl: Type.String(),
});

export const BadgeTermsOut = Type.Object({
  currency: Type.String(),
  badgeFeeMinor: Type.Integer(),
  shippingMinor: Type.Integer(),
  operatingMode: Type.String(),
});

export const BadgeRequestInput = Body({
  id: Uuid,
  kind: Type.Union([Type.Literal('first'), Type.Literal('additional'), Type.Literal('replacement')]),
  purpose: Type.Union([Type.Literal('laundry'), Type.Literal('charging'), Type.Literal('private_charger')]),
  parkingSpace: Type.Optional(Type.String({ maxLength: 40 })),
  chargerSerial: Type.Optional(Type.String({ maxLength: 60 })),
  note: Type.Optional(Type.String({ maxLength: 500 })),
});

export const BadgeRequestQuery = Type.Object({ status: Type.Optional(BadgeRequestStatus) }, { additionalProperties: false });
export const ApproveInput = Body({ fulfil: Type.Optional(StockChoice) });

export const BadgeRequestOut = Type.Object({
  id: Type.String(),
  personId: Type.String(),
  customerNumber: Type.String(),
  name: Type.String(),
  kind: Type.String(),
  purpose: Type.String(),
  parkingSpace: Nullable(Type.String()),
  chargerSerial: Nullable(Type.String()),
  note: Nullable(Type.String()),
  status: BadgeRequestStatus,
  reason: Nullable(Type.String()),
  decidedAt: Nullable(Type.String()),
  credentialId: Nullable(Type.String()),
  feeId: Nullable(Type.String()),
  createdAt: Type.String(),
});
