import { Type } from 'typebox';

// A day (`2026-03-01`, whole day) or an instant (`2026-03-01T12:00:00Z`).
const DayOrInstant = Type.Union([Type.String({ format: 'date' }), Type.String({ format: 'date-time' })]);

export const AuditQuery = Type.Object({
  entityType: Type.Optional(Type.String({ maxLength: 60 })),
  action: Type.Optional(Type.String({ maxLength: 80 })),
  actor: Type.Optional(Type.String({ maxLength: 254 })),
  from: Type.Optional(DayOrInstant),
  to: Type.Optional(DayOrInstant),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 1 })),
}, { additionalProperties: false });

export const AuditEventOut = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  actor: Type.String(),
  actorUserId: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  entityType: Type.String(),
  entityId: Type.String(),
  before: Type.Unknown(),
  after: Type.Unknown(),
});

export const AuditPageOut = Type.Object({ page: Type.Integer(), pageSize: Type.Integer(), events: Type.Array(AuditEventOut) });
