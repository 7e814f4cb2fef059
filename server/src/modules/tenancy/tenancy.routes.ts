import { Type } from 'typebox';
import type { Deps } from '../../deps.ts';
import { requireOperator, requireTenantActor } from '../../http/actor.ts';
import { IdParams, type App } from '../../http/types.ts';
import { presentTenant, presentTenantWithCounts } from './tenancy.presenters.ts';
import { OperatorTenantUpdate, OwnTenantUpdate, TenantInput, TenantOut, TenantWithCountsOut } from './tenancy.schemas.ts';
import { createTenant, getOwnTenant, getTenantForOperator, listTenants, updateOwnTenant, updateTenantForOperator } from './tenancy.usecases.ts';

export function tenancyRoutes(app: App, deps: Deps): void {
  const operator = { tags: ['operator'] };
  app.get('/api/operator/tenants', { schema: { ...operator, summary: 'All property managers with their size', response: { 200: Type.Array(TenantWithCountsOut) } } }, async (request) => {
    return (await listTenants(deps, requireOperator(request.actor))).map(presentTenantWithCounts);
  });

  app.post('/api/operator/tenants', {
    schema: { ...operator, summary: 'Create a property manager and its first admin', body: TenantInput, response: { 201: TenantWithCountsOut } },
  }, async (request, reply) => {
    return reply.status(201).send(presentTenantWithCounts(await createTenant(deps, requireOperator(request.actor), request.body)));
  });

  app.get('/api/operator/tenants/:id', { schema: { ...operator, summary: 'One property manager', params: IdParams, response: { 200: TenantWithCountsOut } } }, async (request) => {
    return presentTenantWithCounts(await getTenantForOperator(deps, requireOperator(request.actor), request.params.id));
  });

  app.patch('/api/operator/tenants/:id', {
    schema: { ...operator, summary: 'Change a property manager', params: IdParams, body: OperatorTenantUpdate, response: { 200: TenantWithCountsOut } },
  }, async (request) => {
    return presentTenantWithCounts(await updateTenantForOperator(deps, requireOperator(request.actor), request.params.id, request.body));
  });

  const tenant = { tags: ['tenant'] };
  app.get('/api/tenant', { schema: { ...tenant, summary: 'Settings of the property manager you act for', response: { 200: TenantOut } } }, async (request) => {
    return presentTenant(await getOwnTenant(deps, requireTenantActor(request.actor)));
  });

  app.patch('/api/tenant', { schema: { ...tenant, summary: 'Change your property manager\'s settings', body: OwnTenantUpdate, response: { 200: TenantOut } } }, async (request) => {
    return presentTenant(await updateOwnTenant(deps, requireTenantActor(request.actor), request.body));
  });
}
