// The fields of a ticket that leave the server. A resident never gets internal notes, nor the
// files attached to them (the use case leaves them out before this).
import type { TenantActor } from '../../http/actor.ts';
import { allowedStatuses, canApprove, canAssign } from './tickets.policies.ts';
import type { AttachmentRow, EventRow, TicketRow } from './tickets.repository.ts';
import { ticketNumber } from './tickets.texts.ts';

export type Names = Map<string, string>;

/** A member's name; a login that has left the tenant keeps its place in the history without one. */
const nameOf = (names: Names, userId: string | null) => (userId ? names.get(userId) ?? '–' : null);

export function presentSummary(t: TicketRow, names: Names) {
  return {
    id: t.id, number: ticketNumber(t.number), category: t.category, subject: t.subject, status: t.status,
    siteName: t.site_name, unitLabel: t.unit_label, personName: t.person_name,
    assignee: t.assignee_user_id ? { userId: t.assignee_user_id, displayName: nameOf(names, t.assignee_user_id)! } : null,
    source: t.source, createdAt: t.created_at.toISOString(), updatedAt: t.updated_at.toISOString(),
  };
}

function presentEvent(e: EventRow, attachments: AttachmentRow[], names: Names) {
  return {
    id: e.id, kind: e.kind, authorName: nameOf(names, e.author_user_id), body: e.body, internal: e.internal,
    fromStatus: e.from_status, toStatus: e.to_status, assigneeName: nameOf(names, e.assignee_user_id),
    attachmentIds: attachments.filter((a) => a.event_id === e.id).map((a) => a.id), at: e.at.toISOString(),
  };
}

export interface TicketView { ticket: TicketRow; events: EventRow[]; attachments: AttachmentRow[]; names: Names }

export function presentTicket({ ticket: t, events, attachments, names }: TicketView, actor: TenantActor) {
  return {
    ...presentSummary(t, names),
    body: t.body, personId: t.person_id, siteId: t.site_id, unitId: t.unit_id, chargerSerial: t.charger_serial,
    approval: t.approval_decision && t.approval_at
      ? { decision: t.approval_decision, reason: t.approval_reason, decidedBy: nameOf(names, t.approval_by) ?? '–', decidedAt: t.approval_at.toISOString() }
      : null,
    events: events.map((e) => presentEvent(e, attachments, names)),
    attachments: attachments.map((a) => ({ id: a.id, filename: a.filename, mediaType: a.media_type, size: a.size, createdAt: a.created_at.toISOString(), eventId: a.event_id })),
    allowedStatuses: allowedStatuses(actor, t), canAssign: canAssign(actor, t), canApprove: canApprove(actor, t),
  };
}
