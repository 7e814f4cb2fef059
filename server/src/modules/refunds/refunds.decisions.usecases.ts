// Staff decide refund requests. Approving charges the hold in full into refunds payable and then
// moves the processing fee from there to revenue: the wallet shows one refund of what it held,
// and refunds payable keeps exactly what is owed to the resident until the payout file pays it.
// Rejecting voids the hold, so the money is spendable again. A request whose hold ran out can be
// neither: it closes as expired instead (refunds.expiry.usecases.ts) and the decision is refused.
import type { RefundStatus } from '../../db/schema.ts';
import { inTenant } from '../../db/scope.ts';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../errors.ts';
import type { TenantActor } from '../../http/actor.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { createTransfer, postPending, systemAccount, transferId, voidPending } from '../ledger/ledger.usecases.ts';
import { alreadyDecided, holdExpired, refundNotFound } from './refunds.errors.ts';
import { expireOverdueRefunds, notifyExpired } from './refunds.expiry.usecases.ts';
import { notifyDecision } from './refunds.mail.ts';
import { authorize, refundPolicy } from './refunds.policies.ts';
import * as repo from './refunds.repository.ts';
import type { RefundRow } from './refunds.repository.ts';
import { DEFAULT_REFUND_FEE_MINOR } from './refunds.requests.usecases.ts';

export async function listRefunds(deps: Deps, actor: TenantActor, status?: RefundStatus) {
  authorize(refundPolicy.decide(actor));
  const { expired, refunds } = await inTenant(deps.db, actor.tenantId, async (tx) => ({
    expired: await expireOverdueRefunds(tx, actor.tenantId, deps.clock.now(), {}),
    refunds: await repo.listRefunds(tx, actor.tenantId, { status }),
  }));
  await notifyExpired(deps, expired);
  return refunds;
}

/** What a decision's transaction commits: the decided request, or the request it found expired. */
type Decided = { refund: RefundRow; expired: boolean };

/**
 * Locks the request and makes sure it is still open. One whose hold ran out is closed as expired
 * instead; the caller returns that from the transaction (a throw would roll the closing back)
 * and refuses the decision after commit.
 */
async function undecided(tx: Parameters<typeof repo.lockRefund>[0], tenantId: string, id: string, now: Date): Promise<Decided> {
  const refund = await repo.lockRefund(tx, tenantId, id);
  if (!refund) throw refundNotFound();
  if (refund.status === 'expired') throw holdExpired();
  if (refund.status !== 'requested') throw alreadyDecided();
  const [expired] = await expireOverdueRefunds(tx, tenantId, now, { id });
  return expired ? { refund: expired, expired: true } : { refund, expired: false };
}

/** After commit: the mail for the decision, or for the expiry together with the refusal of the decision. */
async function announce(deps: Deps, outcome: Decided): Promise<RefundRow> {
  if (outcome.expired) {
    await notifyExpired(deps, [outcome.refund]);
    throw holdExpired();
  }
  await notifyDecision(deps, outcome.refund);
  return outcome.refund;
}

export async function approveRefund(deps: Deps, actor: TenantActor, id: string) {
  authorize(refundPolicy.decide(actor));
  const now = deps.clock.now();
  const outcome = await inTenant(deps.db, actor.tenantId, async (tx): Promise<Decided> => {
    const open = await undecided(tx, actor.tenantId, id, now);
    if (open.expired) return open;
    const before = open.refund;
    const reference = { type: 'refund_request', id };
    try {
      await postPending(tx, actor.tenantId, { id: transferId('refund-post', id), pendingId: before.hold_transfer_id }, now);
    } catch (error) {
      if (error instanceof AppError && (error.code === 'ledger.hold_expired' || error.code === 'ledger.hold_resolved')) throw holdExpired();
      throw error;
    }
    const fee = Number(before.fee);
    if (fee > 0) {
      await createTransfer(tx, actor.tenantId, {
        id: transferId('refund-fee', id), debitAccountId: await systemAccount(tx, actor.tenantId, 'refunds_payable'),
        creditAccountId: await systemAccount(tx, actor.tenantId, 'revenue'), amount: fee, code: 'fee', reference,
        note: 'Refund processing fee',
      }, now);
    }
    await repo.decideRefund(tx, actor.tenantId, id, { status: 'approved', decidedBy: actor.userId, decidedAt: now, reason: null });
    const after = (await repo.findRefund(tx, actor.tenantId, id))!;
    await recordAudit(tx, actor, { action: 'refund.approved', entityType: 'refund_request', entityId: id, before: { status: before.status }, after: { status: after.status, amount: after.amount, fee } });
    return { refund: after, expired: false };
  });
  return announce(deps, outcome);
}

export async function rejectRefund(deps: Deps, actor: TenantActor, id: string, reason: string) {
  authorize(refundPolicy.decide(actor));
  const now = deps.clock.now();
  const outcome = await inTenant(deps.db, actor.tenantId, async (tx): Promise<Decided> => {
    const open = await undecided(tx, actor.tenantId, id, now);
    if (open.expired) return open;
    const before = open.refund;
    try {
      await voidPending(tx, actor.tenantId, { id: transferId('refund-void', id), pendingId: before.hold_transfer_id }, now);
    } catch (error) {
      // Resolved already: the hold expired and the money went back on its own.
      if (!(error instanceof AppError && error.code === 'ledger.hold_resolved')) throw error;
    }
    await repo.decideRefund(tx, actor.tenantId, id, { status: 'rejected', decidedBy: actor.userId, decidedAt: now, reason: reason.trim() });
    const after = (await repo.findRefund(tx, actor.tenantId, id))!;
    await recordAudit(tx, actor, { action: 'refund.rejected', entityType: 'refund_request', entityId: id, before: { status: before.status }, after: { status: after.status, reason: after.reason } });
    return { refund: after, expired: false };
  });
  return announce(deps, outcome);
}

export function getRefundFee(deps: Deps, actor: TenantActor) {
  authorize(refundPolicy.readFee(actor));
  return inTenant(deps.db, actor.tenantId, async (tx) => (await repo.refundFee(tx, actor.tenantId)) ?? DEFAULT_REFUND_FEE_MINOR);
}

export function setRefundFee(deps: Deps, actor: TenantActor, feeMinor: number) {
  authorize(refundPolicy.setFee(actor));
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    const before = (await repo.refundFee(tx, actor.tenantId)) ?? DEFAULT_REFUND_FEE_MINOR;
    await repo.saveRefundFee(tx, actor.tenantId, feeMinor);
    await recordAudit(tx, actor, { action: 'refund_fee.updated', entityType: 'tenant', entityId: actor.tenantId, before: { refundFeeMinor: before }, after: { refundFeeMinor: feeMinor } });
    return feeMinor;
  });
}
