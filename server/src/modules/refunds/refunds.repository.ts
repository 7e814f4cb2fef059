import type { Insertable } from 'kysely';
import type { Tx } from '../../db/scope.ts';
import type { PayoutBatchesTable, RefundRequestsTable, RefundStatus } from '../../db/schema.ts';

const refundColumns = [
  'r.id', 'r.person_id', 'r.amount', 'r.fee', 'r.currency', 'r.iban', 'r.account_holder', 'r.status', 'r.decided_by',
  'r.decided_at', 'r.reason', 'r.hold_transfer_id', 'r.payout_batch_id', 'r.created_at',
  'p.customer_number', 'p.first_name', 'p.last_name', 'p.email', 'p.language',
] as const;

function refunds(tx: Tx, tenantId: string) {
  return tx.selectFrom('refund_requests as r')
    .innerJoin('people as p', (join) => join.onRef('p.tenant_id', '=', 'r.tenant_id').onRef('p.id', '=', 'r.person_id'))
    .select(refundColumns)
    .where('r.tenant_id', '=', tenantId);
}

export type RefundRow = Awaited<ReturnType<typeof findRefund>> & object;

export function findRefund(tx: Tx, tenantId: string, id: string) {
  return refunds(tx, tenantId).where('r.id', '=', id).executeTakeFirst();
}

/** Locks the request for a decision, so two staff members cannot decide it at once. */
export async function lockRefund(tx: Tx, tenantId: string, id: string) {
  await tx.selectFrom('refund_requests').select('id').where('tenant_id', '=', tenantId).where('id', '=', id).forUpdate().execute();
  return findRefund(tx, tenantId, id);
}

export function listRefunds(tx: Tx, tenantId: string, filter: { personId?: string; status?: RefundStatus }) {
  let query = refunds(tx, tenantId);
  if (filter.personId) query = query.where('r.person_id', '=', filter.personId);
  if (filter.status) query = query.where('r.status', '=', filter.status);
  return query.orderBy('r.created_at', 'desc').limit(500).execute();
}

export function findOpenRefund(tx: Tx, tenantId: string, personId: string) {
  return tx.selectFrom('refund_requests').select('id')
    .where('tenant_id', '=', tenantId).where('person_id', '=', personId).where('status', '=', 'requested')
    .executeTakeFirst();
}

/** Inserts unless the id or the person's one open request already exists (a concurrent twin). */
export async function insertRefund(tx: Tx, values: Insertable<RefundRequestsTable>) {
  await tx.insertInto('refund_requests').values(values).onConflict((oc) => oc.doNothing()).execute();
}

export async function decideRefund(tx: Tx, tenantId: string, id: string,
  decision: { status: 'approved' | 'rejected'; decidedBy: string; decidedAt: Date; reason: string | null }) {
  await tx.updateTable('refund_requests')
    .set({ status: decision.status, decided_by: decision.decidedBy, decided_at: decision.decidedAt, reason: decision.reason })
    .where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

/**
 * Closes the undecided requests whose hold ran out by `now` as expired, whether or not the ledger
 * has released the hold yet; decided_at is when the hold expired. Returns their ids. The rows
 * are locked by the update, so of two concurrent callers only one closes (and announces) each.
 */
export async function expireOverdue(tx: Tx, tenantId: string, now: Date, scope: { personId?: string; id?: string }): Promise<string[]> {
  let query = tx.updateTable('refund_requests as r').from('ledger_transfers as h')
    .set((eb) => ({ status: 'expired' as const, decided_at: eb.ref('h.expires_at') }))
    .where('r.tenant_id', '=', tenantId).where('r.status', '=', 'requested')
    .whereRef('h.tenant_id', '=', 'r.tenant_id').whereRef('h.id', '=', 'r.hold_transfer_id')
    .where('h.expires_at', '<=', now);
  if (scope.personId) query = query.where('r.person_id', '=', scope.personId);
  if (scope.id) query = query.where('r.id', '=', scope.id);
  return (await query.returning('r.id').execute()).map((row) => row.id);
}

export function findRefunds(tx: Tx, tenantId: string, ids: string[]) {
  return refunds(tx, tenantId).where('r.id', 'in', ids).orderBy('r.created_at').execute();
}

/** Approved refunds not yet in a payout file, locked: a concurrent payout run waits and then finds them paid. */
export async function lockUnpaidApproved(tx: Tx, tenantId: string) {
  const ids = await tx.selectFrom('refund_requests').select('id')
    .where('tenant_id', '=', tenantId).where('status', '=', 'approved').where('payout_batch_id', 'is', null)
    .orderBy('decided_at').forUpdate().execute();
  if (ids.length === 0) return [];
  return refunds(tx, tenantId).where('r.id', 'in', ids.map((r) => r.id)).orderBy('r.decided_at').execute();
}

export async function markPaid(tx: Tx, tenantId: string, ids: string[], batchId: string) {
  await tx.updateTable('refund_requests').set({ status: 'paid', payout_batch_id: batchId })
    .where('tenant_id', '=', tenantId).where('id', 'in', ids).execute();
}

export async function insertBatch(tx: Tx, values: Insertable<PayoutBatchesTable>) {
  await tx.insertInto('payout_batches').values(values).execute();
}

const batchColumns = ['id', 'currency', 'created_by', 'created_at', 'message_id', 'file_name', 'count', 'total'] as const;

export function listBatches(tx: Tx, tenantId: string) {
  return tx.selectFrom('payout_batches').select(batchColumns).where('tenant_id', '=', tenantId).orderBy('created_at', 'desc').limit(200).execute();
}

export function findBatch(tx: Tx, tenantId: string, id: string) {
  return tx.selectFrom('payout_batches').select(batchColumns).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export function findBatchFile(tx: Tx, tenantId: string, id: string) {
  return tx.selectFrom('payout_batches').select(['file_name', 'xml']).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export async function refundFee(tx: Tx, tenantId: string): Promise<number | null> {
  const row = await tx.selectFrom('tenant_settings').select('refund_fee_minor').where('tenant_id', '=', tenantId).executeTakeFirst();
  return row ? Number(row.refund_fee_minor) : null;
}

export async function saveRefundFee(tx: Tx, tenantId: string, feeMinor: number) {
  await tx.insertInto('tenant_settings').values({ tenant_id: tenantId, refund_fee_minor: feeMinor })
    .onConflict((oc) => oc.column('tenant_id').doUpdateSet({ refund_fee_minor: feeMinor, updated_at: new Date() })).execute();
}

export function findTenant(tx: Tx, tenantId: string) {
  return tx.selectFrom('tenants').select(['id', 'name', 'short_code', 'currency']).where('id', '=', tenantId).executeTakeFirstOrThrow();
}
