import type { Tx } from '../../db/scope.ts';

/** Ids among `ids` that are sites of the tenant; with a technician, only those assigned to it. */
export async function visibleSiteIds(tx: Tx, tenantId: string, ids: string[], technicianUserId: string | null): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  let query = tx.selectFrom('sites').select('sites.id').where('sites.tenant_id', '=', tenantId).where('sites.id', 'in', ids);
  if (technicianUserId) {
    query = query.innerJoin('technician_sites as ts', (join) => join.onRef('ts.tenant_id', '=', 'sites.tenant_id').onRef('ts.site_id', '=', 'sites.id'))
      .where('ts.user_id', '=', technicianUserId);
  }
  return new Set((await query.execute()).map((r) => r.id));
}

export function unitSites(tx: Tx, tenantId: string, ids: string[]) {
  return tx.selectFrom('units').select(['id', 'site_id']).where('tenant_id', '=', tenantId).where('id', 'in', ids).execute();
}

export async function existingPeople(tx: Tx, tenantId: string, ids: string[]): Promise<Set<string>> {
  const rows = await tx.selectFrom('people').select('id').where('tenant_id', '=', tenantId).where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}
