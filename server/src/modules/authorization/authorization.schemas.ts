import { Type } from 'typebox';
import { Body } from '../../http/types.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const Purpose = Type.Union([Type.Literal('laundry'), Type.Literal('charging'), Type.Literal('lock')]);

export const ClaimInput = Body({ label: Type.String({ minLength: 1, maxLength: 64, description: 'as printed on the card, e.g. ID*heimbau*1234' }) });

export const ClaimOut = Type.Object({
  credentialId: Type.String(),
  label: Type.String(),
  status: Type.String(),
  movedMinor: Type.Integer({ description: 'balance moved from the badge\'s own account to your wallet' }),
  currency: Type.String(),
});

export const DeviceListQuery = Type.Object({
  since: Type.Optional(Type.Integer({ minimum: 0, description: 'the list version the device holds; omitted or 0: the full list' })),
}, { additionalProperties: false });

const ListedStatus = Type.Union([Type.Literal('Accepted'), Type.Literal('Blocked'), Type.Literal('Expired')]);

export const DeviceListOut = Type.Object({
  version: Type.Integer(),
  updateType: Type.Union([Type.Literal('Full'), Type.Literal('Differential')]),
  entries: Type.Array(Type.Object({
    idTag: Type.String(),
    idTagInfo: Type.Optional(Type.Object({ status: ListedStatus, expiryDate: Type.Optional(Type.String()) })),
  }), { description: 'OCPP 1.6 SendLocalList localAuthorizationList; an entry without idTagInfo removes the tag' }),
});

export const CheckQuery = Type.Object({
  idTag: Type.String({ minLength: 1, maxLength: 64 }),
  purpose: Purpose,
}, { additionalProperties: false });

export const CheckOut = Type.Object({
  status: Type.Union([Type.Literal('Accepted'), Type.Literal('Blocked'), Type.Literal('Expired'), Type.Literal('Invalid'), Type.Literal('ConcurrentTx')]),
  reason: Nullable(Type.String()),
  credentialId: Nullable(Type.String()),
  personId: Nullable(Type.String()),
  walletId: Nullable(Type.String()),
  balanceMinor: Nullable(Type.Integer()),
  currency: Nullable(Type.String()),
  cached: Type.Boolean({ description: 'answered from this server\'s memory' }),
});
