import { Type } from 'typebox';
import type { Deps } from '../../deps.ts';
import { requireTenantActor } from '../../http/actor.ts';
import { IdParams, type App } from '../../http/types.ts';
import { presentBadgeRequest } from './credentials.presenters.ts';
import { approveRequest, cancelOwnRequest, listOwnRequests, listRequests, rejectRequest, requestBadge } from './credentials.requests.usecases.ts';
import { ApproveInput, BadgeRequestInput, BadgeRequestOut, BadgeRequestQuery, ReasonInput } from './credentials.schemas.ts';

const tags = ['badge requests'];

export function badgeRequestsRoutes(app: App, deps: Deps): void {
  app.post('/api/me/badge-requests', { schema: { tags, summary: 'Ask for a badge (first, additional or replacement); every badge carries the badge fee', body: BadgeRequestInput, response: { 201: BadgeRequestOut } } }, async (request, reply) => {
    return reply.status(201).send(presentBadgeRequest(await requestBadge(deps, requireTenantActor(request.actor), request.body)));
  });

  app.get('/api/me/badge-requests', { schema: { tags, summary: 'Your badge requests and how they were decided', response: { 200: Type.Array(BadgeRequestOut) } } }, async (request) => {
    return (await listOwnRequests(deps, requireTenantActor(request.actor))).map(presentBadgeRequest);
  });

  app.post('/api/me/badge-requests/:id/cancel', { schema: { tags, summary: 'Withdraw one of your requests not decided yet', params: IdParams, response: { 200: BadgeRequestOut } } }, async (request) => {
    return presentBadgeRequest(await cancelOwnRequest(deps, requireTenantActor(request.actor), request.params.id));
  });

  app.get('/api/badge-requests', { schema: { tags, summary: 'The request queue (oldest first), optionally by status', querystring: BadgeRequestQuery, response: { 200: Type.Array(BadgeRequestOut) } } }, async (request) => {
    return (await listRequests(deps, requireTenantActor(request.actor), request.query.status)).map(presentBadgeRequest);
  });

  app.post('/api/badge-requests/:id/approve', { schema: { tags, summary: 'Approve: order the badge and bill its fee; with `fulfil`, issue it from stock at once', params: IdParams, body: ApproveInput, response: { 200: BadgeRequestOut } } }, async (request) => {
    return presentBadgeRequest(await approveRequest(deps, requireTenantActor(request.actor), request.params.id, request.body.fulfil));
  });

  app.post('/api/badge-requests/:id/reject', { schema: { tags, summary: 'Reject, with the reason the resident will read', params: IdParams, body: ReasonInput, response: { 200: BadgeRequestOut } } }, async (request) => {
    return presentBadgeRequest(await rejectRequest(deps, requireTenantActor(request.actor), request.params.id, request.body.reason));
  });
}
