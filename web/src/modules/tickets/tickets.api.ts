// What the ticket endpoints take and return (server/src/modules/tickets/tickets.schemas.ts).

export const CATEGORIES = ['appliance_fault', 'badge', 'charger_installation', 'refund', 'account_deletion', 'other'] as const;
export type Category = (typeof CATEGORIES)[number];
export const STATUSES = ['new', 'in_progress', 'waiting', 'resolved', 'closed', 'awaiting_approval', 'declined'] as const;
export type Status = (typeof STATUSES)[number];
export type Source = 'portal' | 'staff' | 'appliance_fault' | 'recurring_alarm' | 'lost_badge';

export const STATUS_COLOR: Record<Status, string> = {
  new: 'blue', in_progress: 'cyan', waiting: 'orange', resolved: 'green', closed: 'gray', awaiting_approval: 'violet', declined: 'red',
};

export interface TicketSummary {
  id: string;
  /** As shown, e.g. T-1042. */
  number: string;
  category: Category;
  subject: string;
  status: Status;
  siteName: string | null;
  unitLabel: string | null;
  personName: string | null;
  assignee: { userId: string; displayName: string } | null;
  source: Source;
  createdAt: string;
  updatedAt: string;
}

export interface TicketEvent {
  id: string;
  kind: 'created' | 'comment' | 'status' | 'assigned' | 'approval' | 'attachment';
  /** Null: the system wrote it. */
  authorName: string | null;
  body: string | null;
  internal: boolean;
  fromStatus: Status | null;
  toStatus: Status | null;
  assigneeName: string | null;
  attachmentIds: string[];
  at: string;
}

export interface Attachment { id: string; filename: string; mediaType: MediaType; size: number; createdAt: string; eventId: string | null }

export interface Ticket extends TicketSummary {
  body: string;
  personId: string | null;
  siteId: string | null;
  unitId: string | null;
  chargerSerial: string | null;
  approval: { decision: 'approve' | 'decline'; reason: string | null; decidedBy: string; decidedAt: string } | null;
  /** Oldest first. */
  events: TicketEvent[];
  attachments: Attachment[];
  /** What the reader may move it to now. */
  allowedStatuses: Status[];
  canAssign: boolean;
  canApprove: boolean;
}

export interface TicketList { total: number; tickets: TicketSummary[] }
export interface Assignee { userId: string; displayName: string; role: string }

export const MEDIA_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];
export interface AttachmentIn { filename: string; mediaType: MediaType; contentBase64: string }

export interface NewTicket {
  clientId: string;
  category: Category;
  subject: string;
  body: string;
  unitId?: string;
  chargerSerial?: string;
  attachments?: AttachmentIn[];
}

interface Automatic { enabled: boolean; assigneeUserId: string | null }
export interface TicketSettings {
  applianceFault: Automatic;
  recurringAlarm: Automatic & { times: number; days: number };
  lostBadge: Automatic;
}

export const attachmentUrl = (ticketId: string, attachmentId: string) => `/api/tickets/${ticketId}/attachments/${attachmentId}`;

/** A unit the resident lives in or uses now; a charger goes to one of kind parking_space. */
export interface OwnUnit { id: string; kind: string; label: string; siteName: string }
export const OWN_UNITS_PATH = '/api/me/units';
