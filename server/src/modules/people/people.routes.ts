import { Type } from 'typebox';
import type { Deps } from '../../deps.ts';
import { requireTenantActor } from '../../http/actor.ts';
import { IdParams, type App } from '../../http/types.ts';
import { presentPerson, presentPersonDetail } from './people.presenters.ts';
import { PeopleQuery, PersonDetailOut, PersonInput, PersonOut, PersonUpdate } from './people.schemas.ts';
import { createPerson, getPerson, listPeople, updatePerson } from './people.usecases.ts';

const tags = ['people'];
const config = { tokenScope: 'people:read' };

export function peopleRoutes(app: App, deps: Deps): void {
  app.get('/api/people', {
    config, schema: { tags, summary: 'Find people by name, customer number or e-mail', querystring: PeopleQuery, response: { 200: Type.Array(PersonOut) } },
  }, async (request) => {
    return (await listPeople(deps, requireTenantActor(request.actor), request.query)).map(presentPerson);
  });

  app.post('/api/people', { schema: { tags, summary: 'Add a person (gets the next customer number)', body: PersonInput, response: { 201: PersonDetailOut } } }, async (request, reply) => {
    return reply.status(201).send(presentPersonDetail(await createPerson(deps, requireTenantActor(request.actor), request.body)));
  });

  app.get('/api/people/:id', { config, schema: { tags, summary: 'One person with occupancies', params: IdParams, response: { 200: PersonDetailOut } } }, async (request) => {
    return presentPersonDetail(await getPerson(deps, requireTenantActor(request.actor), request.params.id));
  });

  app.patch('/api/people/:id', { schema: { tags, summary: 'Change a person', params: IdParams, body: PersonUpdate, response: { 200: PersonDetailOut } } }, async (request) => {
    return presentPersonDetail(await updatePerson(deps, requireTenantActor(request.actor), request.params.id, request.body));
  });
}
