import { Type } from 'typebox';
import type { Deps } from '../../deps.ts';
import { requireOperator, requireTenantActor } from '../../http/actor.ts';
import { IdParams, type App } from '../../http/types.ts';
import { presentAttempt, presentBatch, presentRedeemed, presentRedemption } from './prepaidcodes.presenters.ts';
import { redeemCode } from './prepaidcodes.redeem.ts';
import { AttemptOut, AttemptsQuery, BatchCreatedOut, BatchDetailOut, BatchInput, BatchOut, RedeemedOut, RedeemInput } from './prepaidcodes.schemas.ts';
import { generateBatch, getBatch, listAttempts, listBatches } from './prepaidcodes.usecases.ts';

const tags = ['prepaid-codes'];
const operator = ['operator'];

export function prepaidCodesRoutes(app: App, deps: Deps): void {
  app.post('/api/prepaid-codes/redeem', {
    schema: { tags, summary: 'Redeem a prepaid code for a lock (lockId) or for the account (organisation management)', body: RedeemInput, response: { 200: RedeemedOut } },
  }, async (request) => {
    return presentRedeemed(await redeemCode(deps, requireTenantActor(request.actor), request.body));
  });

  app.post('/api/operator/prepaid-code-batches', {
    schema: { tags: operator, summary: 'Make a batch of prepaid codes; the codes are in this answer only', body: BatchInput, response: { 201: BatchCreatedOut } },
  }, async (request, reply) => {
    const { batch, codes } = await generateBatch(deps, requireOperator(request.actor), request.body);
    return reply.status(201).send({ batch: presentBatch(batch), codes });
  });

  app.get('/api/operator/prepaid-code-batches', { schema: { tags: operator, summary: 'Batches of prepaid codes, newest first, with how many are redeemed', response: { 200: Type.Array(BatchOut) } } }, async (request) => {
    return (await listBatches(deps, requireOperator(request.actor))).map(presentBatch);
  });

  app.get('/api/operator/prepaid-code-batches/:id', { schema: { tags: operator, summary: 'One batch and its redeemed codes', params: IdParams, response: { 200: BatchDetailOut } } }, async (request) => {
    const { batch, redemptions } = await getBatch(deps, requireOperator(request.actor), request.params.id);
    return { batch: presentBatch(batch), redemptions: redemptions.map(presentRedemption) };
  });

  app.get('/api/operator/prepaid-code-attempts', { schema: { tags: operator, summary: 'The latest redemption attempts, right or wrong', querystring: AttemptsQuery, response: { 200: Type.Array(AttemptOut) } } }, async (request) => {
    return (await listAttempts(deps, requireOperator(request.actor), request.query.limit ?? 100)).map(presentAttempt);
  });
}
