// Working on tickets: opening one (idempotent under the client's id), commenting, moving it
// through its statuses, assigning it, and deciding a charger installation request. Each change
// is one transaction that writes the ticket, its history event and the portal notifications;
// mails follow the commit. The rules of who may do what are in tickets.policies.ts.
import type { Static } from 'typebox';
import { isUniqueViolation } from '../../db/errors.ts';
import { inTenant, type Tx } from '../../db/scope.ts';
import type { TicketStatus } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import type { TenantActor } from '../../http/actor.ts';
import { requireAccess } from '../access/access.ts';
import { fill } from '../invoices/invoices.texts.ts';
import { tenantTimeZone } from '../tenancy/tenancy.repository.ts';
import type { Outbox } from '../notifications/notifications.delivery.ts';
import { checkAttachments } from './tickets.attachments.ts';
import { ticketErrors } from './tickets.errors.ts';
import { deliver, tellAssigned, tellAssignee, tellResident } from './tickets.notify.ts';
import { openTicket } from './tickets.open.ts';
import { allowedStatuses, canApprove, canAssign, canRead, isStaff } from './tickets.policies.ts';
import { loadTicket, readableTicket, requireTicketUser } from './tickets.read.ts';
import * as repo from './tickets.repository.ts';
import type { ApprovalInput, CommentInput, StatusInput, TicketInput } from './tickets.schemas.ts';
import { excerpt } from './tickets.texts.ts';

const ASSIGNABLE = ['manager_admin', 'manager_staff', 'technician'];
const dayIn = (at: Date, zone: string) => new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);

/** A change's transaction, then its mails, then the ticket as the actor now sees it. */
async function change(deps: Deps, actor: TenantActor, id: string, work: (tx: Tx) => Promise<Outbox[]>) {
  requireTicketUser(actor);
  const outboxes = await inTenant(deps.db, actor.tenantId, work);
  await deliver(deps, outboxes);
  return loadTicket(deps, actor, id);
}

export async function assertAssignable(tx: Tx, tenantId: string, userId: string, error: () => Error): Promise<void> {
  if (!ASSIGNABLE.includes((await repo.memberRole(tx, tenantId, userId)) ?? '')) throw error();
}

/** Where the ticket is: a unit the person occupies (for a resident's own request), or one the office may see. */
async function place(tx: Tx, actor: TenantActor, personId: string | null, input: Static<typeof TicketInput>, today: string) {
  let siteId = input.siteId ?? null;
  let unit: { id: string; kind: string; site_id: string } | undefined;
  if (input.unitId) {
    if (actor.role === 'resident') {
      unit = await repo.occupiedUnit(tx, actor.tenantId, personId!, input.unitId, today);
      if (!unit) throw ticketErrors.notYourUnit();
    } else {
      await requireAccess(tx, actor, 'unit', [input.unitId]);
      unit = await repo.unitSite(tx, actor.tenantId, input.unitId);
    }
    if (siteId && siteId !== unit!.site_id) throw ticketErrors.unitOutsideSite();
    siteId = unit!.site_id;
  } else if (siteId && actor.role !== 'resident') {
    await requireAccess(tx, actor, 'site', [siteId]);
  } else if (siteId) {
    // A resident names a site only through a unit of theirs.
    siteId = null;
  }
  if (input.category === 'charger_installation') {
    if (!unit && !input.chargerSerial) throw ticketErrors.chargerPlaceRequired();
    if (unit && unit.kind !== 'parking_space') throw ticketErrors.notYourParkingSpace();
    if (unit && personId && actor.role !== 'resident' && !(await repo.occupiedUnit(tx, actor.tenantId, personId, unit.id, today))) throw ticketErrors.notYourParkingSpace();
  }
  return { siteId, unitId: unit?.id ?? null };
}

