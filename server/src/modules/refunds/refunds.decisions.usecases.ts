// Staff decide refund requests. Approving charges the hold in full into refunds payable and then
// moves the processing fee from there to revenue: the wallet shows one refund of what it held,
// and refunds payable keeps exactly what is owed to the resident until the payout file pays it.
// Rejecting voids the hold, so the money is spendable again.
import type { RefundStatus } from '../../db/schema.ts';
import { inTenant } from '../../db/scope.ts';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../errors.ts';
import type { TenantActor } from '../../http/actor.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { createTransfer, postPending, systemAccount, transferId, voidPending } from '../ledger/ledger.usecases.ts';
import { alreadyDecided, holdExpired, refundNotFound } from './refunds.errors.ts';
import { notifyDecision } from './refunds.mail.ts';
import { authorize, refundPolicy } from './refunds.policies.ts';
import * as repo from './refunds.repository.ts';
import { DEFAULT_REFUND_FEE_MINOR } from './refunds.requests.usecases.ts';

export function listRefunds(deps: Deps, actor: TenantActor, status?: RefundStatus) {
  authorize(refundPolicy.decide(actor));
  return inTenant(deps.db, actor.tenantId, (tx) => repo.listRefunds(tx, actor.tenantId, { status }));
}

async function undecided(tx: Parameters<typeof repo.lockRefund>[0], tenantId: string, id: string) {
  const refund = await repo.lockRefund(tx, tenantId, id);
  if (!refund) throw refundNotFound();
  if (refund.status !== 'requested') throw alreadyDecided();
  return refund;
}

export async function approveRefund(deps: Deps, actor: TenantActor, id: string) {
  authorize(refundPolicy.decide(actor));
  const now = deps.clock.now();
  const refund = await inTenant(deps.db, actor.tenantId, async (tx) => {
    const before = await undecided(tx, actor.tenantId, id);
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
    return after;
  });
  await notifyDecision(deps, refund);
  return refund;
}

export async function rejectRefund(deps: Deps, actor: TenantActor, id: string, reason: string) {
  authorize(refundPolicy.decide(actor));
  const now = deps.clock.now();
  const refund = await inTenant(deps.db, actor.tenantId, async (tx) => {
    const before = await undecided(tx, actor.tenantId, id);
    try {
      await voidPending(tx, actor.tenantId, { id: transferId('refund-void', id), pendingId: before.hold_transfer_id }, now);
    } catch (error) {
      // Resolved already: the hold expired and the money went back on its own.
      if (!(error instanceof AppError && error.code === 'ledger.hold_resolved')) throw error;
    }
    await repo.decideRefund(tx, actor.tenantId, id, { status: 'rejected', decidedBy: actor.userId, decidedAt: now, reason: reason.trim() });
    const after = (await repo.findRefund(tx, actor.tenantId, id))!;
    await recordAudit(tx, actor, { action: 'refund.rejected', entityType: 'refund_request', entityId: id, before: { status: before.status }, after: { status: after.status, reason: after.reason } });
    return after;
  });
  await notifyDecision(deps, refund);
  return refund;
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
