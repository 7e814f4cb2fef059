// Reading tickets: the list an actor may see, one ticket with its history, one attached file.
// Residents read their own person's tickets without internal notes; technicians only the
// tickets assigned to them; the office all. A ticket the actor may not read does not exist.
import type { Static } from 'typebox';
import { asPlatform, inTenant, type Tx } from '../../db/scope.ts';
import type { Deps } from '../../deps.ts';
import type { TenantActor } from '../../http/actor.ts';
import { ticketErrors } from './tickets.errors.ts';
import { canRead, isStaff, seesInternal, usesTickets } from './tickets.policies.ts';
import type { TicketView } from './tickets.presenters.ts';
import * as repo from './tickets.repository.ts';
import type { TicketsQuery } from './tickets.schemas.ts';

/** The actor may work with tickets at all (a lock owner may not). */
export function requireTicketUser(actor: TenantActor): void {
  if (!usesTickets(actor)) throw ticketErrors.forbidden();
}

/** The ticket if the actor may read it; 404 otherwise, the same as for an unknown id. */
export async function readableTicket(tx: Tx, actor: TenantActor, id: string) {
  const ticket = await repo.findTicket(tx, actor.tenantId, id);
  if (!ticket || !canRead(actor, ticket)) throw ticketErrors.notFound();
  return ticket;
}

export function namesOf(deps: Pick<Deps, 'db'>, tenantId: string, userIds: (string | null)[]) {
  return asPlatform(deps.db, (tx) => repo.userNames(tx, tenantId, userIds.filter((u): u is string => u !== null)));
}

export async function loadTicket(deps: Pick<Deps, 'db'>, actor: TenantActor, id: string): Promise<TicketView> {
  requireTicketUser(actor);
  const view = await inTenant(deps.db, actor.tenantId, async (tx) => {
    const ticket = await readableTicket(tx, actor, id);
    const events = await repo.eventsOf(tx, actor.tenantId, id, seesInternal(actor));
    const attachments = (await repo.attachmentsOf(tx, actor.tenantId, id)).filter((a) => seesInternal(actor) || !a.internal);
    return { ticket, events, attachments };
  });
  const names = await namesOf(deps, actor.tenantId, [view.ticket.assignee_user_id, view.ticket.approval_by,
    ...view.events.flatMap((e) => [e.author_user_id, e.assignee_user_id])]);
  return { ...view, names };
}

export async function listTickets(deps: Pick<Deps, 'db'>, actor: TenantActor, query: Static<typeof TicketsQuery>) {
  requireTicketUser(actor);
  const filter: repo.ListFilter = {
    status: query.status, category: query.category, q: query.q?.trim() || undefined, limit: query.limit ?? 50, offset: query.offset ?? 0,
  };
  if (query.assignee) filter.assigneeUserId = query.assignee === 'me' ? actor.userId : query.assignee === 'none' ? null : query.assignee;
  if (actor.role === 'resident') {
    if (!actor.personId) return { total: 0, rows: [], names: new Map<string, string>() };
    filter.personId = actor.personId;
  }
  if (actor.role === 'technician') {
    // Only its own: asking for anyone else's finds nothing.
    if (filter.assigneeUserId !== undefined && filter.assigneeUserId !== actor.userId) return { total: 0, rows: [], names: new Map<string, string>() };
    filter.assigneeUserId = actor.userId;
  }
  const page = await inTenant(deps.db, actor.tenantId, (tx) => repo.listTickets(tx, actor.tenantId, filter));
  return { ...page, names: await namesOf(deps, actor.tenantId, page.rows.map((r) => r.assignee_user_id)) };
}

export function attachmentFile(deps: Pick<Deps, 'db'>, actor: TenantActor, ticketId: string, attachmentId: string) {
  requireTicketUser(actor);
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    await readableTicket(tx, actor, ticketId);
    const file = await repo.attachmentContent(tx, actor.tenantId, ticketId, attachmentId);
    if (!file) throw ticketErrors.attachmentNotFound();
    if (!seesInternal(actor) && file.event_id) {
      const visible = (await repo.attachmentsOf(tx, actor.tenantId, ticketId)).some((a) => a.id === attachmentId && !a.internal);
      if (!visible) throw ticketErrors.attachmentNotFound();
    }
    return file;
  });
}

export function assignees(deps: Pick<Deps, 'db'>, actor: TenantActor) {
  if (!isStaff(actor)) throw ticketErrors.forbidden();
  return asPlatform(deps.db, (tx) => repo.assignableUsers(tx, actor.tenantId));
}
