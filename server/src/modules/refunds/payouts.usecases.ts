// Payout files: every approved, unpaid refund of the tenant goes into one pain.001 file, paid
// from the manager's bank account. Each payout is a ledger transfer refunds payable → payouts
// whose id derives from the refund, and the refund is marked paid in the same transaction: a
// second run finds nothing left to pay, and a retried transfer is applied once.
import { randomUUID } from 'node:crypto';
import { inTenant } from '../../db/scope.ts';
import type { Deps } from '../../deps.ts';
import type { TenantActor } from '../../http/actor.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { findBankAccount } from '../banking/banking.repository.ts';
import { createTransfer, systemAccount, transferId } from '../ledger/ledger.usecases.ts';
import { isoDate, painWriter, type PayoutPayment } from './pain001.ts';
import { batchNotFound, noBankAccount, nothingToPay, unsupportedCurrency } from './refunds.errors.ts';
import { authorize, refundPolicy } from './refunds.policies.ts';
import * as repo from './refunds.repository.ts';
import type { RefundRow } from './refunds.repository.ts';

/** What the resident reads on their bank statement, in their language. */
const remittanceText: Record<RefundRow['language'], string> = {
  de: 'Rückerstattung Guthaben', fr: 'Remboursement du solde', nl: 'Terugbetaling tegoed', pl: 'Zwrot salda', en: 'Balance refund',
};

function payment(refund: RefundRow): PayoutPayment {
  return {
    endToEndId: refund.id.replace(/-/g, ''),
    amountMinor: Number(refund.amount) - Number(refund.fee),
    creditorName: refund.account_holder,
    creditorIban: refund.iban,
    remittance: `${remittanceText[refund.language]} ${refund.customer_number}`,
  };
}

export function createPayoutBatch(deps: Deps, actor: TenantActor, options: { executionDate?: string } = {}) {
  authorize(refundPolicy.pay(actor));
  const now = deps.clock.now();
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    const tenant = await repo.findTenant(tx, actor.tenantId);
    const write = painWriter(tenant.currency);
    if (!write) throw unsupportedCurrency();
    const bank = await findBankAccount(tx, actor.tenantId);
    if (!bank) throw noBankAccount();
    const refunds = await repo.lockUnpaidApproved(tx, actor.tenantId);
    if (refunds.length === 0) throw nothingToPay();

    const batchId = randomUUID();
    // Max 35 characters and unique per sender: the date plus a random part of the batch id.
    const messageId = `CZ-${isoDate(now).replace(/-/g, '')}-${batchId.replace(/-/g, '').slice(0, 16).toUpperCase()}`;
    const payments = refunds.map(payment);
    const payable = await systemAccount(tx, actor.tenantId, 'refunds_payable');
    const payouts = await systemAccount(tx, actor.tenantId, 'payouts');
    for (const [index, refund] of refunds.entries()) {
      await createTransfer(tx, actor.tenantId, {
        id: transferId('payout', refund.id), debitAccountId: payable, creditAccountId: payouts, amount: payments[index]!.amountMinor,
        code: 'payout', reference: { type: 'refund_request', id: refund.id }, note: messageId,
      }, now);
    }
    const xml = write({
      messageId, createdAt: now, executionDate: options.executionDate ? new Date(`${options.executionDate}T12:00:00`) : now,
      initiatorName: bank.creditor_name, payments,
      debtor: { name: bank.creditor_name, iban: bank.iban, bic: bank.bic, street: bank.street, postalCode: bank.postal_code, city: bank.city, country: bank.country },
    });
    const total = payments.reduce((sum, p) => sum + p.amountMinor, 0);
    const fileName = `pain001-${tenant.short_code}-${messageId}.xml`;
    await repo.insertBatch(tx, {
      tenant_id: actor.tenantId, id: batchId, currency: tenant.currency, created_by: actor.userId, message_id: messageId,
      file_name: fileName, xml, count: payments.length, total,
    });
    await repo.markPaid(tx, actor.tenantId, refunds.map((r) => r.id), batchId);
    await recordAudit(tx, actor, { action: 'payout_batch.created', entityType: 'payout_batch', entityId: batchId, after: { messageId, count: payments.length, total, refunds: refunds.map((r) => r.id) } });
    return (await repo.findBatch(tx, actor.tenantId, batchId))!;
  });
}

export function listPayoutBatches(deps: Deps, actor: TenantActor) {
  authorize(refundPolicy.pay(actor));
  return inTenant(deps.db, actor.tenantId, (tx) => repo.listBatches(tx, actor.tenantId));
}

export function payoutFile(deps: Deps, actor: TenantActor, id: string) {
  authorize(refundPolicy.pay(actor));
  return inTenant(deps.db, actor.tenantId, async (tx) => (await repo.findBatchFile(tx, actor.tenantId, id)) ?? Promise.reject(batchNotFound()));
}
