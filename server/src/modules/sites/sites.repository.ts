import type { Tx } from '../../db/scope.ts';
import type { TenantActor } from '../../http/actor.ts';
import type { NewSite, SiteUpdate } from '../../db/schema.ts';

const columns = ['sites.id', 'sites.name', 'sites.street', 'sites.postal_code', 'sites.city', 'sites.country', 'sites.accounting_unit', 'sites.languages'] as const;

export function listSites(tx: Tx, actor: TenantActor) {
  let query = tx.selectFrom('sites')
    .select(columns)
    .select((eb) => eb.selectFrom('units').select(eb.fn.countAll<number>().as('n'))
      .whereRef('units.tenant_id', '=', 'sites.tenant_id').whereRef('units.site_id', '=', 'sites.id').as('unit_count'))
    .where('sites.tenant_id', '=', actor.tenantId)
    .orderBy('sites.name');
  if (actor.role === 'technician') {
    query = query.innerJoin('technician_sites as ts', (join) => join.onRef('ts.tenant_id', '=', 'sites.tenant_id').onRef('ts.site_id', '=', 'sites.id'))
      .where('ts.user_id', '=', actor.userId);
  }
  return query.execute();
}

export function findSite(tx: Tx, tenantId: string, id: string) {
  return tx.selectFrom('sites').select(columns)
    .select((eb) => eb.selectFrom('units').select(eb.fn.countAll<number>().as('n'))
      .whereRef('units.tenant_id', '=', 'sites.tenant_id').whereRef('units.site_id', '=', 'sites.id').as('unit_count'))
    .where('sites.tenant_id', '=', tenantId).where('sites.id', '=', id).executeTakeFirst();
}

export function insertSite(tx: Tx, site: NewSite) {
  return tx.insertInto('sites').values(site).returning('id').executeTakeFirstOrThrow();
}

export async function updateSite(tx: Tx, tenantId: string, id: string, changes: SiteUpdate) {
  await tx.updateTable('sites').set(changes).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

export async function deleteSite(tx: Tx, tenantId: string, id: string) {
  await tx.deleteFrom('sites').where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

export async function siteHasUnits(tx: Tx, tenantId: string, id: string) {
  const row = await tx.selectFrom('units').select('id').where('tenant_id', '=', tenantId).where('site_id', '=', id).limit(1).executeTakeFirst();
  return row !== undefined;
}
