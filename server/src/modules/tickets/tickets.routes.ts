// Service tickets: residents' requests and faults, the office's queue, technicians' work
// (docs/tickets.md). Thin: validate, call one use case, present.
import { Type } from 'typebox';
import type { Deps } from '../../deps.ts';
import { requireTenantActor } from '../../http/actor.ts';
import { IdParams, type App } from '../../http/types.ts';
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS } from './tickets.attachments.ts';
import { presentSummary, presentTicket } from './tickets.presenters.ts';
import { assignees, attachmentFile, listTickets, loadTicket } from './tickets.read.ts';
import {
  ApprovalInput, AssigneeOut, AssignInput, AttachmentParams, CommentInput, StatusInput, TicketInput, TicketListOut, TicketOut, TicketSettingsBody, TicketsQuery,
} from './tickets.schemas.ts';
import { getTicketSettings, putTicketSettings } from './tickets.settings.ts';
import * as usecases from './tickets.usecases.ts';

const tags = ['tickets'];
/** Up to five attachments of 5 MiB each travel base64-encoded (4/3 of their size) in the JSON body, with the text around them. */
const bodyLimit = Math.ceil((MAX_ATTACHMENTS * MAX_ATTACHMENT_BYTES * 4) / 3) + 1024 * 1024;

export function ticketsRoutes(app: App, deps: Deps): void {
  app.get('/api/tickets', { schema: { tags, summary: 'The tickets you may see, newest activity first', querystring: TicketsQuery, response: { 200: TicketListOut } } }, async (request) => {
    const { total, rows, names } = await listTickets(deps, requireTenantActor(request.actor), request.query);
    return { total, tickets: rows.map((r) => presentSummary(r, names)) };
  });

  app.post('/api/tickets', { bodyLimit, schema: { tags, summary: 'Open a ticket (the same clientId again returns the same ticket)', body: TicketInput, response: { 200: TicketOut, 201: TicketOut } } }, async (request, reply) => {
    const actor = requireTenantActor(request.actor);
    const { view, created } = await usecases.createTicket(deps, actor, request.body);
    return reply.status(created ? 201 : 200).send(presentTicket(view, actor));
  });

  app.get('/api/tickets/:id', { schema: { tags, summary: 'One ticket with its history', params: IdParams, response: { 200: TicketOut } } }, async (request) => {
    const actor = requireTenantActor(request.actor);
    return presentTicket(await loadTicket(deps, actor, request.params.id), actor);
  });

  app.post('/api/tickets/:id/comments', { bodyLimit, schema: { tags, summary: 'Comment (staff and technicians: optionally an internal note)', params: IdParams, body: CommentInput, response: { 200: TicketOut } } }, async (request) => {
    const actor = requireTenantActor(request.actor);
    return presentTicket(await usecases.comment(deps, actor, request.params.id, request.body), actor);
  });

  app.post('/api/tickets/:id/status', { schema: { tags, summary: 'Move the ticket to another status', params: IdParams, body: StatusInput, response: { 200: TicketOut } } }, async (request) => {
    const actor = requireTenantActor(request.actor);
    return presentTicket(await usecases.changeStatus(deps, actor, request.params.id, request.body), actor);
  });

  app.post('/api/tickets/:id/assign', { schema: { tags, summary: 'Assign to a member of staff or a technician (null: nobody)', params: IdParams, body: AssignInput, response: { 200: TicketOut } } }, async (request) => {
    const actor = requireTenantActor(request.actor);
    return presentTicket(await usecases.assign(deps, actor, request.params.id, request.body.assigneeUserId), actor);
  });

  app.post('/api/tickets/:id/approval', { schema: { tags, summary: 'Approve or decline a charger installation request', params: IdParams, body: ApprovalInput, response: { 200: TicketOut } } }, async (request) => {
    const actor = requireTenantActor(request.actor);
    return presentTicket(await usecases.decideApproval(deps, actor, request.params.id, request.body), actor);
  });

  app.get('/api/tickets/:id/attachments/:attachmentId', { schema: { tags, summary: 'An attached file', params: AttachmentParams } }, async (request, reply) => {
    const file = await attachmentFile(deps, requireTenantActor(request.actor), request.params.id, request.params.attachmentId);
    const ascii = file.filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
    return reply.type(file.media_type).header('x-content-type-options', 'nosniff')
      .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
      .send(file.content);
  });

  app.get('/api/ticket-settings', { schema: { tags, summary: 'Which events open a ticket by themselves, and for whom', response: { 200: TicketSettingsBody } } }, async (request) => {
    return getTicketSettings(deps, requireTenantActor(request.actor));
  });

  app.put('/api/ticket-settings', { schema: { tags, summary: 'Change the automatic tickets (admins)', body: TicketSettingsBody, response: { 200: TicketSettingsBody } } }, async (request) => {
    return putTicketSettings(deps, requireTenantActor(request.actor), request.body);
  });

  app.get('/api/ticket-assignees', { schema: { tags, summary: 'Staff and technicians a ticket may be assigned to', response: { 200: Type.Array(AssigneeOut) } } }, async (request) => {
    return assignees(deps, requireTenantActor(request.actor));
  });
}
