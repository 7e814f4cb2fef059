// The owner statements' queries. Every function takes the tenant; row-level security holds it too.
import { sql } from 'kysely';
import type { Tx } from '../../db/scope.ts';

export function tenantFacts(tx: Tx, tenantId: string) {
  return tx.selectFrom('tenants').leftJoin('tenant_settings as settings', 'settings.tenant_id', 'tenants.id')
    .select(['tenants.name', 'tenants.country', 'tenants.currency', 'tenants.operating_mode', 'settings.prices_include_vat'])
    .where('tenants.id', '=', tenantId).executeTakeFirstOrThrow();
}

/** Where the month (YYYY-MM) begins and ends in `timeZone`. */
export async function monthBounds(tx: Tx, month: string, timeZone: string): Promise<{ starts_at: Date; ends_at: Date }> {
  const row = await sql<{ starts_at: Date; ends_at: Date }>`
    SELECT (${`${month}-01`}::date::timestamp AT TIME ZONE ${timeZone}) AS starts_at,
           ((${`${month}-01`}::date + interval '1 month')::timestamp AT TIME ZONE ${timeZone}) AS ends_at`.execute(tx);
  return row.rows[0]!;
}

/** The postpaid consumption that ended in [from, to), with who, where and what, by customer and time. */
export function postpaidSessions(tx: Tx, tenantId: string, from: Date, to: Date, personId?: string) {
  let query = tx.selectFrom('usage_sessions as s')
    .innerJoin('people as p', (j) => j.onRef('p.tenant_id', '=', 's.tenant_id').onRef('p.id', '=', 's.person_id'))
    .innerJoin('appliances as a', (j) => j.onRef('a.tenant_id', '=', 's.tenant_id').onRef('a.id', '=', 's.appliance_id'))
    .innerJoin('devices as d', (j) => j.onRef('d.tenant_id', '=', 's.tenant_id').onRef('d.id', '=', 's.device_id'))
    .innerJoin('sites as site', (j) => j.onRef('site.tenant_id', '=', 'd.tenant_id').onRef('site.id', '=', 'd.site_id'))
    .select(['s.id', 's.person_id', 'p.customer_number', 'p.first_name', 'p.last_name', 'p.language', 's.metering', 's.vat_rate_bp', 'a.kind as appliance_kind', 'site.name as site_name'])
    .select((eb) => [
      eb.fn.coalesce('s.quantity', sql<number>`0`).as('quantity'),
      sql<number>`s.amount_minor`.as('amount_minor'),
      sql<Date>`s.stopped_at`.as('stopped_at'),
    ])
    .where('s.tenant_id', '=', tenantId).where('s.billing', '=', 'postpaid').where('s.status', '=', 'completed')
    .where('s.stopped_at', '>=', from).where('s.stopped_at', '<', to);
  if (personId) query = query.where('s.person_id', '=', personId);
  return query.orderBy('p.customer_number').orderBy('s.stopped_at').orderBy('s.id').execute();
}

export function personIn(tx: Tx, tenantId: string, personId: string) {
  return tx.selectFrom('people').select(['id', 'customer_number', 'first_name', 'last_name', 'language'])
    .where('tenant_id', '=', tenantId).where('id', '=', personId).executeTakeFirst();
}
