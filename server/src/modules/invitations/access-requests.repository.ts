// SQL for access requests. The lookup by customer number crosses tenants (customer numbers are
// globally unique), so the public request runs inside asPlatform; decisions run inTenant.
import type { Tx } from '../../db/scope.ts';

export function personByCustomerNumber(tx: Tx, customerNumber: string) {
  return tx.selectFrom('people').select(['tenant_id', 'id', 'email']).where('customer_number', '=', customerNumber).executeTakeFirst();
}

/** True when the person already has a login in its tenant or an undecided request. */
export async function hasAccessOrOpenRequest(tx: Tx, tenantId: string, personId: string): Promise<boolean> {
  const member = await tx.selectFrom('memberships').select('user_id').where('tenant_id', '=', tenantId).where('person_id', '=', personId).executeTakeFirst();
  if (member) return true;
  const open = await tx.selectFrom('access_requests').select('id').where('tenant_id', '=', tenantId).where('person_id', '=', personId)
    .where('status', '=', 'pending').executeTakeFirst();
  return open !== undefined;
}

export function insertAccessRequest(tx: Tx, request: { tenantId: string; personId: string; email: string }) {
  return tx.insertInto('access_requests').values({ tenant_id: request.tenantId, person_id: request.personId, email: request.email, decided_by: null, decided_at: null })
    .returning('id').executeTakeFirstOrThrow();
}

const columns = ['access_requests.id', 'access_requests.person_id', 'access_requests.email', 'access_requests.status', 'access_requests.decided_by',
  'access_requests.decided_at', 'access_requests.created_at', 'people.first_name', 'people.last_name', 'people.customer_number'] as const;

export function listAccessRequests(tx: Tx, tenantId: string, status: 'pending' | 'approved' | 'declined' | undefined) {
  let query = tx.selectFrom('access_requests')
    .innerJoin('people', (join) => join.onRef('people.tenant_id', '=', 'access_requests.tenant_id').onRef('people.id', '=', 'access_requests.person_id'))
    .select(columns).where('access_requests.tenant_id', '=', tenantId);
  if (status) query = query.where('access_requests.status', '=', status);
  return query.orderBy('access_requests.created_at', 'desc').execute();
}

export function findAccessRequest(tx: Tx, tenantId: string, id: string) {
  return tx.selectFrom('access_requests')
    .innerJoin('people', (join) => join.onRef('people.tenant_id', '=', 'access_requests.tenant_id').onRef('people.id', '=', 'access_requests.person_id'))
    .select(columns).where('access_requests.tenant_id', '=', tenantId).where('access_requests.id', '=', id)
    .forUpdate('access_requests').executeTakeFirst();
}

export async function decideAccessRequest(tx: Tx, tenantId: string, id: string, decision: { status: 'approved' | 'declined'; by: string; at: Date }) {
  await tx.updateTable('access_requests').set({ status: decision.status, decided_by: decision.by, decided_at: decision.at })
    .where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}
