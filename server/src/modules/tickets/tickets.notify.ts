// Who hears of a ticket's change, and what they are told, in their own language: the resident
// of a reply, status change or decision; the assignee of an assignment or a resident's comment.
// The portal notification is written in the change's transaction; mails go after the commit.
import type { Tx } from '../../db/scope.ts';
import type { Deps } from '../../deps.ts';
import { fill } from '../invoices/invoices.texts.ts';
import { renderMail } from '../mail/mail.templates.ts';
import { emptyOutbox, mergeOutboxes, notifyUsers, sendOutbox, type Message, type Outbox, type Recipient } from '../notifications/notifications.delivery.ts';
import * as repo from './tickets.repository.ts';
import { ticketNumber, ticketTexts, type TicketTexts } from './tickets.texts.ts';

export interface NotifiedTicket { id: string; number: number; subject: string; person_id: string | null; site_name?: string | null; unit_label?: string | null }

type Compose = (t: TicketTexts, vars: Record<string, string>) => string;

const link = (ticket: NotifiedTicket) => `/tickets/${ticket.id}`;
const url = (deps: Pick<Deps, 'config'>, ticket: NotifiedTicket) => new URL(link(ticket), deps.config.publicUrl).toString();

/** Tells the ticket's resident (but not whoever made the change) what happened. */
export async function tellResident(tx: Tx, deps: Pick<Deps, 'config'>, tenantId: string, ticket: NotifiedTicket, exceptUserId: string | null, update: Compose, vars: Record<string, string> = {}): Promise<Outbox> {
  if (!ticket.person_id) return emptyOutbox();
  const users = (await repo.residentUsers(tx, tenantId, ticket.person_id)).filter((u) => u !== exceptUserId);
  return notifyUsers(tx, tenantId, 'ticket', users, updateMessage(deps, ticket, update, vars));
}

/** What a change says to one recipient, in the portal, by mail and by text. */
function updateMessage(deps: Pick<Deps, 'config'>, ticket: NotifiedTicket, update: Compose, vars: Record<string, string>) {
  return (recipient: Recipient): Message => {
    const t = ticketTexts(recipient.language);
    const number = ticketNumber(ticket.number);
    const body = update(t, { subject: ticket.subject, number, ...vars });
    return {
      title: fill(t.updatedTitle, { number }), body, link: link(ticket), sms: `${fill(t.updatedTitle, { number })}: ${body}`,
      mail: renderMail(recipient.email, recipient.language, 'ticketUpdated', { name: recipient.displayName, number, subject: ticket.subject, update: body, url: url(deps, ticket) }),
    };
  };
}

/** Tells the assignee that the ticket is now theirs. */
export function tellAssigned(tx: Tx, deps: Pick<Deps, 'config'>, tenantId: string, ticket: NotifiedTicket, assigneeUserId: string | null, exceptUserId: string | null): Promise<Outbox> {
  if (!assigneeUserId || assigneeUserId === exceptUserId) return Promise.resolve(emptyOutbox());
  return notifyUsers(tx, tenantId, 'ticket', [assigneeUserId], (recipient) => {
    const t = ticketTexts(recipient.language);
    const number = ticketNumber(ticket.number);
    const place = [ticket.site_name, ticket.unit_label].filter(Boolean).join(', ') || '–';
    return {
      title: fill(t.assignedTitle, { number }), body: fill(t.assignedToYou, { subject: ticket.subject }), link: link(ticket),
      sms: `${fill(t.assignedTitle, { number })}: ${fill(t.assignedToYou, { subject: ticket.subject })}`,
      mail: renderMail(recipient.email, recipient.language, 'ticketAssigned', { name: recipient.displayName, number, subject: ticket.subject, place, url: url(deps, ticket) }),
    };
  });
}

/** Tells the assignee of a resident's comment; nobody when the ticket has no assignee. */
export function tellAssignee(tx: Tx, deps: Pick<Deps, 'config'>, tenantId: string, ticket: NotifiedTicket, assigneeUserId: string | null, update: Compose, vars: Record<string, string>): Promise<Outbox> {
  if (!assigneeUserId) return Promise.resolve(emptyOutbox());
  return notifyUsers(tx, tenantId, 'ticket', [assigneeUserId], updateMessage(deps, ticket, update, vars));
}

/** Sends after the commit; the change stands even when a mail cannot be handed over. */
export async function deliver(deps: Pick<Deps, 'mailer' | 'log' | 'config'>, outboxes: Outbox[]): Promise<void> {
  try {
    await sendOutbox(deps, mergeOutboxes(outboxes));
  } catch (error) {
    deps.log.error({ err: error }, 'ticket notification not sent');
  }
}
