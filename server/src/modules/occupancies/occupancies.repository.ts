import { sql, type Insertable, type Updateable } from 'kysely';
import type { Tx } from '../../db/scope.ts';
import type { OccupanciesTable } from '../../db/schema.ts';

export function findOccupancy(tx: Tx, tenantId: string, id: string) {
  return tx.selectFrom('occupancies')
    .select(['id', 'unit_id', 'person_id', 'relation', sql<string>`starts_on::text`.as('starts_on'), sql<string | null>`ends_on::text`.as('ends_on')])
    .where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

/** Whether the person already occupies the unit somewhere in [startsOn, endsOn] (open end = forever). */
export async function overlaps(tx: Tx, tenantId: string, period: { unitId: string; personId: string; startsOn: string; endsOn: string | null; exceptId?: string }) {
  let query = tx.selectFrom('occupancies').select('id')
    .where('tenant_id', '=', tenantId).where('unit_id', '=', period.unitId).where('person_id', '=', period.personId)
    .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', period.startsOn)]));
  if (period.endsOn !== null) query = query.where('starts_on', '<=', period.endsOn);
  if (period.exceptId) query = query.where('id', '!=', period.exceptId);
  return (await query.limit(1).executeTakeFirst()) !== undefined;
}

export function insertOccupancy(tx: Tx, occupancy: Insertable<OccupanciesTable>) {
  return tx.insertInto('occupancies').values(occupancy).returning('id').executeTakeFirstOrThrow();
}

export async function updateOccupancy(tx: Tx, tenantId: string, id: string, changes: Updateable<OccupanciesTable>) {
  if (Object.keys(changes).length === 0) return;
  await tx.updateTable('occupancies').set(changes).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

export async function deleteOccupancy(tx: Tx, tenantId: string, id: string) {
  await tx.deleteFrom('occupancies').where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

/** The units a person occupies on `day`, with their site: what a resident calls "my flat", "my parking space". */
export function currentUnitsOf(tx: Tx, tenantId: string, personId: string, day: string) {
  return tx.selectFrom('occupancies as o')
    .innerJoin('units as u', (j) => j.onRef('u.tenant_id', '=', 'o.tenant_id').onRef('u.id', '=', 'o.unit_id'))
    .innerJoin('sites as s', (j) => j.onRef('s.tenant_id', '=', 'u.tenant_id').onRef('s.id', '=', 'u.site_id'))
    .select(['u.id', 'u.kind', 'u.label', 's.id as site_id', 's.name as site_name']).distinct()
    .where('o.tenant_id', '=', tenantId).where('o.person_id', '=', personId).where('o.starts_on', '<=', day)
    .where((eb) => eb.or([eb('o.ends_on', 'is', null), eb('o.ends_on', '>=', day)]))
    .orderBy('s.name').orderBy('u.label').execute();
}
