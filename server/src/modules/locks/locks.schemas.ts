import { Type } from 'typebox';
import { Body, Uuid } from '../../http/types.ts';

const Serial = Type.String({ pattern: '^[A-Za-z0-9-]{4,32}$', description: 'As printed on the lock' });
const Name = Type.String({ minLength: 1, maxLength: 120 });
const NullableUuid = Type.Union([Uuid, Type.Null()]);
const Timestamp = Type.String({ format: 'date-time' });
const NullableTimestamp = Type.Union([Timestamp, Type.Null()]);

export const LockInput = Body({
  serial: Serial,
  secret: Type.String({ minLength: 6, maxLength: 64, description: 'The registration secret printed on the lock' }),
  name: Name,
  /** The owning party; lock owners register for themselves and leave it out. */
  ownerId: Type.Optional(Uuid),
  siteId: Type.Optional(NullableUuid),
  unitId: Type.Optional(NullableUuid),
});

export const LockUpdate = Body({
  name: Type.Optional(Name),
  siteId: Type.Optional(NullableUuid),
  unitId: Type.Optional(NullableUuid),
});

export const LocksQuery = Type.Object({ search: Type.Optional(Type.String({ maxLength: 120 })) }, { additionalProperties: false });

export const Medium = Type.Union([Type.Literal('rfid'), Type.Literal('fob'), Type.Literal('phone'), Type.Literal('pin')]);

export const KeyInput = Body({
  holderName: Type.Optional(Type.String({ minLength: 1, maxLength: 160 })),
  /** One of the property manager's people (staff only). */
  personId: Type.Optional(Uuid),
  /** A registered organisation: the key shares the lock's management and opens nothing. */
  organisationId: Type.Optional(Uuid),
  medium: Type.Optional(Medium),
  /** A tag's UID or a remote's number; phones get one made for them. */
  identifier: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  /** A badge or remote the person holds already (rfid or fob). */
  credentialId: Type.Optional(Uuid),
  pin: Type.Optional(Type.String({ pattern: '^[0-9]{4,8}$' })),
  validFrom: Type.Optional(NullableTimestamp),
  validUntil: Type.Optional(NullableTimestamp),
  /** Bit 0 Monday … bit 6 Sunday; 127 (default) every day. */
  weekdays: Type.Optional(Type.Integer({ minimum: 1, maximum: 127 })),
  /** Opening hours as minutes after midnight in the property manager's time zone. */
  minutesFrom: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 1439 }), Type.Null()])),
  minutesUntil: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 1440 }), Type.Null()])),
});

export const KeyParams = Type.Object({ id: Uuid, keyId: Uuid }, { additionalProperties: false });

export const KeysQuery = Type.Object({
  status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('revoked')])),
  search: Type.Optional(Type.String({ maxLength: 120 })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
}, { additionalProperties: false });

export const EventKind = Type.Union([Type.Literal('opened'), Type.Literal('denied'), Type.Literal('battery_low'), Type.Literal('tamper'), Type.Literal('locked')]);

export const EventsQuery = Type.Object({
  kind: Type.Optional(Type.Union([EventKind, Type.Array(EventKind, { maxItems: 5 })])),
  keyId: Type.Optional(Uuid),
  from: Type.Optional(Timestamp),
  to: Type.Optional(Timestamp),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
}, { additionalProperties: false });

export const EventSettingsInput = Body({
  retentionDays: Type.Integer({ minimum: 7, maximum: 3650 }),
  pseudonymiseDays: Type.Integer({ minimum: 1, maximum: 3650 }),
});

export const HardwareInput = Body({
  locks: Type.Array(Body({ serial: Serial, secret: Type.String({ minLength: 6, maxLength: 64 }), model: Type.Optional(Type.String({ maxLength: 60 })) }),
    { minItems: 1, maxItems: 10_000 }),
});

export const BuildingManagementInput = Body({ partyId: Type.Optional(Uuid) });

// Out.

