import { Type } from 'typebox';
import { Body } from '../../http/types.ts';

const Password = Type.String({ minLength: 1, maxLength: 1024 });
const Email = Type.String({ format: 'email', maxLength: 254 });
const Token = Type.String({ minLength: 10, maxLength: 200 });
const Phone = Type.Union([Type.String({ pattern: '^\\+?[0-9 ()/.-]{3,32}$' }), Type.Null()]);

export const CodeBody = Body({ code: Type.String({ minLength: 1, maxLength: 32 }) });
export const PasswordBody = Body({ password: Password });
export const PasswordChangeBody = Body({ currentPassword: Password, newPassword: Password });
export const ResetRequestBody = Body({ email: Type.String({ minLength: 3, maxLength: 254 }) });
export const ResetConfirmBody = Body({ token: Token, newPassword: Password });
export const TokenBody = Body({ token: Token });
export const EmailChangeBody = Body({ newEmail: Email, password: Password });
export const ContactBody = Body({
  landline: Type.Optional(Phone),
  mobile: Type.Optional(Phone),
  displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
  language: Type.Optional(Type.Union([Type.Literal('de'), Type.Literal('fr'), Type.Literal('nl'), Type.Literal('pl'), Type.Literal('en')])),
});
export const PageQuery = Type.Object({
  page: Type.Integer({ minimum: 1, maximum: 10_000, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
}, { additionalProperties: false });

const LoginEvent = Type.Object({
  at: Type.String(), ip: Type.Union([Type.String(), Type.Null()]), userAgent: Type.Union([Type.String(), Type.Null()]), outcome: Type.String(),
});
export const LoginHistoryOut = Type.Object({
  items: Type.Array(LoginEvent),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  lastSuccess: Type.Union([LoginEvent, Type.Null()]),
  lastFailure: Type.Union([LoginEvent, Type.Null()]),
});
export const EnrolmentOut = Type.Object({ secret: Type.String(), uri: Type.String(), qrDataUrl: Type.String() });
export const RecoveryCodesOut = Type.Object({ recoveryCodes: Type.Array(Type.String()) });
export const SecondFactorOut = Type.Object({ ok: Type.Literal(true), usedRecoveryCode: Type.Boolean(), recoveryCodesLeft: Type.Integer() });
