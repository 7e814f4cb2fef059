import { sql, type Insertable, type Updateable } from 'kysely';
import type { Tx } from '../../db/scope.ts';
import type { PeopleTable } from '../../db/schema.ts';
import { nextCounter } from '../../db/counters.ts';

const columns = ['people.id', 'people.customer_number', 'people.first_name', 'people.last_name', 'people.email',
  'people.landline', 'people.mobile', 'people.language', 'people.company_name', 'people.vat_id'] as const;

/** The next customer number of a tenant (`HEIMBAU-10001`, …), gapless within the transaction that uses it. */
export async function nextCustomerNumber(tx: Tx, tenantId: string, shortCode: string): Promise<string> {
  return `${shortCode.toUpperCase()}-${await nextCounter(tx, tenantId, 'customer_number', 10001)}`;
}

export async function tenantShortCode(tx: Tx, tenantId: string): Promise<string> {
  const row = await tx.selectFrom('tenants').select('short_code').where('id', '=', tenantId).executeTakeFirstOrThrow();
  return row.short_code;
}

export function listPeople(tx: Tx, tenantId: string, filter: { search?: string; siteId?: string }) {
  let query = tx.selectFrom('people').select(columns).where('people.tenant_id', '=', tenantId);
  if (filter.search) {
    const like = `%${filter.search.replace(/[\\%_]/g, '\\$&')}%`;
    query = query.where((eb) => eb.or([
      eb(sql<string>`people.first_name || ' ' || people.last_name`, 'ilike', like),
      eb(sql<string>`people.last_name || ' ' || people.first_name`, 'ilike', like),
      eb('people.customer_number', 'ilike', like),
      eb('people.email', 'ilike', like),
    ]));
  }
  if (filter.siteId) {
    const siteId = filter.siteId;
    query = query.where((eb) => eb.exists(eb.selectFrom('occupancies')
      .innerJoin('units', (join) => join.onRef('units.tenant_id', '=', 'occupancies.tenant_id').onRef('units.id', '=', 'occupancies.unit_id'))
      .select('occupancies.id')
      .whereRef('occupancies.tenant_id', '=', 'people.tenant_id').whereRef('occupancies.person_id', '=', 'people.id')
      .where('units.site_id', '=', siteId)));
  }
  return query.orderBy('people.last_name').orderBy('people.first_name').orderBy('people.customer_number').limit(500).execute();
}

export function findPerson(tx: Tx, tenantId: string, id: string) {
  return tx.selectFrom('people').select(columns).where('people.tenant_id', '=', tenantId).where('people.id', '=', id).executeTakeFirst();
}

export function occupanciesOfPerson(tx: Tx, tenantId: string, personId: string) {
  return tx.selectFrom('occupancies')
    .innerJoin('units', (join) => join.onRef('units.tenant_id', '=', 'occupancies.tenant_id').onRef('units.id', '=', 'occupancies.unit_id'))
    .innerJoin('sites', (join) => join.onRef('sites.tenant_id', '=', 'units.tenant_id').onRef('sites.id', '=', 'units.site_id'))
    .select(['occupancies.id', 'occupancies.unit_id', 'units.label as unit_label', 'units.site_id', 'sites.name as site_name', 'occupancies.relation'])
    .select([sql<string>`occupancies.starts_on::text`.as('starts_on'), sql<string | null>`occupancies.ends_on::text`.as('ends_on')])
    .where('occupancies.tenant_id', '=', tenantId).where('occupancies.person_id', '=', personId)
    .orderBy('occupancies.starts_on', 'desc').execute();
}

export function insertPerson(tx: Tx, person: Insertable<PeopleTable>) {
  return tx.insertInto('people').values(person).returning('id').executeTakeFirstOrThrow();
}

export async function updatePerson(tx: Tx, tenantId: string, id: string, changes: Updateable<PeopleTable>) {
  if (Object.keys(changes).length === 0) return;
  await tx.updateTable('people').set(changes).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}
