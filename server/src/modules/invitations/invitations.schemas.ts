import { Type } from 'typebox';
import { Body, Uuid } from '../../http/types.ts';

const Role = Type.Union([Type.Literal('manager_admin'), Type.Literal('manager_staff'), Type.Literal('resident'), Type.Literal('technician'), Type.Literal('lock_owner')]);
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const InvitationInput = Body({
  email: Type.String({ format: 'email', maxLength: 254 }),
  role: Role,
  personId: Type.Optional(Nullable(Uuid)),
  /** The lock owner or organisation a lock_owner invitation is for. */
  partyId: Type.Optional(Nullable(Uuid)),
});

export const TokenParams = Type.Object({ token: Type.String({ minLength: 10, maxLength: 200 }) }, { additionalProperties: false });

export const AcceptBody = Body({
  token: Type.String({ minLength: 10, maxLength: 200 }),
  password: Type.String({ minLength: 1, maxLength: 1024 }),
  displayName: Type.Optional(Type.String({ maxLength: 120 })),
});

export const InvitationOut = Type.Object({
  id: Type.String(),
  email: Type.String(),
  role: Type.String(),
  personId: Nullable(Type.String()),
  personName: Nullable(Type.String()),
  partyId: Nullable(Type.String()),
  partyName: Nullable(Type.String()),
  status: Type.Union([Type.Literal('pending'), Type.Literal('accepted'), Type.Literal('revoked'), Type.Literal('expired')]),
  invitedBy: Type.String(),
  createdAt: Type.String(),
  expiresAt: Type.String(),
});

export const InvitationPreview = Type.Object({ tenantName: Type.String(), email: Type.String(), role: Type.String(), existingAccount: Type.Boolean() });

export const AcceptOut = Type.Object({ secondFactorRequired: Type.Boolean(), csrfToken: Type.String() });

const Status = Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('declined')]);

export const AccessRequestBody = Body({
  customerNumber: Type.String({ pattern: '^\\s*[A-Za-z0-9]{2,16}-[0-9]{1,12}\\s*$' }),
  email: Type.String({ format: 'email', maxLength: 254 }),
});

export const AccessRequestQuery = Type.Object({ status: Type.Optional(Status) }, { additionalProperties: false });

export const AccessRequestOut = Type.Object({
  id: Type.String(),
  personId: Type.String(),
  personName: Type.String(),
  customerNumber: Type.String(),
  email: Type.String(),
  status: Status,
  decidedBy: Nullable(Type.String()),
  decidedAt: Nullable(Type.String()),
  createdAt: Type.String(),
});
