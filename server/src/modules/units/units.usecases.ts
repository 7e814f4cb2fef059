// Units of a site: flats, parking spaces, laundry rooms, garages. People occupy them.
import type { Static } from 'typebox';
import type { Deps } from '../../deps.ts';
import { inTenant } from '../../db/scope.ts';
import { forbidden } from '../../errors.ts';
import type { TenantActor } from '../../http/actor.ts';
import { requireAccess } from '../access/access.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { unitHasOccupancies, unitLabelTaken, unitNotFound } from './units.errors.ts';
import { unitPolicy } from './units.policies.ts';
import * as repo from './units.repository.ts';
import type { UnitInput, UnitUpdate } from './units.schemas.ts';

function authorize(allowed: boolean) {
  if (!allowed) throw forbidden();
}

export function listUnitsOfSite(deps: Deps, actor: TenantActor, siteId: string) {
  authorize(unitPolicy.read(actor));
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    await requireAccess(tx, actor, 'site', [siteId]);
    return repo.listUnitsOfSite(tx, actor.tenantId, siteId);
  });
}

export function getUnit(deps: Deps, actor: TenantActor, id: string) {
  authorize(unitPolicy.read(actor));
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    await requireAccess(tx, actor, 'unit', [id]);
    return (await repo.findUnit(tx, actor.tenantId, id)) ?? Promise.reject(unitNotFound());
  });
}

export function createUnit(deps: Deps, actor: TenantActor, input: Static<typeof UnitInput>) {
  authorize(unitPolicy.manage(actor));
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    await requireAccess(tx, actor, 'site', [input.siteId]);
    if (await repo.labelTaken(tx, actor.tenantId, input.siteId, input.label)) throw unitLabelTaken();
    const { id } = await repo.insertUnit(tx, { tenant_id: actor.tenantId, site_id: input.siteId, kind: input.kind, label: input.label, floor: input.floor ?? null });
    const after = (await repo.findUnit(tx, actor.tenantId, id))!;
    await recordAudit(tx, actor, { action: 'unit.created', entityType: 'unit', entityId: id, after });
    return after;
  });
}

export function updateUnit(deps: Deps, actor: TenantActor, id: string, input: Static<typeof UnitUpdate>) {
  authorize(unitPolicy.manage(actor));
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    const before = await repo.findUnit(tx, actor.tenantId, id);
    if (!before) throw unitNotFound();
    if (input.label !== undefined && await repo.labelTaken(tx, actor.tenantId, before.site_id, input.label, id)) throw unitLabelTaken();
    await repo.updateUnit(tx, actor.tenantId, id, {
      ...(input.kind !== undefined && { kind: input.kind }),
      ...(input.label !== undefined && { label: input.label }),
      ...(input.floor !== undefined && { floor: input.floor }),
    });
    const after = (await repo.findUnit(tx, actor.tenantId, id))!;
    await recordAudit(tx, actor, { action: 'unit.updated', entityType: 'unit', entityId: id, before, after });
    return after;
  });
}

export function deleteUnit(deps: Deps, actor: TenantActor, id: string) {
  authorize(unitPolicy.manage(actor));
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    const before = await repo.findUnit(tx, actor.tenantId, id);
    if (!before) throw unitNotFound();
    // Occupancies are the history of who lived where; they go first, deliberately.
    if (Number(before.occupancy_count) > 0) throw unitHasOccupancies();
    await repo.deleteUnit(tx, actor.tenantId, id);
    await recordAudit(tx, actor, { action: 'unit.deleted', entityType: 'unit', entityId: id, before });
  });
}
