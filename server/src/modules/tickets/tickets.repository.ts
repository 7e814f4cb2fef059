// SQL for tickets, their history, attachments and settings. Every function takes the tenant;
// row-level security holds it too. Users' names live in the platform's users table, so
// `userNames` and `assignableUsers` run in an asPlatform transaction and name the tenant themselves.
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Tx } from '../../db/scope.ts';
import type { TicketAttachmentsTable, TicketCategory, TicketEventsTable, TicketSource, TicketStatus, TicketsTable } from '../../db/schema.ts';
import type { CheckedAttachment } from './tickets.attachments.ts';

export type TicketRow = Selectable<TicketsTable> & { site_name: string | null; unit_label: string | null; person_name: string | null };
export type EventRow = Selectable<TicketEventsTable>;
export type AttachmentRow = Omit<Selectable<TicketAttachmentsTable>, 'content'> & { internal: boolean };

function selectTickets(tx: Tx, tenantId: string) {
  return tx.selectFrom('tickets as t')
    .leftJoin('sites as s', (j) => j.onRef('s.tenant_id', '=', 't.tenant_id').onRef('s.id', '=', 't.site_id'))
    .leftJoin('units as u', (j) => j.onRef('u.tenant_id', '=', 't.tenant_id').onRef('u.id', '=', 't.unit_id'))
    .leftJoin('people as p', (j) => j.onRef('p.tenant_id', '=', 't.tenant_id').onRef('p.id', '=', 't.person_id'))
    .selectAll('t')
    .select(['s.name as site_name', 'u.label as unit_label', sql<string | null>`p.first_name || ' ' || p.last_name`.as('person_name')])
    .where('t.tenant_id', '=', tenantId);
}

export function findTicket(tx: Tx, tenantId: string, id: string): Promise<TicketRow | undefined> {
  return selectTickets(tx, tenantId).where('t.id', '=', id).executeTakeFirst();
}

