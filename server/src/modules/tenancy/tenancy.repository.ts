// SQL for the tenants table. Operator queries run as the platform; a tenant reading its own row
// runs inside inTenant, where row-level security shows only that row.
import type { Insertable, Updateable } from 'kysely';
import type { Tx } from '../../db/scope.ts';
import type { TenantsTable } from '../../db/schema.ts';
import { timeZoneOf } from './countries.ts';

const columns = ['tenants.id', 'tenants.name', 'tenants.short_code', 'tenants.country', 'tenants.currency',
  'tenants.default_language', 'tenants.operating_mode', 'tenants.created_at'] as const;

function withCounts(tx: Tx) {
  return tx.selectFrom('tenants').select(columns)
    .select((eb) => eb.selectFrom('sites').select(eb.fn.countAll<number>().as('n')).whereRef('sites.tenant_id', '=', 'tenants.id').as('site_count'))
    .select((eb) => eb.selectFrom('units').select(eb.fn.countAll<number>().as('n')).whereRef('units.tenant_id', '=', 'tenants.id').as('unit_count'))
    .select((eb) => eb.selectFrom('people').select(eb.fn.countAll<number>().as('n')).whereRef('people.tenant_id', '=', 'tenants.id').as('people_count'));
}

export function listTenantsWithCounts(tx: Tx) {
  return withCounts(tx).orderBy('tenants.name').execute();
}

export function findTenantWithCounts(tx: Tx, tenantId: string) {
  return withCounts(tx).where('tenants.id', '=', tenantId).executeTakeFirst();
}

export function findTenant(tx: Tx, tenantId: string) {
  return tx.selectFrom('tenants').select(columns).where('tenants.id', '=', tenantId).executeTakeFirst();
}

/** The zone the tenant's days, weeks and months are counted in: its country's. */
export async function tenantTimeZone(tx: Tx, tenantId: string): Promise<string> {
  const tenant = await tx.selectFrom('tenants').select('country').where('id', '=', tenantId).executeTakeFirstOrThrow();
  return timeZoneOf(tenant.country);
}

export async function shortCodeTaken(tx: Tx, shortCode: string) {
  return (await tx.selectFrom('tenants').select('id').where('short_code', '=', shortCode).executeTakeFirst()) !== undefined;
}

export function insertTenant(tx: Tx, tenant: Insertable<TenantsTable>) {
  return tx.insertInto('tenants').values(tenant).returning('id').executeTakeFirstOrThrow();
}

export async function updateTenant(tx: Tx, tenantId: string, changes: Updateable<TenantsTable>) {
  if (Object.keys(changes).length === 0) return;
  await tx.updateTable('tenants').set(changes).where('id', '=', tenantId).execute();
}

/** Every tenant's id, for platform jobs that visit each tenant in turn. */
export async function allTenantIds(tx: Tx): Promise<string[]> {
  return (await tx.selectFrom('tenants').select('id').execute()).map((t) => t.id);
}
