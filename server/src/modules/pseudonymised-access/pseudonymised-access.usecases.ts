// Pseudonymised usage data (the settlement contract's paid option): without it, the manager's
// staff see no consumption of a unit (a flat, a parking space: a person's). With it, the admin
// grants up to three staff accounts that read units' meters under a pseudonym, never the unit,
// its label, the meter's serial or a resident (docs/metering.md, "Who sees what").
import { randomBytes } from 'node:crypto';
import type { Deps } from '../../deps.ts';
import { asPlatform, type Tx } from '../../db/scope.ts';
import { forbidden } from '../../errors.ts';
import type { TenantActor } from '../../http/actor.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { staffNotFound } from '../staff/staff.errors.ts';
import { findStaff } from '../staff/staff.repository.ts';
import { limitReached, notOfficeStaff, optionMissing } from './pseudonymised-access.errors.ts';
import * as repo from './pseudonymised-access.repository.ts';

/** Staff accounts the option covers (the brief's "three personal accounts"). */
export const PSEUDONYMISED_ACCESS_LIMIT = 3;

const isOfficeRole = (role: string) => role === 'manager_admin' || role === 'manager_staff';

/** How the actor may read units' meters: not at all, or pseudonymised (granted staff while the contract has the option). */
export async function unitMeterAccess(tx: Tx, actor: TenantActor): Promise<'none' | 'pseudonymised'> {
  // A grant is personal: an API token (an integration) never reads units' usage.
  if (!isOfficeRole(actor.role) || actor.via !== 'session') return 'none';
  if (!(await repo.optionInContract(tx, actor.tenantId))) return 'none';
  return (await repo.isGranted(tx, actor.tenantId, actor.userId)) ? 'pseudonymised' : 'none';
}

/** Each unit's pseudonym (six hex digits), made at random the first time it is shown and kept. */
export async function unitPseudonyms(tx: Tx, tenantId: string, unitIds: string[]): Promise<Map<string, string>> {
  const wanted = [...new Set(unitIds)];
  let known = await repo.pseudonymsOf(tx, tenantId, wanted);
  // A new pseudonym may be taken already (one in 16 million per unit); such a unit simply draws again.
  for (let round = 0; known.size < wanted.length && round < 10; round++) {
    const missing = wanted.filter((id) => !known.has(id));
    await repo.insertPseudonyms(tx, tenantId, missing.map((unitId) => ({ unitId, pseudonym: randomBytes(3).toString('hex').toUpperCase() })));
    known = await repo.pseudonymsOf(tx, tenantId, wanted);
  }
  if (known.size < wanted.length) throw new Error('no free pseudonym after ten rounds');
  return known;
}

/** Whether the tenant has the option, how many accounts it covers and who has it (staff read it; the Staff page). */
export function pseudonymisedAccessOverview(deps: Deps, actor: TenantActor) {
  if (!isOfficeRole(actor.role)) throw forbidden();
  return asPlatform(deps.db, async (tx) => ({
    available: await repo.optionInContract(tx, actor.tenantId),
    limit: PSEUDONYMISED_ACCESS_LIMIT,
    userIds: await repo.grantedUserIds(tx, actor.tenantId),
  }));
}

export function staffPseudonymisedAccess(deps: Deps, actor: TenantActor, userId: string) {
  if (actor.role !== 'manager_admin') throw forbidden();
  return asPlatform(deps.db, async (tx) => {
    if (!(await findStaff(tx, actor.tenantId, userId))) throw staffNotFound();
    return { granted: await repo.isGranted(tx, actor.tenantId, userId), available: await repo.optionInContract(tx, actor.tenantId) };
  });
}

/** The admin grants a staff member access; the contract's row is locked, so two grants cannot both take the third place. */
export function grantPseudonymisedAccess(deps: Deps, actor: TenantActor, userId: string) {
  if (actor.role !== 'manager_admin') throw forbidden();
  return asPlatform(deps.db, async (tx) => {
    const member = await findStaff(tx, actor.tenantId, userId);
    if (!member) throw staffNotFound();
    if (!(await repo.optionInContract(tx, actor.tenantId, { lock: true }))) throw optionMissing();
    if (!isOfficeRole(member.role)) throw notOfficeStaff();
    const granted = await repo.grantedUserIds(tx, actor.tenantId);
    if (!granted.includes(userId)) {
      if (granted.length >= PSEUDONYMISED_ACCESS_LIMIT) throw limitReached();
      await repo.insertGrant(tx, actor.tenantId, userId, actor.userId);
      await recordAudit(tx, actor, { action: 'staff.pseudonymised_access_granted', entityType: 'membership', entityId: userId });
    }
    return { granted: true, available: true };
  });
}

export function withdrawPseudonymisedAccess(deps: Deps, actor: TenantActor, userId: string) {
  if (actor.role !== 'manager_admin') throw forbidden();
  return asPlatform(deps.db, async (tx) => {
    if (!(await findStaff(tx, actor.tenantId, userId))) throw staffNotFound();
    if (await repo.deleteGrant(tx, actor.tenantId, userId)) {
      await recordAudit(tx, actor, { action: 'staff.pseudonymised_access_withdrawn', entityType: 'membership', entityId: userId });
    }
    return { granted: false, available: await repo.optionInContract(tx, actor.tenantId) };
  });
}

/** A staff member who becomes a technician reads no usage data: their grant goes (and frees the place). */
export async function dropGrantOf(tx: Tx, tenantId: string, userId: string): Promise<void> {
  await repo.deleteGrant(tx, tenantId, userId);
}
