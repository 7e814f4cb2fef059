import { Type } from 'typebox';
import type { Deps } from '../../deps.ts';
import { requireTenantActor } from '../../http/actor.ts';
import { IdParams, type App } from '../../http/types.ts';
import { createPayoutBatch, listPayoutBatches, payoutFile } from './payouts.usecases.ts';
import { presentPayoutBatch, presentRefund } from './refunds.presenters.ts';
import { PayoutBatchInput, PayoutBatchOut, RefundListQuery, RefundOut, RefundRequestInput, RefundSettings, RejectInput } from './refunds.schemas.ts';
import { approveRefund, getRefundFee, listRefunds, rejectRefund, setRefundFee } from './refunds.decisions.usecases.ts';
import { listOwnRefunds, requestRefund } from './refunds.requests.usecases.ts';

const tags = ['refunds'];

export function refundsRoutes(app: App, deps: Deps): void {
  app.post('/api/wallet/refund-requests', { schema: { tags, summary: 'Ask for the remaining balance back (held until staff decide)', body: RefundRequestInput, response: { 201: RefundOut } } }, async (request, reply) => {
    return reply.status(201).send(presentRefund(await requestRefund(deps, requireTenantActor(request.actor), request.body)));
  });

  app.get('/api/wallet/refund-requests', { schema: { tags, summary: 'Your refund requests', response: { 200: Type.Array(RefundOut) } } }, async (request) => {
    return (await listOwnRefunds(deps, requireTenantActor(request.actor))).map(presentRefund);
  });

  app.get('/api/refund-requests', { schema: { tags, summary: 'Refund requests of the tenant, optionally by status', querystring: RefundListQuery, response: { 200: Type.Array(RefundOut) } } }, async (request) => {
    return (await listRefunds(deps, requireTenantActor(request.actor), request.query.status)).map(presentRefund);
  });

  app.post('/api/refund-requests/:id/approve', { schema: { tags, summary: 'Approve a refund: charge the held amount, book the fee', params: IdParams, response: { 200: RefundOut } } }, async (request) => {
    return presentRefund(await approveRefund(deps, requireTenantActor(request.actor), request.params.id));
  });

  app.post('/api/refund-requests/:id/reject', { schema: { tags, summary: 'Reject a refund: release the held amount', params: IdParams, body: RejectInput, response: { 200: RefundOut } } }, async (request) => {
    return presentRefund(await rejectRefund(deps, requireTenantActor(request.actor), request.params.id, request.body.reason));
  });

  app.get('/api/tenant/refund-settings', { schema: { tags, summary: 'The refund processing fee', response: { 200: RefundSettings } } }, async (request) => {
    return { refundFeeMinor: await getRefundFee(deps, requireTenantActor(request.actor)) };
  });

  app.put('/api/tenant/refund-settings', { schema: { tags, summary: 'Set the refund processing fee (admin)', body: RefundSettings, response: { 200: RefundSettings } } }, async (request) => {
    return { refundFeeMinor: await setRefundFee(deps, requireTenantActor(request.actor), request.body.refundFeeMinor) };
  });

  app.post('/api/payout-batches', { schema: { tags, summary: 'Pay all approved refunds in one pain.001 file', body: PayoutBatchInput, response: { 201: PayoutBatchOut } } }, async (request, reply) => {
    const batch = await createPayoutBatch(deps, requireTenantActor(request.actor), request.body);
    return reply.status(201).send(presentPayoutBatch(batch));
  });

  app.get('/api/payout-batches', { schema: { tags, summary: 'Payout files made so far', response: { 200: Type.Array(PayoutBatchOut) } } }, async (request) => {
    return (await listPayoutBatches(deps, requireTenantActor(request.actor))).map(presentPayoutBatch);
  });

  app.get('/api/payout-batches/:id/file', { schema: { tags, summary: 'Download a payout file (pain.001 XML) for the bank', params: IdParams, produces: ['application/xml'] } }, async (request, reply) => {
    const file = await payoutFile(deps, requireTenantActor(request.actor), request.params.id);
    return reply.type('application/xml; charset=utf-8')
      .header('content-disposition', `attachment; filename="${file.file_name}"`)
      .header('cache-control', 'private, no-store')
      .send(file.xml);
  });
}
