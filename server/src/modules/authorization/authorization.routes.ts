import type { Deps } from '../../deps.ts';
import { requireTenantActor } from '../../http/actor.ts';
import type { App } from '../../http/types.ts';
import { claimBadge } from './authorization.claim.usecases.ts';
import { checkTagForStaff, deviceListForStaff } from './authorization.portal.usecases.ts';
import { CheckOut, CheckQuery, ClaimInput, ClaimOut, DeviceListOut, DeviceListQuery } from './authorization.schemas.ts';

const tags = ['authorization'];

export function authorizationRoutes(app: App, deps: Deps): void {
  // Labels are printed in sequence (ID*heimbau*1234): guessing them, to take a badge and its money, is slowed down.
  app.post('/api/me/credentials/claim', {
    schema: { tags, summary: 'Claim a badge that registered itself at a terminal, by the label printed on it', body: ClaimInput, response: { 200: ClaimOut } },
    config: { rateLimit: { max: 10, timeWindow: '15 minutes', hook: 'preHandler', keyGenerator: (request) => request.actor?.userId ?? request.ip } },
  }, async (request) => {
    return claimBadge(deps, requireTenantActor(request.actor), request.body.label);
  });

  app.get('/api/device-lists', { schema: { tags, summary: 'The tags devices keep for offline use (OCPP SendLocalList): changes since a version, or the full list', querystring: DeviceListQuery, response: { 200: DeviceListOut } } }, async (request) => {
    return deviceListForStaff(deps, requireTenantActor(request.actor), request.query.since ?? null);
  });

  app.get('/api/authorization/check', { schema: { tags, summary: 'What a terminal would answer for a tag now (never registers an unknown tag)', querystring: CheckQuery, response: { 200: CheckOut } } }, async (request) => {
    return checkTagForStaff(deps, requireTenantActor(request.actor), request.query);
  });
}
