import { Type } from 'typebox';
import { Body, Uuid } from '../../http/types.ts';

const literals = <const T extends string>(values: readonly T[]) => Type.Enum(values);
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const CATEGORIES = ['appliance_fault', 'badge', 'charger_installation', 'refund', 'account_deletion', 'other'] as const;
export const STATUSES = ['new', 'in_progress', 'waiting', 'resolved', 'closed', 'awaiting_approval', 'declined'] as const;
export const SOURCES = ['portal', 'staff', 'appliance_fault', 'recurring_alarm', 'lost_badge'] as const;
export const MEDIA_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;

const Category = literals(CATEGORIES);
const Status = literals(STATUSES);

export const AttachmentIn = Body({
  filename: Type.String({ minLength: 1, maxLength: 200 }),
  mediaType: literals(MEDIA_TYPES),
  /** The file, base64; at most 5 MiB decoded, and its bytes must match the type. */
  contentBase64: Type.String({ minLength: 1 }),
});
const Attachments = Type.Array(AttachmentIn, { maxItems: 5 });

export const TicketInput = Body({
  /** Chosen by the client: the same request sent again returns the ticket it opened. */
  clientId: Uuid,
  category: Category,
  subject: Type.String({ minLength: 1, maxLength: 200 }),
  body: Type.String({ minLength: 1, maxLength: 10_000 }),
  unitId: Type.Optional(Uuid),
  siteId: Type.Optional(Uuid),
  /** charger_installation: a parking space the resident occupies (unitId) or the charger's serial number. */
  chargerSerial: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  /** Staff only: the resident the ticket is for. */
  personId: Type.Optional(Uuid),
  attachments: Type.Optional(Attachments),
});

export const CommentInput = Body({
  body: Type.String({ minLength: 1, maxLength: 10_000 }),
  /** Staff and technicians: a note residents never see. */
  internal: Type.Optional(Type.Boolean()),
  attachments: Type.Optional(Attachments),
});

export const StatusInput = Body({ status: Status, note: Type.Optional(Type.String({ minLength: 1, maxLength: 10_000 })) });
export const AssignInput = Body({ assigneeUserId: Nullable(Uuid) });
export const ApprovalInput = Body({
  decision: literals(['approve', 'decline'] as const),
  reason: Type.Optional(Type.String({ maxLength: 2000 })),
  /** On approval: the electrician (a technician login) who installs the charger. */
  electricianUserId: Type.Optional(Uuid),
});

export const TicketsQuery = Type.Object({
  status: Type.Optional(Status),
  category: Type.Optional(Category),
  /** me, none, or a user's id. */
  assignee: Type.Optional(Type.Union([Type.Literal('me'), Type.Literal('none'), Uuid])),
  q: Type.Optional(Type.String({ maxLength: 200 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
}, { additionalProperties: false });

export const AttachmentParams = Type.Object({ id: Uuid, attachmentId: Uuid }, { additionalProperties: false });

const Person = Type.Object({ userId: Type.String(), displayName: Type.String() });

export const TicketSummaryOut = Type.Object({
  id: Type.String(), number: Type.String({ description: 'e.g. T-1042' }), category: Category, subject: Type.String(), status: Status,
  siteName: Nullable(Type.String()), unitLabel: Nullable(Type.String()), personName: Nullable(Type.String()),
  assignee: Nullable(Person), source: literals(SOURCES), createdAt: Type.String(), updatedAt: Type.String(),
});

export const TicketEventOut = Type.Object({
  id: Type.String(), kind: literals(['created', 'comment', 'status', 'assigned', 'approval', 'attachment'] as const),
  authorName: Nullable(Type.String({ description: 'null: the system' })), body: Nullable(Type.String()), internal: Type.Boolean(),
  fromStatus: Nullable(Status), toStatus: Nullable(Status), assigneeName: Nullable(Type.String()), attachmentIds: Type.Array(Type.String()), at: Type.String(),
});

export const TicketOut = Type.Intersect([TicketSummaryOut, Type.Object({
  body: Type.String(), personId: Nullable(Type.String()), siteId: Nullable(Type.String()), unitId: Nullable(Type.String()), chargerSerial: Nullable(Type.String()),
  approval: Nullable(Type.Object({ decision: literals(['approve', 'decline'] as const), reason: Nullable(Type.String()), decidedBy: Type.String(), decidedAt: Type.String() })),
  events: Type.Array(TicketEventOut),
  attachments: Type.Array(Type.Object({ id: Type.String(), filename: Type.String(), mediaType: Type.String(), size: Type.Integer(), createdAt: Type.String(), eventId: Nullable(Type.String()) })),
  allowedStatuses: Type.Array(Status), canAssign: Type.Boolean(), canApprove: Type.Boolean(),
})]);

export const TicketListOut = Type.Object({ total: Type.Integer(), tickets: Type.Array(TicketSummaryOut) });

const Automatic = { enabled: Type.Boolean(), assigneeUserId: Nullable(Uuid) };
export const TicketSettingsBody = Body({
  applianceFault: Body(Automatic),
  recurringAlarm: Body({ ...Automatic, times: Type.Integer({ minimum: 2, maximum: 20 }), days: Type.Integer({ minimum: 1, maximum: 90 }) }),
  lostBadge: Body(Automatic),
});

export const AssigneeOut = Type.Object({ userId: Type.String(), displayName: Type.String(), role: Type.String() });