/** Opens a ticket; the same clientId again returns the ticket it opened (`created: false`). */
export async function createTicket(deps: Deps, actor: TenantActor, input: Static<typeof TicketInput>) {
  requireTicketUser(actor);
  if (actor.role === 'technician') throw ticketErrors.forbidden();
  const existing = await inTenant(deps.db, actor.tenantId, (tx) => repo.ticketIdByClientId(tx, actor.tenantId, input.clientId));
  if (existing) return { view: await loadTicket(deps, actor, existing), created: false };
  const files = checkAttachments(input.attachments ?? []);
  try {
    const id = await inTenant(deps.db, actor.tenantId, async (tx) => {
      let personId: string | null;
      if (actor.role === 'resident') {
        if (!actor.personId) throw ticketErrors.noPerson();
        if (input.personId && input.personId !== actor.personId) throw ticketErrors.forbidden();
        personId = actor.personId;
      } else {
        personId = input.personId ?? null;
        if (personId) await requireAccess(tx, actor, 'person', [personId]);
        else if (input.category === 'charger_installation') throw ticketErrors.personRequired();
      }
      const where = await place(tx, actor, personId, input, dayIn(deps.clock.now(), await tenantTimeZone(tx, actor.tenantId)));
      const { id } = await openTicket(tx, {
        tenantId: actor.tenantId, category: input.category, subject: input.subject.trim() || input.subject, body: input.body,
        status: input.category === 'charger_installation' ? 'awaiting_approval' : 'new', source: actor.role === 'resident' ? 'portal' : 'staff',
        sourceKey: null, clientId: input.clientId, personId, ...where, chargerSerial: input.chargerSerial?.trim() || null,
        assigneeUserId: null, createdBy: actor.userId, files, at: deps.clock.now(),
      });
      return id;
    });
    return { view: await loadTicket(deps, actor, id), created: true };
  } catch (error) {
    // The same request sent twice at once: the other one opened it.
    if (!isUniqueViolation(error)) throw error;
    const id = await inTenant(deps.db, actor.tenantId, (tx) => repo.ticketIdByClientId(tx, actor.tenantId, input.clientId));
    if (!id) throw error;
    return { view: await loadTicket(deps, actor, id), created: false };
  }
}

export function comment(deps: Deps, actor: TenantActor, id: string, input: Static<typeof CommentInput>) {
  const internal = input.internal === true;
  if (internal && actor.role === 'resident') throw ticketErrors.internalNotAllowed();
  const files = checkAttachments(input.attachments ?? []);
  return change(deps, actor, id, async (tx) => {
    await readableTicket(tx, actor, id);
    const ticket = (await repo.lockTicket(tx, actor.tenantId, id))!;
    const resident = actor.role === 'resident';
    if (resident && (ticket.status === 'closed' || ticket.status === 'declined')) throw ticketErrors.closed();
    const now = deps.clock.now();
    const eventId = await repo.insertEvent(tx, {
      tenant_id: actor.tenantId, ticket_id: id, kind: 'comment', author_user_id: actor.userId, body: input.body, internal,
      from_status: null, to_status: null, assignee_user_id: null, at: now,
    });
    await repo.insertAttachments(tx, actor.tenantId, id, eventId, actor.userId, files, now);
    // A resident answering a question or objecting to a resolution puts the ticket back to work.
    const reopen = resident && (ticket.status === 'waiting' || ticket.status === 'resolved');
    if (reopen) await recordMove(tx, actor, id, ticket.status, 'in_progress', null, now);
    await repo.updateTicket(tx, actor.tenantId, id, { updated_at: now, ...(reopen ? { status: 'in_progress' as const } : {}) });
    const vars = { author: actor.displayName, excerpt: excerpt(input.body) };
    if (resident) return [await tellAssignee(tx, deps, actor.tenantId, ticket, ticket.assignee_user_id, (t, v) => fill(t.residentWrote, v), vars)];
    if (internal) return [];
    return [await tellResident(tx, deps, actor.tenantId, ticket, actor.userId, (t, v) => fill(t.replied, v), vars)];
  });
}

async function recordMove(tx: Tx, actor: TenantActor, id: string, from: TicketStatus, to: TicketStatus, note: string | null, at: Date) {
  await repo.insertEvent(tx, {
    tenant_id: actor.tenantId, ticket_id: id, kind: 'status', author_user_id: actor.userId, body: note, from_status: from, to_status: to, assignee_user_id: null, at,
  });
}

