import { Type } from 'typebox';
import { Body, Uuid } from '../../http/types.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const text = (maxLength: number) => Type.String({ minLength: 1, maxLength });

export const DeviceKind = Type.Union([Type.Literal('laundry_terminal'), Type.Literal('charger')]);
export const ApplianceKind = Type.Union([Type.Literal('washer'), Type.Literal('dryer'), Type.Literal('ironer'), Type.Literal('ev_connector')]);
export const Metering = Type.Union([Type.Literal('energy'), Type.Literal('time'), Type.Literal('impulse')]);
export const Registration = Type.Union([Type.Literal('pending'), Type.Literal('accepted'), Type.Literal('rejected')]);
export const LiveStatus = Type.Union([Type.Literal('free'), Type.Literal('busy'), Type.Literal('fault'), Type.Literal('offline'), Type.Literal('unavailable')]);

export const DeviceInput = Body({
  /** The last segment of the device's URL (/ocpp/{identity}), OCPP's chargeBoxIdentity. */
  identity: Type.String({ pattern: '^[A-Za-z0-9._:-]{1,48}$' }),
  kind: DeviceKind,
  siteId: Uuid,
  /** The laundry room (terminal) or garage or parking space (charger) it sits in. */
  unitId: Type.Optional(Nullable(Uuid)),
  name: text(120),
});

export const DeviceUpdate = Body({
  name: Type.Optional(text(120)),
  unitId: Type.Optional(Nullable(Uuid)),
  idleEndMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 1440 })),
  impulseEndMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 240 })),
  heartbeatSeconds: Type.Optional(Type.Integer({ minimum: 10, maximum: 86_400 })),
});

export const DeviceListQuery = Type.Object({ siteId: Type.Optional(Uuid) }, { additionalProperties: false });

export const ApplianceInput = Body({
  connectorId: Type.Integer({ minimum: 1, maximum: 99 }),
  kind: ApplianceKind,
  metering: Metering,
  name: text(60),
});

export const ApplianceUpdate = Type.Partial(ApplianceInput, { additionalProperties: false });
export const ApplianceParams = Type.Object({ id: Uuid, applianceId: Uuid }, { additionalProperties: false });

export const ApplianceOut = Type.Object({
  id: Type.String(),
  deviceId: Type.String(),
  connectorId: Type.Integer(),
  kind: ApplianceKind,
  metering: Metering,
  name: Type.String(),
  status: LiveStatus,
  ocppStatus: Nullable(Type.String()),
  errorCode: Nullable(Type.String()),
  vendorErrorCode: Nullable(Type.String()),
  statusInfo: Nullable(Type.String()),
  statusAt: Nullable(Type.String()),
  running: Type.Boolean(),
});

export const DeviceOut = Type.Object({
  id: Type.String(),
  identity: Type.String(),
  kind: DeviceKind,
  siteId: Type.String(),
  siteName: Type.String(),
  unitId: Nullable(Type.String()),
  unitLabel: Nullable(Type.String()),
  name: Type.String(),
  registration: Registration,
  hasPassword: Type.Boolean(),
  vendor: Nullable(Type.String()),
  model: Nullable(Type.String()),
  serialNumber: Nullable(Type.String()),
  firmwareVersion: Nullable(Type.String()),
  iccid: Nullable(Type.String()),
  imsi: Nullable(Type.String()),
  meterType: Nullable(Type.String()),
  meterSerialNumber: Nullable(Type.String()),
  firmwareStatus: Nullable(Type.String()),
  diagnosticsStatus: Nullable(Type.String()),
  idleEndMinutes: Type.Integer(),
  impulseEndMinutes: Type.Integer(),
  heartbeatSeconds: Type.Integer(),
  lastBootAt: Nullable(Type.String()),
  lastSeenAt: Nullable(Type.String()),
  connected: Type.Boolean(),
  connectedAt: Nullable(Type.String()),
  createdAt: Type.String(),
  appliances: Type.Array(ApplianceOut),
});

export const PasswordOut = Type.Object({ password: Type.String({ description: 'shown this once; only its hash is kept' }) });
export const CreatedDeviceOut = Type.Object({ device: DeviceOut, password: Type.String({ description: 'shown this once; only its hash is kept' }) });

export const DeviceSettings = Body({
  faultAction: Type.Union([Type.Literal('none'), Type.Literal('notify_staff')]),
  /** What Authorize requires on the wallet before a charge starts (prepaid sites). */
  chargingMinBalanceMinor: Type.Integer({ minimum: 0, maximum: 100_000_00 }),
  /** How much each hold of a running charge takes from the wallet. */
  chargingHoldStepMinor: Type.Integer({ minimum: 1, maximum: 100_000_00 }),
});
