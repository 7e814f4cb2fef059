// Parties: organisations (a caretaker company, a housing co-operative) and lock owners. They
// hold digital keys in a later module; here they are only kept as a register.
import type { Static } from 'typebox';
import type { Deps } from '../../deps.ts';
import { inTenant } from '../../db/scope.ts';
import { forbidden } from '../../errors.ts';
import type { TenantActor } from '../../http/actor.ts';
import { requireAccess } from '../access/access.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { partyNotFound } from './parties.errors.ts';
import * as repo from './parties.repository.ts';
import type { PartyInput, PartyUpdate } from './parties.schemas.ts';

const isStaff = (a: TenantActor) => a.role === 'manager_admin' || a.role === 'manager_staff';

function authorize(allowed: boolean) {
  if (!allowed) throw forbidden();
}

function toColumns(input: Partial<Static<typeof PartyInput>>) {
  return {
    ...(input.kind !== undefined && { kind: input.kind }),
    ...(input.name !== undefined && { name: input.name }),
    ...(input.personId !== undefined && { person_id: input.personId }),
    ...(input.email !== undefined && { email: input.email }),
  };
}

export function listParties(deps: Deps, actor: TenantActor, kind?: 'organisation' | 'lock_owner') {
  authorize(isStaff(actor));
  return inTenant(deps.db, actor.tenantId, (tx) => repo.listParties(tx, actor.tenantId, kind));
}

export function getParty(deps: Deps, actor: TenantActor, id: string) {
  authorize(isStaff(actor));
  return inTenant(deps.db, actor.tenantId, async (tx) => (await repo.findParty(tx, actor.tenantId, id)) ?? Promise.reject(partyNotFound()));
}

export function createParty(deps: Deps, actor: TenantActor, input: Static<typeof PartyInput>) {
  authorize(isStaff(actor));
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    if (input.personId) await requireAccess(tx, actor, 'person', [input.personId]);
    const { id } = await repo.insertParty(tx, { tenant_id: actor.tenantId, kind: input.kind, name: input.name, person_id: input.personId ?? null, email: input.email ?? null });
    const after = (await repo.findParty(tx, actor.tenantId, id))!;
    await recordAudit(tx, actor, { action: 'party.created', entityType: 'party', entityId: id, after });
    return after;
  });
}

export function updateParty(deps: Deps, actor: TenantActor, id: string, input: Static<typeof PartyUpdate>) {
  authorize(isStaff(actor));
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    const before = await repo.findParty(tx, actor.tenantId, id);
    if (!before) throw partyNotFound();
    if (input.personId) await requireAccess(tx, actor, 'person', [input.personId]);
    await repo.updateParty(tx, actor.tenantId, id, toColumns(input));
    const after = (await repo.findParty(tx, actor.tenantId, id))!;
    await recordAudit(tx, actor, { action: 'party.updated', entityType: 'party', entityId: id, before, after });
    return after;
  });
}
