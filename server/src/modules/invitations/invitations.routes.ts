// Invitations and access requests. The accept and request routes are public: the invitee and
// the requester have no session yet.
import { Type } from 'typebox';
import type { Deps } from '../../deps.ts';
import { requireTenantActor } from '../../http/actor.ts';
import { setSessionCookie } from '../../http/session.ts';
import { IdParams, Ok, type App } from '../../http/types.ts';
import { approveAccessRequest, declineAccessRequest, listAccessRequests, requestAccess } from './access-requests.usecases.ts';
import { presentAccessRequest, presentInvitation } from './invitations.presenters.ts';
import {
  AcceptBody, AcceptOut, AccessRequestBody, AccessRequestOut, AccessRequestQuery, InvitationInput, InvitationOut, InvitationPreview, TokenParams,
} from './invitations.schemas.ts';
import { acceptInvitation, createInvitation, describeInvitation, listInvitations, revokeInvitation } from './invitations.usecases.ts';

const tags = ['invitations'];
const publicLimit = { max: 10, timeWindow: '1 minute' };

export function invitationsRoutes(app: App, deps: Deps): void {
  app.post('/api/invitations', { schema: { tags, summary: 'Invite someone by e-mail', body: InvitationInput, response: { 201: InvitationOut } } }, async (request, reply) => {
    const invitation = await createInvitation(deps, requireTenantActor(request.actor), request.body);
    return reply.status(201).send(presentInvitation(invitation, deps.clock.now()));
  });

  app.get('/api/invitations', { schema: { tags, summary: 'Invitations, newest first', response: { 200: Type.Array(InvitationOut) } } }, async (request) => {
    const now = deps.clock.now();
    return (await listInvitations(deps, requireTenantActor(request.actor))).map((row) => presentInvitation(row, now));
  });

  app.delete('/api/invitations/:id', { schema: { tags, summary: 'Revoke a pending invitation', params: IdParams, response: { 200: Ok } } }, async (request) => {
    await revokeInvitation(deps, requireTenantActor(request.actor), request.params.id);
    return { ok: true as const };
  });

  app.get('/api/invitations/by-token/:token', {
    config: { public: true, rateLimit: publicLimit },
    schema: { tags, summary: 'What an invitation link is for (public)', params: TokenParams, response: { 200: InvitationPreview } },
  }, async (request) => describeInvitation(deps, request.params.token));

  app.post('/api/invitations/accept', {
    config: { public: true, rateLimit: publicLimit },
    schema: { tags, summary: 'Accept an invitation and log in (public)', body: AcceptBody, response: { 200: AcceptOut } },
  }, async (request, reply) => {
    const session = await acceptInvitation(deps, { ...request.body, ip: request.ip, userAgent: request.headers['user-agent'] ?? null });
    setSessionCookie(reply, session.token, request.protocol === 'https', deps.config.sessionTtlHours * 3600);
    return { secondFactorRequired: session.secondFactorRequired, csrfToken: session.csrfToken };
  });

  app.post('/api/access-requests', {
    config: { public: true, rateLimit: publicLimit },
    schema: { tags, summary: 'Ask for portal access with your customer number (public; same answer in every case)', body: AccessRequestBody, response: { 202: Ok } },
  }, async (request, reply) => {
    await requestAccess(deps, request.body);
    return reply.status(202).send({ ok: true as const });
  });

  app.get('/api/access-requests', {
    schema: { tags, summary: 'Access requests, newest first', querystring: AccessRequestQuery, response: { 200: Type.Array(AccessRequestOut) } },
  }, async (request) => {
    return (await listAccessRequests(deps, requireTenantActor(request.actor), request.query.status)).map(presentAccessRequest);
  });

  app.post('/api/access-requests/:id/approve', {
    schema: { tags, summary: 'Approve: invites the person as a resident', params: IdParams, response: { 200: AccessRequestOut } },
  }, async (request) => presentAccessRequest(await approveAccessRequest(deps, requireTenantActor(request.actor), request.params.id)));

  app.post('/api/access-requests/:id/decline', {
    schema: { tags, summary: 'Decline an access request', params: IdParams, response: { 200: AccessRequestOut } },
  }, async (request) => presentAccessRequest(await declineAccessRequest(deps, requireTenantActor(request.actor), request.params.id)));
}
