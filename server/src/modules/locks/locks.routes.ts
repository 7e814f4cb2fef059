import { Type } from 'typebox';
import type { Deps } from '../../deps.ts';
import { requireActor, requireTenantActor } from '../../http/actor.ts';
import { IdParams, Ok, type App } from '../../http/types.ts';
import { presentAccount, presentEvent, presentHardware, presentKey, presentLock } from './locks.presenters.ts';
import {
  AccountOut, BuildingManagementInput, EventSettingsInput, EventSettingsOut, EventsPageOut, EventsQuery, HardwareInput, HardwareOut, IssuedKeyOut,
  KeyInput, KeyOut, KeyParams, KeysPageOut, KeysQuery, LockInput, LockOut, LocksQuery, LockUpdate, OrganisationOut, PlaceOut,
} from './locks.schemas.ts';
import * as usecases from './locks.usecases.ts';

const tags = ['locks'];

export function locksRoutes(app: App, deps: Deps): void {
  const now = () => deps.clock.now();

  app.get('/api/locks', { schema: { tags, summary: 'The locks the actor owns, shares or (staff) reads', querystring: LocksQuery, response: { 200: Type.Array(LockOut) } } }, async (request) => {
    const locks = await usecases.listLocks(deps, requireTenantActor(request.actor), request.query.search?.trim() || undefined);
    return locks.map(({ lock, right }) => presentLock(lock, right, now()));
  });

  app.post('/api/locks', { schema: { tags, summary: 'Register a lock with its serial number and secret', body: LockInput, response: { 201: LockOut } } }, async (request, reply) => {
    const { lock, right } = await usecases.registerLock(deps, requireTenantActor(request.actor), request.body);
    return reply.status(201).send(presentLock(lock, right, now()));
  });

  app.get('/api/locks/:id', { schema: { tags, summary: 'One lock with its licence', params: IdParams, response: { 200: LockOut } } }, async (request) => {
    const { lock, right } = await usecases.getLock(deps, requireTenantActor(request.actor), request.params.id);
    return presentLock(lock, right, now());
  });

  app.patch('/api/locks/:id', { schema: { tags, summary: 'Rename or place a lock', params: IdParams, body: LockUpdate, response: { 200: LockOut } } }, async (request) => {
    const { lock, right } = await usecases.updateLock(deps, requireTenantActor(request.actor), request.params.id, request.body);
    return presentLock(lock, right, now());
  });

  app.delete('/api/locks/:id', { schema: { tags, summary: 'Remove a lock from the platform (its keys are revoked; its licence is kept for a later registration)', params: IdParams, response: { 200: Ok } } }, async (request) => {
    await usecases.removeLock(deps, requireTenantActor(request.actor), request.params.id);
    return { ok: true as const };
  });

  app.get('/api/locks/:id/keys', { schema: { tags, summary: 'A lock\'s keys, filtered and paged', params: IdParams, querystring: KeysQuery, response: { 200: KeysPageOut } } }, async (request) => {
    const { rows, ...page } = await usecases.listKeys(deps, requireTenantActor(request.actor), request.params.id, request.query);
    return { ...page, keys: rows.map(presentKey) };
  });

  app.post('/api/locks/:id/keys', { schema: { tags, summary: 'Issue a digital key', params: IdParams, body: KeyInput, response: { 201: IssuedKeyOut } } }, async (request, reply) => {
    const issued = await usecases.issueKey(deps, requireTenantActor(request.actor), request.params.id, request.body);
    return reply.status(201).send({ key: presentKey(issued.key), secret: issued.secret, lock: presentLock(issued.lock, issued.right, now()) });
  });

  app.post('/api/locks/:id/keys/:keyId/revoke', { schema: { tags, summary: 'Revoke a key (allowed in revoke-only mode too)', params: KeyParams, response: { 200: KeyOut } } }, async (request) => {
    return presentKey(await usecases.revokeKey(deps, requireTenantActor(request.actor), request.params.id, request.params.keyId));
  });

  app.get('/api/locks/:id/events', { schema: { tags, summary: 'A lock\'s event log, newest first', params: IdParams, querystring: EventsQuery, response: { 200: EventsPageOut } } }, async (request) => {
    const { rows, ...page } = await usecases.listEvents(deps, requireTenantActor(request.actor), request.params.id, request.query);
    return { ...page, events: rows.map(presentEvent) };
  });

  app.get('/api/lock-account', { schema: { tags, summary: 'The lock owner\'s or organisation\'s account and its upgrades', response: { 200: AccountOut } } }, async (request) => {
    return presentAccount(await usecases.getAccount(deps, requireTenantActor(request.actor)));
  });

  app.post('/api/lock-account/building-management', { schema: { tags, summary: 'Switch on building management', body: BuildingManagementInput, response: { 200: AccountOut } } }, async (request) => {
    return presentAccount(await usecases.activateBuildingManagement(deps, requireTenantActor(request.actor), request.body.partyId));
  });

  app.get('/api/lock-organisations', { schema: { tags, summary: 'Organisations with organisation management, to share a lock with', response: { 200: Type.Array(OrganisationOut) } } }, async (request) => {
    return usecases.listSharingOrganisations(deps, requireTenantActor(request.actor));
  });

  app.get('/api/lock-places', { schema: { tags, summary: 'Sites and units a lock may be placed at (admin; lock owners with building management)', response: { 200: Type.Array(PlaceOut) } } }, async (request) => {
    return usecases.listPlaces(deps, requireTenantActor(request.actor));
  });

  app.get('/api/lock-event-settings', { schema: { tags, summary: 'How long lock events are kept and when names are hidden', response: { 200: EventSettingsOut } } }, async (request) => {
    return usecases.getEventSettings(deps, requireTenantActor(request.actor));
  });

  app.put('/api/lock-event-settings', { schema: { tags, summary: 'Change the event log\'s retention', body: EventSettingsInput, response: { 200: EventSettingsOut } } }, async (request) => {
    return usecases.saveEventSettings(deps, requireTenantActor(request.actor), request.body);
  });

  app.get('/api/operator/lock-hardware', { schema: { tags, summary: 'The lock stock: locks made for Concierge (the latest 500)', response: { 200: Type.Array(HardwareOut) } } }, async (request) => {
    return (await usecases.listHardware(deps, requireActor(request.actor))).map(presentHardware);
  });

  app.post('/api/operator/lock-hardware', { schema: { tags, summary: 'Add locks to the stock with the secrets printed on them', body: HardwareInput,
    response: { 200: Type.Object({ added: Type.Integer(), given: Type.Integer() }) } } }, async (request) => {
    return usecases.addHardware(deps, requireActor(request.actor), request.body);
  });
}
