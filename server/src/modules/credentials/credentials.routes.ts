import { Type } from 'typebox';
import type { Deps } from '../../deps.ts';
import { requireTenantActor } from '../../http/actor.ts';
import { IdParams, type App } from '../../http/types.ts';
import { fulfilFromStock, orderForPerson, registerFob } from './credentials.issue.usecases.ts';
import { addPhone, listOwnCredentials, reportLost, revokePhone, setPin } from './credentials.own.usecases.ts';
import { presentCredential, presentHistory } from './credentials.presenters.ts';
import {
  BadgeTermsOut, CredentialDetailOut, CredentialOut, CredentialQuery, OptionalReasonInput, OrderInput, PhoneInput, PhoneIssuedOut, PinInput,
  ReasonInput, FobInput, StockChoice,
} from './credentials.schemas.ts';
import { badgeTermsFor, blockCredential, credentialDetail, markReturned, searchCredentials, unblockCredential } from './credentials.usecases.ts';

const tags = ['credentials'];

export function credentialsRoutes(app: App, deps: Deps): void {
  // The resident's own badges, phones and PIN.
  app.get('/api/me/credentials', { schema: { tags, summary: 'Your badges, phones, PIN and fobs with their state', response: { 200: Type.Array(CredentialOut) } } }, async (request) => {
    return (await listOwnCredentials(deps, requireTenantActor(request.actor))).map(presentCredential);
  });

  app.post('/api/me/credentials/:id/report-lost', { schema: { tags, summary: 'Report one of your badges lost: it stops working at once, for good', params: IdParams, body: OptionalReasonInput, response: { 200: CredentialOut } } }, async (request) => {
    return presentCredential(await reportLost(deps, requireTenantActor(request.actor), request.params.id, request.body.reason));
  });

  app.post('/api/me/credentials/phone', { schema: { tags, summary: 'Register a phone: answers its idTag once, with a QR code', body: PhoneInput, response: { 201: PhoneIssuedOut } } }, async (request, reply) => {
    const issued = await addPhone(deps, requireTenantActor(request.actor), request.body.name);
    return reply.status(201).header('cache-control', 'no-store').send({ credential: presentCredential(issued.view), idTag: issued.idTag, qrDataUrl: issued.qrDataUrl });
  });

  app.post('/api/me/credentials/:id/revoke', { schema: { tags, summary: 'Revoke one of your phones', params: IdParams, response: { 200: CredentialOut } } }, async (request) => {
    return presentCredential(await revokePhone(deps, requireTenantActor(request.actor), request.params.id));
  });

  // Few tries: a PIN taken by someone else is refused, which must not become a way to find PINs.
  app.put('/api/me/credentials/pin', {
    config: { rateLimit: { max: 10, timeWindow: '15 minutes', hook: 'preHandler', keyGenerator: (request) => request.actor?.userId ?? request.ip } },
    schema: { tags, summary: 'Set or change your PIN code (4 to 8 digits)', body: PinInput, response: { 200: CredentialOut } },
  }, async (request) => {
    return presentCredential(await setPin(deps, requireTenantActor(request.actor), request.body.pin));
  });

  app.get('/api/badge-terms', { schema: { tags, summary: 'What a badge costs (badge and shipping) and the operating mode', response: { 200: BadgeTermsOut } } }, async (request) => {
    return badgeTermsFor(deps, requireTenantActor(request.actor));
  });

  // Staff.
  app.get('/api/credentials', { schema: { tags, summary: 'Find credentials by UID, printed label, holder or customer number', querystring: CredentialQuery, response: { 200: Type.Array(CredentialOut) } } }, async (request) => {
    return (await searchCredentials(deps, requireTenantActor(request.actor), request.query)).map(presentCredential);
  });

  app.get('/api/credentials/:id', { schema: { tags, summary: 'A credential with its history (who, when, why)', params: IdParams, response: { 200: CredentialDetailOut } } }, async (request) => {
    const detail = await credentialDetail(deps, requireTenantActor(request.actor), request.params.id);
    return { credential: presentCredential(detail.credential), history: detail.history.map(presentHistory) };
  });

  app.post('/api/credentials/orders', { schema: { tags, summary: 'Order a badge for a customer (billed unless waived), optionally issued from stock at once', body: OrderInput, response: { 201: CredentialOut } } }, async (request, reply) => {
    return reply.status(201).send(presentCredential(await orderForPerson(deps, requireTenantActor(request.actor), request.body)));
  });

  app.post('/api/credentials/fobs', { schema: { tags, summary: 'Register a remote fob for a customer (works at once, no fee)', body: FobInput, response: { 201: CredentialOut } } }, async (request, reply) => {
    return reply.status(201).send(presentCredential(await registerFob(deps, requireTenantActor(request.actor), request.body)));
  });

  app.post('/api/credentials/:id/fulfil', { schema: { tags, summary: 'Issue an ordered badge from stock (by label or UID, or the next free one)', params: IdParams, body: StockChoice, response: { 200: CredentialOut } } }, async (request) => {
    return presentCredential(await fulfilFromStock(deps, requireTenantActor(request.actor), request.params.id, request.body));
  });

  app.post('/api/credentials/:id/block', { schema: { tags, summary: 'Block a credential, with the reason', params: IdParams, body: ReasonInput, response: { 200: CredentialOut } } }, async (request) => {
    return presentCredential(await blockCredential(deps, requireTenantActor(request.actor), request.params.id, request.body.reason));
  });

  app.post('/api/credentials/:id/unblock', { schema: { tags, summary: 'Unblock a blocked credential', params: IdParams, body: OptionalReasonInput, response: { 200: CredentialOut } } }, async (request) => {
    return presentCredential(await unblockCredential(deps, requireTenantActor(request.actor), request.params.id, request.body.reason));
  });

  app.post('/api/credentials/:id/return', { schema: { tags, summary: 'Record a badge as returned (or withdraw an order); an unpaid fee is withdrawn', params: IdParams, body: OptionalReasonInput, response: { 200: CredentialOut } } }, async (request) => {
    return presentCredential(await markReturned(deps, requireTenantActor(request.actor), request.params.id, request.body.reason));
  });
}
