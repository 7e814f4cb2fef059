import { Type } from 'typebox';
import type { Deps } from '../../deps.ts';
import { requireTenantActor } from '../../http/actor.ts';
import { IdParams, Ok, type App } from '../../http/types.ts';
import { presentApiToken } from './apitokens.presenters.ts';
import { ApiTokenInput, ApiTokenOut, CreatedApiTokenOut } from './apitokens.schemas.ts';
import { createApiToken, listApiTokens, revokeApiToken } from './apitokens.usecases.ts';

const tags = ['api-tokens'];

export function apiTokensRoutes(app: App, deps: Deps): void {
  app.get('/api/api-tokens', { schema: { tags, summary: 'API tokens of this property manager', response: { 200: Type.Array(ApiTokenOut) } } }, async (request) => {
    return (await listApiTokens(deps, requireTenantActor(request.actor))).map(presentApiToken);
  });

  app.post('/api/api-tokens', {
    schema: { tags, summary: 'Create an API token (the token is shown only in this answer)', body: ApiTokenInput, response: { 201: CreatedApiTokenOut } },
  }, async (request, reply) => {
    const created = await createApiToken(deps, requireTenantActor(request.actor), request.body);
    return reply.status(201).send({ ...presentApiToken(created), token: created.token });
  });

  app.delete('/api/api-tokens/:id', { schema: { tags, summary: 'Revoke an API token', params: IdParams, response: { 200: Ok } } }, async (request) => {
    await revokeApiToken(deps, requireTenantActor(request.actor), request.params.id);
    return { ok: true as const };
  });
}
