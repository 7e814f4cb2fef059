import { Type } from 'typebox';
import type { Deps } from '../../deps.ts';
import { requireTenantActor } from '../../http/actor.ts';
import { IdParams, type App } from '../../http/types.ts';
import { billPerson, cancelFeeAsStaff, listFees, listOwnFees, ownFeeSlip, payOwnFee } from './fees.portal.usecases.ts';
import { presentFee } from './fees.presenters.ts';
import { CancelFeeInput, CreateFeeInput, FeeListQuery, FeeOut } from './fees.schemas.ts';

const tags = ['fees'];

export function feesRoutes(app: App, deps: Deps): void {
  app.get('/api/me/fees', { schema: { tags, summary: 'Your open fees and the most recent paid or cancelled ones', response: { 200: Type.Array(FeeOut) } } }, async (request) => {
    return (await listOwnFees(deps, requireTenantActor(request.actor))).map(presentFee);
  });

  // No client id needed: a fee is paid by one transfer whose id derives from the fee, so a retry pays nothing twice.
  app.post('/api/me/fees/:id/pay', { schema: { tags, summary: 'Pay one of your open fees from your wallet balance', params: IdParams, response: { 200: FeeOut } } }, async (request) => {
    return presentFee(await payOwnFee(deps, requireTenantActor(request.actor), request.params.id));
  });

  app.get('/api/me/fees/:id/slip.pdf', { schema: { tags, summary: 'The payment slip of an open fee, to pay it by bank transfer (PDF)', params: IdParams, produces: ['application/pdf'] } }, async (request, reply) => {
    const slip = await ownFeeSlip(deps, requireTenantActor(request.actor), request.params.id);
    return reply.type('application/pdf').header('content-disposition', `inline; filename="fee-${slip.fee.number}.pdf"`)
      .header('cache-control', 'private, no-store').send(slip.pdf);
  });

  app.get('/api/fees', { schema: { tags, summary: 'Fees of the tenant, by person and status, newest first', querystring: FeeListQuery, response: { 200: Type.Array(FeeOut) } } }, async (request) => {
    return (await listFees(deps, requireTenantActor(request.actor), request.query)).map(presentFee);
  });

  app.post('/api/fees', { schema: { tags, summary: 'Bill a customer a one-off fee (never refunded)', body: CreateFeeInput, response: { 201: FeeOut } } }, async (request, reply) => {
    return reply.status(201).send(presentFee(await billPerson(deps, requireTenantActor(request.actor), request.body)));
  });

  app.post('/api/fees/:id/cancel', { schema: { tags, summary: 'Cancel an open fee, with the reason', params: IdParams, body: CancelFeeInput, response: { 200: FeeOut } } }, async (request) => {
    return presentFee(await cancelFeeAsStaff(deps, requireTenantActor(request.actor), request.params.id, request.body.reason));
  });
}