/** The ticket's row locked for a change, so two changes of one ticket follow each other. */
export async function lockTicket(tx: Tx, tenantId: string, id: string) {
  return tx.selectFrom('tickets').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function ticketIdByClientId(tx: Tx, tenantId: string, clientId: string): Promise<string | null> {
  const row = await tx.selectFrom('tickets').select('id').where('tenant_id', '=', tenantId).where('client_id', '=', clientId).executeTakeFirst();
  return row?.id ?? null;
}

/** The open automatic ticket about the same thing, if any. */
export async function openAutomaticTicket(tx: Tx, tenantId: string, source: TicketSource, sourceKey: string): Promise<string | null> {
  const row = await tx.selectFrom('tickets').select('id').where('tenant_id', '=', tenantId).where('source', '=', source).where('source_key', '=', sourceKey)
    .where('status', 'not in', ['resolved', 'closed', 'declined']).executeTakeFirst();
  return row?.id ?? null;
}

export async function insertTicket(tx: Tx, values: Insertable<TicketsTable>): Promise<string> {
  return (await tx.insertInto('tickets').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateTicket(tx: Tx, tenantId: string, id: string, set: Updateable<TicketsTable>): Promise<void> {
  await tx.updateTable('tickets').set(set).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

export async function insertEvent(tx: Tx, values: Insertable<TicketEventsTable>): Promise<string> {
  return (await tx.insertInto('ticket_events').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

export async function insertAttachments(tx: Tx, tenantId: string, ticketId: string, eventId: string, userId: string | null, files: CheckedAttachment[], at: Date) {
  if (files.length === 0) return;
  await tx.insertInto('ticket_attachments').values(files.map((f) => ({
    tenant_id: tenantId, ticket_id: ticketId, event_id: eventId, filename: f.filename, media_type: f.mediaType, size: f.size, sha256: f.sha256,
    content: f.content, uploaded_by: userId, created_at: at,
  }))).execute();
}

export function eventsOf(tx: Tx, tenantId: string, ticketId: string, withInternal: boolean): Promise<EventRow[]> {
  let query = tx.selectFrom('ticket_events').selectAll().where('tenant_id', '=', tenantId).where('ticket_id', '=', ticketId);
  if (!withInternal) query = query.where('internal', '=', false);
  return query.orderBy('seq').execute();
}

/** The ticket's files without their content; those of internal notes flagged. */
export function attachmentsOf(tx: Tx, tenantId: string, ticketId: string): Promise<AttachmentRow[]> {
  return tx.selectFrom('ticket_attachments as a')
    .leftJoin('ticket_events as e', (j) => j.onRef('e.tenant_id', '=', 'a.tenant_id').onRef('e.id', '=', 'a.event_id'))
    .select(['a.tenant_id', 'a.id', 'a.ticket_id', 'a.event_id', 'a.filename', 'a.media_type', 'a.size', 'a.sha256', 'a.uploaded_by', 'a.created_at'])
    .select(sql<boolean>`coalesce(e.internal, false)`.as('internal'))
    .where('a.tenant_id', '=', tenantId).where('a.ticket_id', '=', ticketId).orderBy('a.created_at').orderBy('a.id').execute();
}

export function attachmentContent(tx: Tx, tenantId: string, ticketId: string, attachmentId: string) {
  return tx.selectFrom('ticket_attachments').select(['filename', 'media_type', 'content', 'event_id'])
    .where('tenant_id', '=', tenantId).where('ticket_id', '=', ticketId).where('id', '=', attachmentId).executeTakeFirst();
}

export interface ListFilter {
  personId?: string; assigneeUserId?: string | null; status?: TicketStatus; category?: TicketCategory; q?: string; limit: number; offset: number;
}

export async function listTickets(tx: Tx, tenantId: string, filter: ListFilter): Promise<{ total: number; rows: TicketRow[] }> {
  let query = selectTickets(tx, tenantId);
  if (filter.personId !== undefined) query = query.where('t.person_id', '=', filter.personId);
  if (filter.assigneeUserId === null) query = query.where('t.assignee_user_id', 'is', null);
  else if (filter.assigneeUserId !== undefined) query = query.where('t.assignee_user_id', '=', filter.assigneeUserId);
  if (filter.status) query = query.where('t.status', '=', filter.status);
  if (filter.category) query = query.where('t.category', '=', filter.category);
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const number = /^(?:T-)?(\d{1,9})$/i.exec(filter.q)?.[1];
    query = query.where((eb) => eb.or([eb('t.subject', 'ilike', pattern), eb('t.body', 'ilike', pattern), ...(number ? [eb('t.number', '=', Number(number))] : [])]));
  }
  const total = await query.clearSelect().select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  const rows = await query.orderBy('t.updated_at', 'desc').orderBy('t.number', 'desc').limit(filter.limit).offset(filter.offset).execute();
  return { total: Number(total.n), rows };
}

/** The logins of the ticket's resident: members whose person is the ticket's person. */
export async function residentUsers(tx: Tx, tenantId: string, personId: string): Promise<string[]> {
  const rows = await tx.selectFrom('memberships').select('user_id').where('tenant_id', '=', tenantId).where('person_id', '=', personId).where('role', '=', 'resident').execute();
  return rows.map((r) => r.user_id);
}

export async function memberRole(tx: Tx, tenantId: string, userId: string) {
  const row = await tx.selectFrom('memberships').select('role').where('tenant_id', '=', tenantId).where('user_id', '=', userId).executeTakeFirst();
  return row?.role ?? null;
}

/** Run as the platform: the display names of the tenant's members among `userIds`. */
export async function userNames(platform: Tx, tenantId: string, userIds: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return new Map();
  const rows = await platform.selectFrom('users').select(['id', 'display_name']).where('id', 'in', unique)
    .where((eb) => eb.exists(eb.selectFrom('memberships').select('user_id').whereRef('memberships.user_id', '=', 'users.id').where('memberships.tenant_id', '=', tenantId)))
    .execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

/** Run as the platform: the tenant's staff and technicians, who may be assigned tickets. */
export function assignableUsers(platform: Tx, tenantId: string) {
  return platform.selectFrom('memberships').innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['users.id as userId', 'users.display_name as displayName', 'memberships.role'])
    .where('memberships.tenant_id', '=', tenantId).where('memberships.role', 'in', ['manager_admin', 'manager_staff', 'technician'])
    .where('users.disabled_at', 'is', null).orderBy('users.display_name').execute();
}

/** The unit with its site, if the person occupies it today. */
export function occupiedUnit(tx: Tx, tenantId: string, personId: string, unitId: string, today: string) {
  return tx.selectFrom('units').innerJoin('occupancies as o', (j) => j.onRef('o.tenant_id', '=', 'units.tenant_id').onRef('o.unit_id', '=', 'units.id'))
    .select(['units.id', 'units.kind', 'units.site_id'])
    .where('units.tenant_id', '=', tenantId).where('units.id', '=', unitId).where('o.person_id', '=', personId)
    .where('o.starts_on', '<=', today).where((eb) => eb.or([eb('o.ends_on', 'is', null), eb('o.ends_on', '>=', today)]))
    .executeTakeFirst();
}

export function unitSite(tx: Tx, tenantId: string, unitId: string) {
  return tx.selectFrom('units').select(['id', 'kind', 'site_id']).where('tenant_id', '=', tenantId).where('id', '=', unitId).executeTakeFirst();
}
