import { Type } from 'typebox';
import type { Deps } from '../../deps.ts';
import { requireTenantActor } from '../../http/actor.ts';
import { IdParams, Ok, type App } from '../../http/types.ts';
import { addTariff, listSiteTariffs, residentTariffs, withdrawTariff } from './tariffs.portal.usecases.ts';
import { presentResidentTariff, presentTariff } from './tariffs.presenters.ts';
import { CreateTariffInput, ResidentTariffOut, TariffOut, TariffParams } from './tariffs.schemas.ts';

const tags = ['tariffs'];

export function tariffsRoutes(app: App, deps: Deps): void {
  app.get('/api/sites/:id/tariffs', { schema: { tags, summary: 'Every tariff of a site (past, current, future) by appliance kind and start', params: IdParams, response: { 200: Type.Array(TariffOut) } } }, async (request) => {
    const now = deps.clock.now();
    return (await listSiteTariffs(deps, requireTenantActor(request.actor), request.params.id)).map((t) => presentTariff(t, now));
  });

  app.post('/api/sites/:id/tariffs', { schema: { tags, summary: 'Add a tariff; one starting while an open-ended one runs ends that one', params: IdParams, body: CreateTariffInput, response: { 201: TariffOut } } }, async (request, reply) => {
    const tariff = await addTariff(deps, requireTenantActor(request.actor), request.params.id, request.body);
    return reply.status(201).send(presentTariff(tariff, deps.clock.now()));
  });

  app.delete('/api/sites/:id/tariffs/:tariffId', { schema: { tags, summary: 'Withdraw a tariff that has not started; the one it would have ended runs on', params: TariffParams, response: { 200: Ok } } }, async (request) => {
    await withdrawTariff(deps, requireTenantActor(request.actor), request.params.id, request.params.tariffId);
    return { ok: true as const };
  });

  app.get('/api/me/tariffs', { schema: { tags, summary: 'The prices in force at the sites where you live', response: { 200: Type.Array(ResidentTariffOut) } } }, async (request) => {
    const now = deps.clock.now();
    return (await residentTariffs(deps, requireTenantActor(request.actor))).map((t) => presentResidentTariff(t, now));
  });
}
