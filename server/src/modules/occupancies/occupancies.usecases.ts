// Occupancies: who lives in, owns or holds which unit, from when until when. Ending one sets
// endsOn; the row stays as history.
import type { Static } from 'typebox';
import type { Deps } from '../../deps.ts';
import { inTenant, type Tx } from '../../db/scope.ts';
import { forbidden } from '../../errors.ts';
import type { TenantActor } from '../../http/actor.ts';
import { requireAccess } from '../access/access.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { occupancyEndsBeforeStart, occupancyNotFound, occupancyOverlap } from './occupancies.errors.ts';
import * as repo from './occupancies.repository.ts';
import type { OccupancyInput, OccupancyUpdate } from './occupancies.schemas.ts';

const mayManage = (a: TenantActor) => a.role === 'manager_admin' || a.role === 'manager_staff';

function authorize(allowed: boolean) {
  if (!allowed) throw forbidden();
}

async function checkPeriod(tx: Tx, tenantId: string, period: { unitId: string; personId: string; startsOn: string; endsOn: string | null; exceptId?: string }) {
  if (period.endsOn !== null && period.endsOn < period.startsOn) throw occupancyEndsBeforeStart();
  if (await repo.overlaps(tx, tenantId, period)) throw occupancyOverlap();
}

export function createOccupancy(deps: Deps, actor: TenantActor, input: Static<typeof OccupancyInput>) {
  authorize(mayManage(actor));
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    await requireAccess(tx, actor, 'unit', [input.unitId]);
    await requireAccess(tx, actor, 'person', [input.personId]);
    const endsOn = input.endsOn ?? null;
    await checkPeriod(tx, actor.tenantId, { unitId: input.unitId, personId: input.personId, startsOn: input.startsOn, endsOn });
    const { id } = await repo.insertOccupancy(tx, {
      tenant_id: actor.tenantId, unit_id: input.unitId, person_id: input.personId, relation: input.relation, starts_on: input.startsOn, ends_on: endsOn,
    });
    const after = (await repo.findOccupancy(tx, actor.tenantId, id))!;
    await recordAudit(tx, actor, { action: 'occupancy.created', entityType: 'occupancy', entityId: id, after });
    return after;
  });
}

export function updateOccupancy(deps: Deps, actor: TenantActor, id: string, input: Static<typeof OccupancyUpdate>) {
  authorize(mayManage(actor));
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    const before = await repo.findOccupancy(tx, actor.tenantId, id);
    if (!before) throw occupancyNotFound();
    const startsOn = input.startsOn ?? before.starts_on;
    const endsOn = input.endsOn !== undefined ? input.endsOn : before.ends_on;
    await checkPeriod(tx, actor.tenantId, { unitId: before.unit_id, personId: before.person_id, startsOn, endsOn, exceptId: id });
    await repo.updateOccupancy(tx, actor.tenantId, id, {
      ...(input.relation !== undefined && { relation: input.relation }),
      ...(input.startsOn !== undefined && { starts_on: input.startsOn }),
      ...(input.endsOn !== undefined && { ends_on: input.endsOn }),
    });
    const after = (await repo.findOccupancy(tx, actor.tenantId, id))!;
    await recordAudit(tx, actor, { action: 'occupancy.updated', entityType: 'occupancy', entityId: id, before, after });
    return after;
  });
}

export function deleteOccupancy(deps: Deps, actor: TenantActor, id: string) {
  authorize(mayManage(actor));
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    const before = await repo.findOccupancy(tx, actor.tenantId, id);
    if (!before) throw occupancyNotFound();
    await repo.deleteOccupancy(tx, actor.tenantId, id);
    await recordAudit(tx, actor, { action: 'occupancy.deleted', entityType: 'occupancy', entityId: id, before });
  });
}

/** The units the logged-in resident occupies today (their flat, their parking space); none for a login without a person. */
export async function ownUnits(deps: Deps, actor: TenantActor) {
  if (!actor.personId) return [];
  const today = deps.clock.now().toISOString().slice(0, 10);
  return inTenant(deps.db, actor.tenantId, (tx) => repo.currentUnitsOf(tx, actor.tenantId, actor.personId!, today));
}
