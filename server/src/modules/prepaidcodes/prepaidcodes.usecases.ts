// Prepaid codes, the operator's side: batches of codes made per product (the codes handed out
// once, in the answer), the batches with their redemptions, and every redemption attempt.
// Redeeming is in prepaidcodes.redeem.ts.
import { asPlatform } from '../../db/scope.ts';
import type { PrepaidProduct } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../http/actor.ts';
import { prepaidCodeErrors } from './prepaidcodes.errors.ts';
import { codeHash, codeHint, displayCode, generateCode } from './prepaidcodes.format.ts';
import * as repo from './prepaidcodes.repository.ts';

export interface BatchInput { product: PrepaidProduct; quantity: number; keysPerCode?: number; label?: string }

/**
 * Makes a batch in one transaction: the batch row and its codes' digests, in a few statements.
 * The codes themselves exist only in the answer. `operator` is the login the batch is recorded under.
 */
export function generateBatch(deps: Pick<Deps, 'db' | 'clock'>, operator: Actor, input: BatchInput): Promise<{ batch: repo.BatchRow; codes: string[] }> {
  if (input.product === 'key_pack' && input.keysPerCode === undefined) throw prepaidCodeErrors.keysRequired();
  if (input.product !== 'key_pack' && input.keysPerCode !== undefined) throw prepaidCodeErrors.keysNotAllowed();
  const codes = new Set<string>();
  while (codes.size < input.quantity) codes.add(generateCode());
  return asPlatform(deps.db, async (tx) => {
    const batchId = await repo.insertBatch(tx, {
      product: input.product, keysPerCode: input.keysPerCode ?? null, quantity: input.quantity, label: input.label?.trim() || null,
      createdBy: operator.userId, createdAt: deps.clock.now(),
    });
    await repo.insertCodes(tx, batchId, [...codes].map((code) => ({ hash: codeHash(code), hint: codeHint(code) })));
    return { batch: (await repo.findBatch(tx, batchId))!, codes: [...codes].map(displayCode) };
  });
}

export function listBatches(deps: Deps, _operator: Actor) {
  return asPlatform(deps.db, (tx) => repo.listBatches(tx, 500));
}

export function getBatch(deps: Deps, _operator: Actor, id: string) {
  return asPlatform(deps.db, async (tx) => {
    const batch = await repo.findBatch(tx, id);
    if (!batch) throw prepaidCodeErrors.batchNotFound();
    return { batch, redemptions: await repo.listRedemptions(tx, id) };
  });
}

export function listAttempts(deps: Deps, _operator: Actor, limit: number) {
  return asPlatform(deps.db, (tx) => repo.listAttempts(tx, limit));
}
