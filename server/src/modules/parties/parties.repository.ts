import type { Insertable, Updateable } from 'kysely';
import type { Tx } from '../../db/scope.ts';
import type { PartiesTable } from '../../db/schema.ts';

const columns = ['id', 'kind', 'name', 'person_id', 'email'] as const;

export function listParties(tx: Tx, tenantId: string, kind?: 'organisation' | 'lock_owner') {
  let query = tx.selectFrom('parties').select(columns).where('tenant_id', '=', tenantId);
  if (kind) query = query.where('kind', '=', kind);
  return query.orderBy('name').execute();
}

export function findParty(tx: Tx, tenantId: string, id: string) {
  return tx.selectFrom('parties').select(columns).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export function insertParty(tx: Tx, party: Insertable<PartiesTable>) {
  return tx.insertInto('parties').values(party).returning('id').executeTakeFirstOrThrow();
}

export async function updateParty(tx: Tx, tenantId: string, id: string, changes: Updateable<PartiesTable>) {
  if (Object.keys(changes).length === 0) return;
  await tx.updateTable('parties').set(changes).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}