export function changeStatus(deps: Deps, actor: TenantActor, id: string, input: Static<typeof StatusInput>) {
  return change(deps, actor, id, async (tx) => {
    await readableTicket(tx, actor, id);
    const ticket = (await repo.lockTicket(tx, actor.tenantId, id))!;
    if (!allowedStatuses(actor, ticket).includes(input.status)) throw ticketErrors.transitionNotAllowed(ticket.status, input.status);
    const now = deps.clock.now();
    await recordMove(tx, actor, id, ticket.status, input.status, input.note ?? null, now);
    await repo.updateTicket(tx, actor.tenantId, id, { status: input.status, updated_at: now });
    return [await tellResident(tx, deps, actor.tenantId, ticket, actor.userId, (t, v) => fill(t.statusChanged, { ...v, status: t.status[input.status] }))];
  });
}

/** Staff may act on every ticket; anyone who cannot even read it is told it does not exist. */
async function staffTicket(tx: Tx, actor: TenantActor, id: string) {
  const ticket = await repo.findTicket(tx, actor.tenantId, id);
  if (!ticket || !canRead(actor, ticket)) throw ticketErrors.notFound();
  if (!isStaff(actor)) throw ticketErrors.forbidden();
  await repo.lockTicket(tx, actor.tenantId, id);
  return ticket;
}

async function assignIn(tx: Tx, deps: Deps, actor: TenantActor, ticket: repo.TicketRow, assigneeUserId: string | null, at: Date): Promise<Outbox> {
  await repo.insertEvent(tx, {
    tenant_id: actor.tenantId, ticket_id: ticket.id, kind: 'assigned', author_user_id: actor.userId, body: null, from_status: null, to_status: null,
    assignee_user_id: assigneeUserId, at,
  });
  await repo.updateTicket(tx, actor.tenantId, ticket.id, { assignee_user_id: assigneeUserId, updated_at: at });
  return tellAssigned(tx, deps, actor.tenantId, ticket, assigneeUserId, actor.userId);
}

export function assign(deps: Deps, actor: TenantActor, id: string, assigneeUserId: string | null) {
  return change(deps, actor, id, async (tx) => {
    const ticket = await staffTicket(tx, actor, id);
    if (!canAssign(actor, ticket)) throw ticketErrors.transitionNotAllowed(ticket.status, ticket.status);
    if (assigneeUserId) await assertAssignable(tx, actor.tenantId, assigneeUserId, ticketErrors.assigneeInvalid);
    if (assigneeUserId === ticket.assignee_user_id) return [];
    return [await assignIn(tx, deps, actor, ticket, assigneeUserId, deps.clock.now())];
  });
}

/** Approves a charger installation request (it becomes a new ticket, optionally with its electrician) or declines it with a reason. */
export function decideApproval(deps: Deps, actor: TenantActor, id: string, input: Static<typeof ApprovalInput>) {
  const reason = input.reason?.trim() || null;
  if (input.decision === 'decline' && !reason) throw ticketErrors.reasonRequired();
  return change(deps, actor, id, async (tx) => {
    const ticket = await staffTicket(tx, actor, id);
    if (!canApprove(actor, ticket)) throw ticketErrors.notAwaitingApproval();
    if (input.decision === 'approve' && input.electricianUserId) await assertAssignable(tx, actor.tenantId, input.electricianUserId, ticketErrors.electricianInvalid);
    const now = deps.clock.now();
    const to: TicketStatus = input.decision === 'approve' ? 'new' : 'declined';
    await repo.insertEvent(tx, {
      tenant_id: actor.tenantId, ticket_id: id, kind: 'approval', author_user_id: actor.userId, body: reason, from_status: ticket.status, to_status: to,
      assignee_user_id: null, at: now,
    });
    await repo.updateTicket(tx, actor.tenantId, id, {
      status: to, approval_decision: input.decision, approval_reason: reason, approval_by: actor.userId, approval_at: now, updated_at: now,
    });
    const outboxes = [await tellResident(tx, deps, actor.tenantId, ticket, actor.userId,
      (t, v) => (input.decision === 'approve' ? fill(t.approved, v) : fill(t.declined, v)), { reason: reason ?? '' })];
    if (input.decision === 'approve' && input.electricianUserId) outboxes.push(await assignIn(tx, deps, actor, ticket, input.electricianUserId, now));
    return outboxes;
  });
}
