import { Type } from 'typebox';
import { Body, Uuid } from '../../http/types.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Status = Type.Union([Type.Literal('preselected'), Type.Literal('active'), Type.Literal('completed'), Type.Literal('cancelled')]);
const Unit = Type.Union([Type.Literal('kWh'), Type.Literal('min'), Type.Literal('impulse')]);
const Money = Type.Integer();

export const StartInput = Body({
  /** The most to use: kWh (decimals allowed), minutes or impulses. Optional for a charger. */
  quantity: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1000 })),
});

export const SessionListQuery = Type.Object({
  status: Type.Optional(Status),
  deviceId: Type.Optional(Uuid),
}, { additionalProperties: false });

export const SessionOut = Type.Object({
  id: Type.String(), applianceId: Type.String(), applianceName: Type.String(), applianceKind: Type.String(), deviceName: Type.String(),
  siteName: Type.String(), status: Type.String(), origin: Type.String(), metering: Type.String(), unit: Unit,
  startedAt: Nullable(Type.String()), stoppedAt: Nullable(Type.String()), preselectQuantity: Nullable(Type.Number()), quantity: Nullable(Type.Number()),
  unitPriceMinor: Money, sessionFeeMinor: Money, vatRatePercent: Type.Number(), amountMinor: Nullable(Money), vatMinor: Nullable(Money),
  debtMinor: Money, heldMinor: Money, currency: Type.String(), endedBy: Nullable(Type.String()),
  personName: Nullable(Type.String()), customerNumber: Nullable(Type.String()),
});

export const ApplianceOut = Type.Object({
  id: Type.String(), name: Type.String(), kind: Type.String(), metering: Type.String(), connectorId: Type.Integer(), deviceId: Type.String(),
  deviceName: Type.String(), siteId: Type.String(), siteName: Type.String(), room: Nullable(Type.String()),
  status: Type.Union([Type.Literal('free'), Type.Literal('busy'), Type.Literal('fault'), Type.Literal('offline'), Type.Literal('unavailable')]),
  price: Nullable(Type.Object({ unit: Unit, unitPrice: Money, sessionFee: Money, vatRate: Type.Number(), currency: Type.String() })),
  mySession: Nullable(Type.Object({ id: Type.String(), status: Type.String(), startedAt: Nullable(Type.String()), quantity: Nullable(Type.Number()), heldMinor: Money })),
});

export const ReserveInput = Body({ minutes: Type.Integer({ minimum: 5, maximum: 240 }) });
export const ReservationParams = Type.Object({ reservationId: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) }, { additionalProperties: false });
export const ReservationOut = Type.Object({ id: Type.Integer(), applianceId: Type.String(), expiresAt: Type.String(), status: Type.String() });
