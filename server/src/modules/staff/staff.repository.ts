// Memberships join the platform's users table (names, e-mails), so these queries run as the
// platform and always name the tenant themselves.
import { sql } from 'kysely';
import type { Tx } from '../../db/scope.ts';
import type { TenantRole } from '../../db/schema.ts';

const STAFF_ROLES: TenantRole[] = ['manager_admin', 'manager_staff', 'technician'];

function selectStaff(tx: Tx, tenantId: string) {
  return tx.selectFrom('memberships').innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['memberships.user_id', 'users.email', 'users.display_name', 'memberships.role'])
    .select((eb) => eb.fn.coalesce(
      eb.selectFrom('technician_sites').select(sql<string[]>`array_agg(technician_sites.site_id)`.as('ids'))
        .whereRef('technician_sites.tenant_id', '=', 'memberships.tenant_id').whereRef('technician_sites.user_id', '=', 'memberships.user_id'),
      eb.val<string[]>([]),
    ).as('site_ids'))
    .select((eb) => eb.exists(eb.selectFrom('pseudonymised_access').select('pseudonymised_access.user_id')
      .whereRef('pseudonymised_access.tenant_id', '=', 'memberships.tenant_id').whereRef('pseudonymised_access.user_id', '=', 'memberships.user_id'),
    ).as('pseudonymised_access'))
    .where('memberships.tenant_id', '=', tenantId).where('memberships.role', 'in', STAFF_ROLES);
}

export function listStaff(tx: Tx, tenantId: string) {
  return selectStaff(tx, tenantId).orderBy('users.display_name').execute();
}

export function findStaff(tx: Tx, tenantId: string, userId: string) {
  return selectStaff(tx, tenantId).where('memberships.user_id', '=', userId).executeTakeFirst();
}

/** The admins of a tenant, locked so two demotions cannot both pass the "last admin" check. */
export async function lockAdmins(tx: Tx, tenantId: string): Promise<string[]> {
  const rows = await tx.selectFrom('memberships').select('user_id')
    .where('tenant_id', '=', tenantId).where('role', '=', 'manager_admin').forUpdate().execute();
  return rows.map((r) => r.user_id);
}

export async function setRole(tx: Tx, tenantId: string, userId: string, role: TenantRole) {
  await tx.updateTable('memberships').set({ role }).where('tenant_id', '=', tenantId).where('user_id', '=', userId).execute();
}

export async function deleteMembership(tx: Tx, tenantId: string, userId: string) {
  await tx.deleteFrom('technician_sites').where('tenant_id', '=', tenantId).where('user_id', '=', userId).execute();
  await tx.deleteFrom('memberships').where('tenant_id', '=', tenantId).where('user_id', '=', userId).execute();
}

export async function replaceTechnicianSites(tx: Tx, tenantId: string, userId: string, siteIds: string[]) {
  await tx.deleteFrom('technician_sites').where('tenant_id', '=', tenantId).where('user_id', '=', userId).execute();
  if (siteIds.length === 0) return;
  await tx.insertInto('technician_sites').values(siteIds.map((siteId) => ({ tenant_id: tenantId, user_id: userId, site_id: siteId }))).execute();
}