const Licence = Type.Object({
  management: Type.Union([Type.Literal('full'), Type.Literal('revoke_only')]),
  /** free: the first 3 months; paid: the 5 years of a code; lapsed: revoke only. */
  phase: Type.Union([Type.Literal('free'), Type.Literal('paid'), Type.Literal('lapsed')]),
  freeUntil: Type.String(),
  managedUntil: Type.Union([Type.String(), Type.Null()]),
  orgOptionUntil: Type.Union([Type.String(), Type.Null()]),
  sharing: Type.Boolean(),
  purchasedKeys: Type.Integer(),
  keySlotsUsed: Type.Integer(),
  activeKeys: Type.Integer(),
  issuableKeys: Type.Integer(),
  keyLimit: Type.Integer(),
});

export const LockOut = Type.Object({
  id: Type.String(),
  serial: Type.String(),
  name: Type.String(),
  owner: Type.Object({ id: Type.String(), name: Type.String() }),
  site: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
  unit: Type.Union([Type.Object({ id: Type.String(), label: Type.String() }), Type.Null()]),
  registeredAt: Type.String(),
  right: Type.Union([Type.Literal('owner'), Type.Literal('shared'), Type.Literal('reader')]),
  licence: Licence,
  whitelistVersion: Type.Integer(),
  syncedVersion: Type.Union([Type.Integer(), Type.Null()]),
  lastSeenAt: Type.Union([Type.String(), Type.Null()]),
  batteryLowAt: Type.Union([Type.String(), Type.Null()]),
  tamperAt: Type.Union([Type.String(), Type.Null()]),
});

export const KeyOut = Type.Object({
  id: Type.String(),
  holderName: Type.String(),
  personId: Type.Union([Type.String(), Type.Null()]),
  organisationId: Type.Union([Type.String(), Type.Null()]),
  medium: Type.Union([Medium, Type.Null()]),
  identifier: Type.Union([Type.String(), Type.Null()]),
  validFrom: Type.Union([Type.String(), Type.Null()]),
  validUntil: Type.Union([Type.String(), Type.Null()]),
  weekdays: Type.Integer(),
  minutesFrom: Type.Union([Type.Integer(), Type.Null()]),
  minutesUntil: Type.Union([Type.Integer(), Type.Null()]),
  issuedAt: Type.String(),
  revokedAt: Type.Union([Type.String(), Type.Null()]),
  pseudonym: Type.String(),
});

export const IssuedKeyOut = Type.Object({
  key: KeyOut,
  /** Shown once: the PIN as issued, or the token a phone enrols with. */
  secret: Type.Union([Type.String(), Type.Null()]),
  lock: LockOut,
});

export const KeysPageOut = Type.Object({ total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(), keys: Type.Array(KeyOut) });

export const EventOut = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  kind: EventKind,
  keyId: Type.Union([Type.String(), Type.Null()]),
  /** The key's holder, or null once pseudonymised (then `keyPseudonym` tells keys apart). */
  holderName: Type.Union([Type.String(), Type.Null()]),
  keyPseudonym: Type.Union([Type.String(), Type.Null()]),
  medium: Type.Union([Medium, Type.Null()]),
  detail: Type.Union([Type.String(), Type.Null()]),
});

export const EventsPageOut = Type.Object({ total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(), events: Type.Array(EventOut) });

export const AccountOut = Type.Object({
  id: Type.String(),
  name: Type.String(),
  kind: Type.Union([Type.Literal('organisation'), Type.Literal('lock_owner')]),
  buildingManagementAt: Type.Union([Type.String(), Type.Null()]),
  organisationManagementAt: Type.Union([Type.String(), Type.Null()]),
});

export const OrganisationOut = Type.Object({ id: Type.String(), name: Type.String() });

export const PlaceOut = Type.Object({ id: Type.String(), name: Type.String(), units: Type.Array(Type.Object({ id: Type.String(), label: Type.String() })) });

export const EventSettingsOut = Type.Object({ retentionDays: Type.Integer(), pseudonymiseDays: Type.Integer() });

export const HardwareOut = Type.Object({
  serial: Type.String(),
  model: Type.Union([Type.String(), Type.Null()]),
  firstRegisteredAt: Type.Union([Type.String(), Type.Null()]),
  freeUntil: Type.Union([Type.String(), Type.Null()]),
  managedUntil: Type.Union([Type.String(), Type.Null()]),
  registeredWith: Type.Union([Type.String(), Type.Null()]),
});
