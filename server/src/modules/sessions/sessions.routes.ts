import { Type } from 'typebox';
import type { Deps } from '../../deps.ts';
import { requireTenantActor } from '../../http/actor.ts';
import { IdParams, type App } from '../../http/types.ts';
import {
  appliancesForResident, listSessionsForStaff, ownSession, ownSessions, startFromPortal, stopOwnSession, stopSessionAsStaff,
} from './sessions.portal.usecases.ts';
import { cancelReservation, reserveCharger } from './sessions.reservations.ts';
import { ApplianceOut, ReservationOut, ReservationParams, ReserveInput, SessionListQuery, SessionOut, StartInput } from './sessions.schemas.ts';

const tags = ['sessions'];

export function sessionsRoutes(app: App, deps: Deps): void {
  app.get('/api/me/appliances', { schema: { tags, summary: 'The appliances where you live, their live state, price and your running session', response: { 200: Type.Array(ApplianceOut) } } }, async (request) => {
    return appliancesForResident(deps, requireTenantActor(request.actor));
  });

  app.post('/api/me/appliances/:id/start', { schema: { tags, summary: 'Pre-select a maximum (held on your balance) and start the appliance', params: IdParams, body: StartInput, response: { 201: Type.Union([SessionOut, Type.Null()]) } } }, async (request, reply) => {
    return reply.status(201).send(await startFromPortal(deps, requireTenantActor(request.actor), request.params.id, request.body));
  });

  app.get('/api/me/sessions', { schema: { tags, summary: 'Your sessions with their receipts, newest first', response: { 200: Type.Array(SessionOut) } } }, async (request) => {
    return ownSessions(deps, requireTenantActor(request.actor));
  });

  app.get('/api/me/sessions/:id', { schema: { tags, summary: 'One of your sessions: its receipt', params: IdParams, response: { 200: SessionOut } } }, async (request) => {
    return ownSession(deps, requireTenantActor(request.actor), request.params.id);
  });

  app.post('/api/me/sessions/:id/stop', { schema: { tags, summary: 'End your running session (or withdraw a pre-selection)', params: IdParams, response: { 200: SessionOut } } }, async (request) => {
    return stopOwnSession(deps, requireTenantActor(request.actor), request.params.id);
  });

  app.post('/api/me/appliances/:id/reserve', { schema: { tags, summary: 'Reserve a shared charger for a while', params: IdParams, body: ReserveInput, response: { 201: ReservationOut } } }, async (request, reply) => {
    return reply.status(201).send(await reserveCharger(deps, requireTenantActor(request.actor), request.params.id, request.body));
  });

  app.post('/api/me/reservations/:reservationId/cancel', { schema: { tags, summary: 'Cancel your reservation', params: ReservationParams, response: { 200: Type.Object({ id: Type.Integer(), status: Type.String() }) } } }, async (request) => {
    return cancelReservation(deps, requireTenantActor(request.actor), request.params.reservationId);
  });

  app.get('/api/sessions', { schema: { tags, summary: 'Sessions of the tenant, newest first', querystring: SessionListQuery, response: { 200: Type.Array(SessionOut) } } }, async (request) => {
    return listSessionsForStaff(deps, requireTenantActor(request.actor), request.query);
  });

  app.post('/api/sessions/:id/stop', { schema: { tags, summary: 'End a session, e.g. an appliance stuck as busy', params: IdParams, response: { 200: SessionOut } } }, async (request) => {
    return stopSessionAsStaff(deps, requireTenantActor(request.actor), request.params.id);
  });
}
