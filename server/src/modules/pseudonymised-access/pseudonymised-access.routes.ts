import { Type } from 'typebox';
import type { Deps } from '../../deps.ts';
import { requireTenantActor } from '../../http/actor.ts';
import type { App } from '../../http/types.ts';
import { UserIdParams } from '../staff/staff.schemas.ts';
import { grantPseudonymisedAccess, pseudonymisedAccessOverview, staffPseudonymisedAccess, withdrawPseudonymisedAccess } from './pseudonymised-access.usecases.ts';

const tags = ['staff'];
const AccessOut = Type.Object({
  granted: Type.Boolean({ description: 'reads units\' meters under pseudonyms' }),
  available: Type.Boolean({ description: 'the settlement contract includes pseudonymised usage data' }),
});
const OverviewOut = Type.Object({
  available: Type.Boolean({ description: 'the settlement contract includes pseudonymised usage data' }),
  limit: Type.Integer({ description: 'staff accounts the option covers' }),
  userIds: Type.Array(Type.String(), { description: 'who has it' }),
});

export function pseudonymisedAccessRoutes(app: App, deps: Deps): void {
  app.get('/api/pseudonymised-access', { schema: { tags, summary: 'Whether the contract includes pseudonymised usage data, and which staff accounts have it', response: { 200: OverviewOut } } }, async (request) => {
    return pseudonymisedAccessOverview(deps, requireTenantActor(request.actor));
  });

  app.get('/api/staff/:userId/pseudonymised-access', { schema: { tags, summary: 'Whether a staff member reads pseudonymised usage data', params: UserIdParams, response: { 200: AccessOut } } }, async (request) => {
    return staffPseudonymisedAccess(deps, requireTenantActor(request.actor), request.params.userId);
  });

  app.put('/api/staff/:userId/pseudonymised-access', { schema: { tags, summary: 'Grant a staff member pseudonymised usage data (at most three; the contract must include the option)', params: UserIdParams, response: { 200: AccessOut } } }, async (request) => {
    return grantPseudonymisedAccess(deps, requireTenantActor(request.actor), request.params.userId);
  });

  app.delete('/api/staff/:userId/pseudonymised-access', { schema: { tags, summary: 'Withdraw a staff member\'s pseudonymised usage data', params: UserIdParams, response: { 200: AccessOut } } }, async (request) => {
    return withdrawPseudonymisedAccess(deps, requireTenantActor(request.actor), request.params.userId);
  });
}
