import { Type } from 'typebox';
import type { Deps } from '../../deps.ts';
import { requireTenantActor } from '../../http/actor.ts';
import { IdParams, type App } from '../../http/types.ts';
import { presentParty } from './parties.presenters.ts';
import { PartiesQuery, PartyInput, PartyOut, PartyUpdate } from './parties.schemas.ts';
import { createParty, getParty, listParties, updateParty } from './parties.usecases.ts';

const tags = ['parties'];

export function partiesRoutes(app: App, deps: Deps): void {
  app.get('/api/parties', { schema: { tags, summary: 'Organisations and lock owners', querystring: PartiesQuery, response: { 200: Type.Array(PartyOut) } } }, async (request) => {
    return (await listParties(deps, requireTenantActor(request.actor), request.query.kind)).map(presentParty);
  });

  app.post('/api/parties', { schema: { tags, summary: 'Add an organisation or lock owner', body: PartyInput, response: { 201: PartyOut } } }, async (request, reply) => {
    return reply.status(201).send(presentParty(await createParty(deps, requireTenantActor(request.actor), request.body)));
  });

  app.get('/api/parties/:id', { schema: { tags, summary: 'One party', params: IdParams, response: { 200: PartyOut } } }, async (request) => {
    return presentParty(await getParty(deps, requireTenantActor(request.actor), request.params.id));
  });

  app.patch('/api/parties/:id', { schema: { tags, summary: 'Change a party', params: IdParams, body: PartyUpdate, response: { 200: PartyOut } } }, async (request) => {
    return presentParty(await updateParty(deps, requireTenantActor(request.actor), request.params.id, request.body));
  });
}
