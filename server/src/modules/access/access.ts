// One batch check for "may this actor act on these ids": a list of ids costs one query per
// kind. Unknown and foreign ids look the same: not found.
import type { Tx } from '../../db/scope.ts';
import type { TenantActor } from '../../http/actor.ts';
import { AppError } from '../../errors.ts';
import * as repo from './access.repository.ts';

type Entity = 'site' | 'unit' | 'person';

// The same codes the modules use for their own lookups, so a client sees one code per entity.
const NOT_FOUND: Record<Entity, [string, string]> = { site: ['sites', 'Site'], unit: ['units', 'Unit'], person: ['people', 'Person'] };

async function visibleIds(tx: Tx, actor: TenantActor, entity: Entity, ids: string[]): Promise<Set<string>> {
  const technician = actor.role === 'technician' ? actor.userId : null;
  if (entity === 'site') return repo.visibleSiteIds(tx, actor.tenantId, ids, technician);
  if (entity === 'unit') {
    const units = await repo.unitSites(tx, actor.tenantId, ids);
    const sites = await repo.visibleSiteIds(tx, actor.tenantId, units.map((u) => u.site_id), technician);
    return new Set(units.filter((u) => sites.has(u.site_id)).map((u) => u.id));
  }
  // People: staff see the tenant's; a resident only itself; a technician nobody.
  if (actor.role === 'resident') return new Set(actor.personId ? [actor.personId] : []);
  if (actor.role === 'technician') return new Set();
  return repo.existingPeople(tx, actor.tenantId, ids);
}

export async function requireAccess(tx: Tx, actor: TenantActor, entity: Entity, ids: string[]): Promise<void> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return;
  const visible = await visibleIds(tx, actor, entity, unique);
  if (unique.some((id) => !visible.has(id))) throw new AppError(`${NOT_FOUND[entity][0]}.not_found`, 404, `${NOT_FOUND[entity][1]} not found`);
}
