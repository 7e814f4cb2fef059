import { Type } from 'typebox';
import type { Deps } from '../../deps.ts';
import { requireTenantActor } from '../../http/actor.ts';
import { IdParams, Ok, type App } from '../../http/types.ts';
import { presentUnit } from './units.presenters.ts';
import { UnitInput, UnitOut, UnitUpdate } from './units.schemas.ts';
import { createUnit, deleteUnit, getUnit, listUnitsOfSite, updateUnit } from './units.usecases.ts';

const tags = ['units'];
const config = { tokenScope: 'units:read' };

export function unitsRoutes(app: App, deps: Deps): void {
  app.get('/api/sites/:id/units', { config, schema: { tags, summary: 'Units of a site', params: IdParams, response: { 200: Type.Array(UnitOut) } } }, async (request) => {
    return (await listUnitsOfSite(deps, requireTenantActor(request.actor), request.params.id)).map(presentUnit);
  });

  app.post('/api/units', { schema: { tags, summary: 'Create a unit', body: UnitInput, response: { 201: UnitOut } } }, async (request, reply) => {
    return reply.status(201).send(presentUnit(await createUnit(deps, requireTenantActor(request.actor), request.body)));
  });

  app.get('/api/units/:id', { config, schema: { tags, summary: 'One unit', params: IdParams, response: { 200: UnitOut } } }, async (request) => {
    return presentUnit(await getUnit(deps, requireTenantActor(request.actor), request.params.id));
  });

  app.patch('/api/units/:id', { schema: { tags, summary: 'Change a unit', params: IdParams, body: UnitUpdate, response: { 200: UnitOut } } }, async (request) => {
    return presentUnit(await updateUnit(deps, requireTenantActor(request.actor), request.params.id, request.body));
  });

  app.delete('/api/units/:id', { schema: { tags, summary: 'Delete a unit without occupancies', params: IdParams, response: { 200: Ok } } }, async (request) => {
    await deleteUnit(deps, requireTenantActor(request.actor), request.params.id);
    return { ok: true as const };
  });
}
