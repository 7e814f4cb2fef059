// Who may read a ticket and what they may do with it.
//   staff (manager_admin, manager_staff): every ticket of the tenant; assign, approve, any allowed move.
//   technician: only tickets assigned to it (others do not exist for it); comment, start, pause, resolve.
//   resident: only tickets of its own person; comment, close a resolved or waiting one.
//   anyone else (a lock owner): no tickets at all (403).
import type { TicketStatus } from '../../db/schema.ts';
import type { TenantActor } from '../../http/actor.ts';

export interface TicketAccess { person_id: string | null; assignee_user_id: string | null; status: TicketStatus; category: string }

export const isStaff = (actor: TenantActor) => actor.role === 'manager_admin' || actor.role === 'manager_staff';
export const usesTickets = (actor: TenantActor) => isStaff(actor) || actor.role === 'technician' || actor.role === 'resident';

export function canRead(actor: TenantActor, ticket: TicketAccess): boolean {
  if (isStaff(actor)) return true;
  if (actor.role === 'technician') return ticket.assignee_user_id === actor.userId;
  if (actor.role === 'resident') return actor.personId !== null && ticket.person_id === actor.personId;
  return false;
}

const STAFF_MOVES: Partial<Record<TicketStatus, TicketStatus[]>> = {
  new: ['in_progress', 'waiting', 'resolved', 'closed'],
  in_progress: ['waiting', 'resolved', 'closed'],
  waiting: ['in_progress', 'resolved', 'closed'],
  resolved: ['in_progress', 'closed'],
  closed: ['in_progress'],
};
const TECHNICIAN_MOVES: Partial<Record<TicketStatus, TicketStatus[]>> = {
  new: ['in_progress'],
  waiting: ['in_progress'],
  in_progress: ['waiting', 'resolved'],
};
const RESIDENT_MOVES: Partial<Record<TicketStatus, TicketStatus[]>> = {
  resolved: ['closed'],
  waiting: ['closed'],
};

/** Where this actor may move the ticket now (approval is its own decision, not a move). */
export function allowedStatuses(actor: TenantActor, ticket: TicketAccess): TicketStatus[] {
  if (!canRead(actor, ticket)) return [];
  const moves = isStaff(actor) ? STAFF_MOVES : actor.role === 'technician' ? TECHNICIAN_MOVES : RESIDENT_MOVES;
  return moves[ticket.status] ?? [];
}

export const canAssign = (actor: TenantActor, ticket: TicketAccess) => isStaff(actor) && ticket.status !== 'closed' && ticket.status !== 'declined';
export const canApprove = (actor: TenantActor, ticket: TicketAccess) =>
  isStaff(actor) && ticket.category === 'charger_installation' && ticket.status === 'awaiting_approval';
/** Internal notes: written by the office and technicians, never shown to residents. */
export const seesInternal = (actor: TenantActor) => actor.role !== 'resident';
