// A refund request nobody decided before its hold ran out expires with the hold: the money is
// the resident's again, the request closes as 'expired' (so a new one may be made, and staff are
// not offered a decision the ledger would refuse) and the resident is told.
// The worker closes them all; reads and decisions also close what they touch, so a worker that
// is late or down never leaves a request looking open after its hold is gone.
import type { Tx } from '../../db/scope.ts';
import type { Deps } from '../../deps.ts';
import { expireTheseHolds } from '../ledger/ledger.usecases.ts';
import { notifyDecision } from './refunds.mail.ts';
import * as repo from './refunds.repository.ts';
import type { RefundRow } from './refunds.repository.ts';

/** Long enough for staff to decide; an undecided request's hold then expires and the money is free again. */
export const REFUND_HOLD_SECONDS = 30 * 24 * 3600;

export type ExpiryScope = { personId?: string; id?: string };

/**
 * Closes the overdue requests in scope and returns them, for the mail after commit. Only marks
 * them: the caller makes sure the ledger releases the holds in the same transaction. Called
 * before any account is locked, in the order a decision locks (request, then accounts).
 */
export async function closeExpiredRefunds(tx: Tx, tenantId: string, now: Date, scope: ExpiryScope = {}): Promise<RefundRow[]> {
  const ids = await repo.expireOverdue(tx, tenantId, now, scope);
  return ids.length === 0 ? [] : repo.findRefunds(tx, tenantId, ids);
}

/**
 * Outside the worker: closes the overdue requests in scope and expires their holds (the step the
 * worker would take, under the same transfer ids), so the balance is free at once and a new
 * request can hold it. Other holds are left to the worker.
 */
export async function expireOverdueRefunds(tx: Tx, tenantId: string, now: Date, scope: ExpiryScope): Promise<RefundRow[]> {
  const closed = await closeExpiredRefunds(tx, tenantId, now, scope);
  await expireTheseHolds(tx, tenantId, closed.map((refund) => refund.hold_transfer_id), now);
  return closed;
}

/** After commit: one mail per request that this caller closed. */
export async function notifyExpired(deps: Deps, refunds: RefundRow[]): Promise<void> {
  for (const refund of refunds) await notifyDecision(deps, refund, { days: String(REFUND_HOLD_SECONDS / 86_400) });
}
