import { Type } from 'typebox';
import type { Deps } from '../../deps.ts';
import { requireTenantActor } from '../../http/actor.ts';
import { IdParams, Ok, type App } from '../../http/types.ts';
import { presentSite } from './sites.presenters.ts';
import { SiteInput, SiteOut, SiteUpdate } from './sites.schemas.ts';
import { createSite, deleteSite, getSite, listSites, updateSite } from './sites.usecases.ts';

const tags = ['sites'];

export function sitesRoutes(app: App, deps: Deps): void {
  app.get('/api/sites', { config: { tokenScope: 'sites:read' }, schema: { tags, summary: 'List sites', response: { 200: Type.Array(SiteOut) } } }, async (request) => {
    return (await listSites(deps, requireTenantActor(request.actor))).map(presentSite);
  });

  app.post('/api/sites', { schema: { tags, summary: 'Create a site', body: SiteInput, response: { 201: SiteOut } } }, async (request, reply) => {
    const site = await createSite(deps, requireTenantActor(request.actor), request.body);
    return reply.status(201).send(presentSite(site));
  });

  app.get('/api/sites/:id', { config: { tokenScope: 'sites:read' }, schema: { tags, summary: 'One site', params: IdParams, response: { 200: SiteOut } } }, async (request) => {
    return presentSite(await getSite(deps, requireTenantActor(request.actor), request.params.id));
  });

  app.patch('/api/sites/:id', { schema: { tags, summary: 'Change a site', params: IdParams, body: SiteUpdate, response: { 200: SiteOut } } }, async (request) => {
    return presentSite(await updateSite(deps, requireTenantActor(request.actor), request.params.id, request.body));
  });

  app.delete('/api/sites/:id', { schema: { tags, summary: 'Delete a site without units', params: IdParams, response: { 200: Ok } } }, async (request) => {
    await deleteSite(deps, requireTenantActor(request.actor), request.params.id);
    return { ok: true as const };
  });
}
