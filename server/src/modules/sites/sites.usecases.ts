// Sites (Liegenschaften): the buildings a property manager runs, each with its own address and
// optionally its own accounting unit.
import type { Static } from 'typebox';
import type { Deps } from '../../deps.ts';
import { inTenant } from '../../db/scope.ts';
import type { TenantActor } from '../../http/actor.ts';
import { requireAccess } from '../access/access.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { authorize, sitePolicy } from './sites.policies.ts';
import * as repo from './sites.repository.ts';
import { siteHasUnits, siteNotFound } from './sites.errors.ts';
import type { SiteInput, SiteUpdate } from './sites.schemas.ts';

type Input = Static<typeof SiteInput>;

function toColumns(input: Partial<Input>) {
  return {
    ...(input.name !== undefined && { name: input.name }),
    ...(input.street !== undefined && { street: input.street }),
    ...(input.postalCode !== undefined && { postal_code: input.postalCode }),
    ...(input.city !== undefined && { city: input.city }),
    ...(input.country !== undefined && { country: input.country }),
    ...(input.accountingUnit !== undefined && { accounting_unit: input.accountingUnit }),
    ...(input.languages !== undefined && { languages: input.languages }),
  };
}

export function listSites(deps: Deps, actor: TenantActor) {
  authorize(sitePolicy.read(actor));
  return inTenant(deps.db, actor.tenantId, (tx) => repo.listSites(tx, actor));
}

export function getSite(deps: Deps, actor: TenantActor, id: string) {
  authorize(sitePolicy.read(actor));
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    await requireAccess(tx, actor, 'site', [id]);
    return (await repo.findSite(tx, actor.tenantId, id)) ?? Promise.reject(siteNotFound());
  });
}

export function createSite(deps: Deps, actor: TenantActor, input: Input) {
  authorize(sitePolicy.manage(actor));
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    const values = { tenant_id: actor.tenantId, ...toColumns(input) } as Parameters<typeof repo.insertSite>[1];
    const { id } = await repo.insertSite(tx, values);
    await recordAudit(tx, actor, { action: 'site.created', entityType: 'site', entityId: id, after: input });
    return (await repo.findSite(tx, actor.tenantId, id))!;
  });
}

export function updateSite(deps: Deps, actor: TenantActor, id: string, input: Static<typeof SiteUpdate>) {
  authorize(sitePolicy.manage(actor));
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    const before = await repo.findSite(tx, actor.tenantId, id);
    if (!before) throw siteNotFound();
    await repo.updateSite(tx, actor.tenantId, id, toColumns(input));
    const after = (await repo.findSite(tx, actor.tenantId, id))!;
    await recordAudit(tx, actor, { action: 'site.updated', entityType: 'site', entityId: id, before, after });
    return after;
  });
}

export function deleteSite(deps: Deps, actor: TenantActor, id: string) {
  authorize(sitePolicy.manage(actor));
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    const before = await repo.findSite(tx, actor.tenantId, id);
    if (!before) throw siteNotFound();
    if (await repo.siteHasUnits(tx, actor.tenantId, id)) throw siteHasUnits();
    await repo.deleteSite(tx, actor.tenantId, id);
    await recordAudit(tx, actor, { action: 'site.deleted', entityType: 'site', entityId: id, before });
  });
}
