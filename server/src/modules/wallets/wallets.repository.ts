import { sql } from 'kysely';
import type { Tx } from '../../db/scope.ts';

/** People of the tenant with their wallet balance (0 when no wallet was opened yet). */
export function searchWallets(tx: Tx, tenantId: string, search: string | undefined) {
  let query = tx.selectFrom('people')
    .leftJoin('ledger_accounts as w', (join) => join.onRef('w.tenant_id', '=', 'people.tenant_id').onRef('w.person_id', '=', 'people.id').on('w.kind', '=', 'wallet'))
    .select(['people.id as person_id', 'people.customer_number', 'people.first_name', 'people.last_name', 'people.email'])
    .select(sql<number>`coalesce(w.credits_posted - w.debits_posted, 0)`.as('posted'))
    .select(sql<number>`coalesce(w.debits_pending, 0)`.as('pending'))
    .where('people.tenant_id', '=', tenantId);
  if (search) {
    const like = `%${search.replace(/[\\%_]/g, '\\$&')}%`;
    query = query.where((eb) => eb.or([
      eb(sql<string>`people.first_name || ' ' || people.last_name`, 'ilike', like),
      eb(sql<string>`people.last_name || ' ' || people.first_name`, 'ilike', like),
      eb('people.customer_number', 'ilike', like),
    ]));
  }
  return query.orderBy('people.last_name').orderBy('people.first_name').limit(200).execute();
}

export function findPerson(tx: Tx, tenantId: string, personId: string) {
  return tx.selectFrom('people').select(['id', 'customer_number', 'first_name', 'last_name', 'language', 'email'])
    .where('tenant_id', '=', tenantId).where('id', '=', personId).executeTakeFirst();
}

export function findPersonByCustomerNumber(tx: Tx, tenantId: string, customerNumber: string) {
  return tx.selectFrom('people').select(['id', 'first_name', 'last_name'])
    .where('tenant_id', '=', tenantId).where(sql`upper(customer_number)`, '=', customerNumber.trim().toUpperCase()).executeTakeFirst();
}

export async function insertTransferRequest(tx: Tx, row: { tenantId: string; id: string; fromPersonId: string; toPersonId: string; amount: number; holdTransferId: string }) {
  await tx.insertInto('wallet_transfer_requests').values({
    tenant_id: row.tenantId, id: row.id, from_person_id: row.fromPersonId, to_person_id: row.toPersonId, amount: row.amount, hold_transfer_id: row.holdTransferId,
  }).onConflict((oc) => oc.columns(['tenant_id', 'id']).doNothing()).execute();
}

export function findTransferRequest(tx: Tx, tenantId: string, id: string) {
  return tx.selectFrom('wallet_transfer_requests').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function decideTransferRequest(tx: Tx, tenantId: string, id: string, status: 'accepted' | 'declined' | 'cancelled', at: Date) {
  await tx.updateTable('wallet_transfer_requests').set({ status, decided_at: at }).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

export function transferRequestsOf(tx: Tx, tenantId: string, personId: string) {
  return tx.selectFrom('wallet_transfer_requests as r')
    .innerJoin('people as f', (j) => j.onRef('f.tenant_id', '=', 'r.tenant_id').onRef('f.id', '=', 'r.from_person_id'))
    .innerJoin('people as t', (j) => j.onRef('t.tenant_id', '=', 'r.tenant_id').onRef('t.id', '=', 'r.to_person_id'))
    .select(['r.id', 'r.amount', 'r.status', 'r.created_at', 'r.decided_at', 'r.from_person_id', 'r.to_person_id',
      sql<string>`f.first_name || ' ' || f.last_name`.as('from_name'), sql<string>`t.first_name || ' ' || t.last_name`.as('to_name')])
    .where('r.tenant_id', '=', tenantId)
    .where((eb) => eb.or([eb('r.from_person_id', '=', personId), eb('r.to_person_id', '=', personId)]))
    .orderBy('r.created_at', 'desc').limit(50).execute();
}

/** Pending requests whose hold the ledger has expired become cancelled. */
export async function cancelRequestsWithExpiredHolds(tx: Tx, tenantId: string, at: Date) {
  await tx.updateTable('wallet_transfer_requests').set({ status: 'cancelled', decided_at: at })
    .where('tenant_id', '=', tenantId).where('status', '=', 'pending')
    .where(({ exists, selectFrom }) => exists(selectFrom('ledger_transfers as r').select('r.id')
      .whereRef('r.tenant_id', '=', 'wallet_transfer_requests.tenant_id').whereRef('r.pending_id', '=', 'wallet_transfer_requests.hold_transfer_id')
      .where('r.kind', '=', 'expire_pending')))
    .execute();
}
