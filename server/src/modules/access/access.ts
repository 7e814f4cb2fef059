// One batch check for "may this actor act on these ids": answers with the ids it may not,
// so a list of ids costs one query. Unknown and foreign ids look the same: not found.
import type { Tx } from '../../db/scope.ts';
import type { TenantActor } from '../../http/actor.ts';
import { AppError } from '../../errors.ts';

type Entity = 'site' | 'unit' | 'person';

// The same codes the modules use for their own lookups, so a client sees one code per entity.
const NOT_FOUND: Record<Entity, [string, string]> = { site: ['sites', 'Site'], unit: ['units', 'Unit'], person: ['people', 'Person'] };

async function visibleSiteIds(tx: Tx, actor: TenantActor, ids: string[]): Promise<Set<string>> {
  let query = tx.selectFrom('sites').select('sites.id').where('sites.tenant_id', '=', actor.tenantId).where('sites.id', 'in', ids);
  if (actor.role === 'technician') {
    query = query.innerJoin('technician_sites as ts', (join) => join.onRef('ts.tenant_id', '=', 'sites.tenant_id').onRef('ts.site_id', '=', 'sites.id'))
      .where('ts.user_id', '=', actor.userId);
  }
  return new Set((await query.execute()).map((r) => r.id));
}

export async function requireAccess(tx: Tx, actor: TenantActor, entity: Entity, ids: string[]): Promise<void> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return;
  let visible: Set<string>;
  if (entity === 'site') {
    visible = await visibleSiteIds(tx, actor, unique);
  } else if (entity === 'unit') {
    const rows = await tx.selectFrom('units').select(['id', 'site_id']).where('tenant_id', '=', actor.tenantId).where('id', 'in', unique).execute();
    const sites = await visibleSiteIds(tx, actor, rows.map((r) => r.site_id).concat(['00000000-0000-0000-0000-000000000000']));
    visible = new Set(rows.filter((r) => sites.has(r.site_id)).map((r) => r.id));
  } else {
    if (actor.role === 'technician' || actor.role === 'resident') {
      visible = new Set(actor.personId && unique.includes(actor.personId) && actor.role === 'resident' ? [actor.personId] : []);
    } else {
      const rows = await tx.selectFrom('people').select('id').where('tenant_id', '=', actor.tenantId).where('id', 'in', unique).execute();
      visible = new Set(rows.map((r) => r.id));
    }
  }
  if (unique.some((id) => !visible.has(id))) throw new AppError(`${NOT_FOUND[entity][0]}.not_found`, 404, `${NOT_FOUND[entity][1]} not found`);
}
