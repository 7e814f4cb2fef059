// Staff of a property manager: admins, office staff and technicians. New staff arrive by
// invitation (modules/invitations); here their role and technicians' sites are managed.
import type { Deps } from '../../deps.ts';
import { asPlatform } from '../../db/scope.ts';
import { forbidden } from '../../errors.ts';
import type { TenantActor } from '../../http/actor.ts';
import { requireAccess } from '../access/access.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { dropGrantOf } from '../pseudonymised-access/pseudonymised-access.usecases.ts';
import { lastAdmin, notTechnician, staffNotFound } from './staff.errors.ts';
import * as repo from './staff.repository.ts';

type StaffRole = 'manager_admin' | 'manager_staff' | 'technician';

const isStaff = (a: TenantActor) => a.role === 'manager_admin' || a.role === 'manager_staff';
const isAdmin = (a: TenantActor) => a.role === 'manager_admin';

function authorize(allowed: boolean) {
  if (!allowed) throw forbidden();
}

export function listStaff(deps: Deps, actor: TenantActor) {
  authorize(isStaff(actor));
  return asPlatform(deps.db, (tx) => repo.listStaff(tx, actor.tenantId));
}

export function changeRole(deps: Deps, actor: TenantActor, userId: string, role: StaffRole) {
  authorize(isAdmin(actor));
  return asPlatform(deps.db, async (tx) => {
    const admins = await repo.lockAdmins(tx, actor.tenantId);
    const before = await repo.findStaff(tx, actor.tenantId, userId);
    if (!before) throw staffNotFound();
    if (before.role === 'manager_admin' && role !== 'manager_admin' && admins.length <= 1) throw lastAdmin();
    await repo.setRole(tx, actor.tenantId, userId, role);
    // Sites are a technician's scope; any other role sees every site, so stale rows would only mislead.
    if (role !== 'technician') await repo.replaceTechnicianSites(tx, actor.tenantId, userId, []);
    // A technician reads no usage data: a grant of pseudonymised access would only hold one of the three places.
    else await dropGrantOf(tx, actor.tenantId, userId);
    const after = (await repo.findStaff(tx, actor.tenantId, userId))!;
    await recordAudit(tx, actor, { action: 'staff.role_changed', entityType: 'membership', entityId: userId, before, after });
    return after;
  });
}

export function removeStaff(deps: Deps, actor: TenantActor, userId: string) {
  authorize(isAdmin(actor));
  return asPlatform(deps.db, async (tx) => {
    const admins = await repo.lockAdmins(tx, actor.tenantId);
    const before = await repo.findStaff(tx, actor.tenantId, userId);
    if (!before) throw staffNotFound();
    if (before.role === 'manager_admin' && admins.length <= 1) throw lastAdmin();
    await repo.deleteMembership(tx, actor.tenantId, userId);
    await recordAudit(tx, actor, { action: 'staff.removed', entityType: 'membership', entityId: userId, before });
  });
}

export function assignTechnicianSites(deps: Deps, actor: TenantActor, userId: string, siteIds: string[]) {
  authorize(isAdmin(actor));
  return asPlatform(deps.db, async (tx) => {
    const before = await repo.findStaff(tx, actor.tenantId, userId);
    if (!before) throw staffNotFound();
    if (before.role !== 'technician') throw notTechnician();
    await requireAccess(tx, actor, 'site', siteIds);
    await repo.replaceTechnicianSites(tx, actor.tenantId, userId, siteIds);
    const after = (await repo.findStaff(tx, actor.tenantId, userId))!;
    await recordAudit(tx, actor, { action: 'staff.sites_assigned', entityType: 'membership', entityId: userId, before, after });
    return after;
  });
}
