// SQL of residents' badge requests. Every function takes the tenant.
import type { Insertable } from 'kysely';
import type { Tx } from '../../db/scope.ts';
import type { BadgeRequestsTable, BadgeRequestStatus } from '../../db/schema.ts';

const columns = [
  'r.id', 'r.person_id', 'r.kind', 'r.purpose', 'r.parking_space', 'r.charger_serial', 'r.note', 'r.status', 'r.decided_at',
  'r.reason', 'r.credential_id', 'r.fee_id', 'r.created_at',
  'p.customer_number', 'p.first_name', 'p.last_name', 'p.email', 'p.language',
] as const;

function requests(tx: Tx, tenantId: string) {
  return tx.selectFrom('badge_requests as r')
    .innerJoin('people as p', (join) => join.onRef('p.tenant_id', '=', 'r.tenant_id').onRef('p.id', '=', 'r.person_id'))
    .select(columns)
    .where('r.tenant_id', '=', tenantId);
}

export type BadgeRequestRow = Awaited<ReturnType<typeof findRequest>> & object;

export function findRequest(tx: Tx, tenantId: string, id: string) {
  return requests(tx, tenantId).where('r.id', '=', id).executeTakeFirst();
}

/** Locks the request for a decision, so two staff members cannot decide it at once. */
export async function lockRequest(tx: Tx, tenantId: string, id: string) {
  await tx.selectFrom('badge_requests').select('id').where('tenant_id', '=', tenantId).where('id', '=', id).forUpdate().execute();
  return findRequest(tx, tenantId, id);
}

export function listRequests(tx: Tx, tenantId: string, filter: { personId?: string; status?: BadgeRequestStatus }) {
  let query = requests(tx, tenantId);
  if (filter.personId) query = query.where('r.person_id', '=', filter.personId);
  if (filter.status) query = query.where('r.status', '=', filter.status);
  // The queue is worked oldest first; a resident reads their own newest first.
  const direction = filter.personId ? 'desc' : 'asc';
  return query.orderBy('r.created_at', direction).orderBy('r.id').limit(500).execute();
}

/** Inserts unless the id exists (a retry, or a reused id: the caller compares). */
export async function insertRequest(tx: Tx, values: Insertable<BadgeRequestsTable>) {
  await tx.insertInto('badge_requests').values(values).onConflict((oc) => oc.doNothing()).execute();
}

export async function decideRequest(tx: Tx, tenantId: string, id: string, decision: {
  status: 'approved' | 'rejected' | 'cancelled'; decidedBy: string | null; decidedAt: Date; reason: string | null;
  credentialId?: string; feeId?: string | null;
}) {
  await tx.updateTable('badge_requests')
    .set({
      status: decision.status, decided_by: decision.decidedBy, decided_at: decision.decidedAt, reason: decision.reason,
      ...(decision.credentialId !== undefined && { credential_id: decision.credentialId }),
      ...(decision.feeId !== undefined && { fee_id: decision.feeId }),
    })
    .where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}
