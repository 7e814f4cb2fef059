import type { Deps } from '../../deps.ts';
import { requireTenantActor } from '../../http/actor.ts';
import { IdParams, Ok, type App } from '../../http/types.ts';
import { presentOccupancy } from './occupancies.presenters.ts';
import { OccupancyInput, OccupancyOut, OccupancyUpdate } from './occupancies.schemas.ts';
import { Type } from 'typebox';
import { createOccupancy, deleteOccupancy, ownUnits, updateOccupancy } from './occupancies.usecases.ts';

const tags = ['occupancies'];
const OwnUnit = Type.Object({ id: Type.String(), kind: Type.String(), label: Type.String(), siteId: Type.String(), siteName: Type.String() });

export function occupanciesRoutes(app: App, deps: Deps): void {
  app.post('/api/occupancies', { schema: { tags, summary: 'Link a person to a unit for a period', body: OccupancyInput, response: { 201: OccupancyOut } } }, async (request, reply) => {
    return reply.status(201).send(presentOccupancy(await createOccupancy(deps, requireTenantActor(request.actor), request.body)));
  });

  app.patch('/api/occupancies/:id', { schema: { tags, summary: 'Change or end an occupancy', params: IdParams, body: OccupancyUpdate, response: { 200: OccupancyOut } } }, async (request) => {
    return presentOccupancy(await updateOccupancy(deps, requireTenantActor(request.actor), request.params.id, request.body));
  });

  app.delete('/api/occupancies/:id', { schema: { tags, summary: 'Delete an occupancy entered by mistake', params: IdParams, response: { 200: Ok } } }, async (request) => {
    await deleteOccupancy(deps, requireTenantActor(request.actor), request.params.id);
    return { ok: true as const };
  });

  app.get('/api/me/units', { schema: { tags, summary: 'The units you occupy today (flat, parking space), with their site', response: { 200: Type.Array(OwnUnit) } } }, async (request) => {
    const units = await ownUnits(deps, requireTenantActor(request.actor));
    return units.map((u) => ({ id: u.id, kind: u.kind, label: u.label, siteId: u.site_id, siteName: u.site_name }));
  });
}
