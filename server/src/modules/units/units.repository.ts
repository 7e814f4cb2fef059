import type { Tx } from '../../db/scope.ts';
import type { Insertable, Updateable } from 'kysely';
import type { UnitsTable } from '../../db/schema.ts';

function selectUnits(tx: Tx, tenantId: string) {
  return tx.selectFrom('units')
    .innerJoin('sites', (join) => join.onRef('sites.tenant_id', '=', 'units.tenant_id').onRef('sites.id', '=', 'units.site_id'))
    .select(['units.id', 'units.site_id', 'sites.name as site_name', 'units.kind', 'units.label', 'units.floor'])
    .select((eb) => eb.selectFrom('occupancies').select(eb.fn.countAll<number>().as('n'))
      .whereRef('occupancies.tenant_id', '=', 'units.tenant_id').whereRef('occupancies.unit_id', '=', 'units.id').as('occupancy_count'))
    .where('units.tenant_id', '=', tenantId);
}

export function listUnitsOfSite(tx: Tx, tenantId: string, siteId: string) {
  return selectUnits(tx, tenantId).where('units.site_id', '=', siteId).orderBy('units.label').execute();
}

export function findUnit(tx: Tx, tenantId: string, id: string) {
  return selectUnits(tx, tenantId).where('units.id', '=', id).executeTakeFirst();
}

export async function labelTaken(tx: Tx, tenantId: string, siteId: string, label: string, exceptId?: string) {
  let query = tx.selectFrom('units').select('id').where('tenant_id', '=', tenantId).where('site_id', '=', siteId).where('label', '=', label);
  if (exceptId) query = query.where('id', '!=', exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

export function insertUnit(tx: Tx, unit: Insertable<UnitsTable>) {
  return tx.insertInto('units').values(unit).returning('id').executeTakeFirstOrThrow();
}

export async function updateUnit(tx: Tx, tenantId: string, id: string, changes: Updateable<UnitsTable>) {
  if (Object.keys(changes).length === 0) return;
  await tx.updateTable('units').set(changes).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

export async function deleteUnit(tx: Tx, tenantId: string, id: string) {
  await tx.deleteFrom('units').where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}
