// Opening a ticket, whoever asks (a resident, the office, the system): its number, its row, the
// "created" event with the attachments, and the assignment if it has an assignee already.
import { nextCounter } from '../../db/counters.ts';
import type { Tx } from '../../db/scope.ts';
import type { TicketCategory, TicketSource, TicketStatus } from '../../db/schema.ts';
import type { CheckedAttachment } from './tickets.attachments.ts';
import * as repo from './tickets.repository.ts';

/** Ticket numbers start here, so T-1001 is the first and no number looks like a count. */
const FIRST_NUMBER = 1001;

export interface NewTicket {
  tenantId: string; category: TicketCategory; subject: string; body: string; status: TicketStatus; source: TicketSource;
  sourceKey: string | null; clientId: string | null; personId: string | null; siteId: string | null; unitId: string | null;
  chargerSerial: string | null; assigneeUserId: string | null; createdBy: string | null; files: CheckedAttachment[]; at: Date;
}

export async function openTicket(tx: Tx, t: NewTicket): Promise<{ id: string; number: number }> {
  const number = await nextCounter(tx, t.tenantId, 'ticket', FIRST_NUMBER);
  const id = await repo.insertTicket(tx, {
    tenant_id: t.tenantId, number, client_id: t.clientId, category: t.category, subject: t.subject, body: t.body, status: t.status,
    source: t.source, source_key: t.sourceKey, person_id: t.personId, site_id: t.siteId, unit_id: t.unitId, charger_serial: t.chargerSerial,
    assignee_user_id: t.assigneeUserId, created_by: t.createdBy, created_at: t.at, updated_at: t.at,
  });
  const created = await repo.insertEvent(tx, {
    tenant_id: t.tenantId, ticket_id: id, kind: 'created', author_user_id: t.createdBy, body: null, from_status: null, to_status: t.status, assignee_user_id: null, at: t.at,
  });
  await repo.insertAttachments(tx, t.tenantId, id, created, t.createdBy, t.files, t.at);
  if (t.assigneeUserId) {
    await repo.insertEvent(tx, {
      tenant_id: t.tenantId, ticket_id: id, kind: 'assigned', author_user_id: t.createdBy, body: null, from_status: null, to_status: null, assignee_user_id: t.assigneeUserId, at: t.at,
    });
  }
  return { id, number };
}
