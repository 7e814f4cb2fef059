// A tenant with many people, for the ledger's property, crash and benchmark runs (not for the
// demo). Written as the owner: the rows are setup, not something the application does.
import { sql } from 'kysely';
import type { Db } from '../../db/client.ts';
import type { Currency } from '../../db/schema.ts';

export interface LedgerFixture {
  tenantId: string;
  personIds: string[];
}

/** Creates the tenant `shortCode` with `people` people, or returns it if it already exists. */
export async function ledgerFixture(owner: Db, options: { shortCode: string; currency: Currency; people: number }): Promise<LedgerFixture> {
  const country = options.currency === 'CHF' ? 'CH' : options.currency === 'PLN' ? 'PL' : 'DE';
  const tenantId = await owner.transaction().execute(async (tx) => {
    const existing = await tx.selectFrom('tenants').select('id').where('short_code', '=', options.shortCode).executeTakeFirst();
    if (existing) return existing.id;
    const tenant = await tx.insertInto('tenants').values({
      name: `Ledger ${options.shortCode}`, short_code: options.shortCode, country, currency: options.currency, default_language: 'en', operating_mode: 'platform_billing',
    }).returning('id').executeTakeFirstOrThrow();
    await sql`INSERT INTO people (tenant_id, customer_number, first_name, last_name, language)
      SELECT ${tenant.id}::uuid, ${options.shortCode.toUpperCase()} || '-' || n, 'Person', n::text, 'en' FROM generate_series(1, ${options.people}::int) n`.execute(tx);
    return tenant.id;
  });
  const people = await owner.selectFrom('people').select('id').where('tenant_id', '=', tenantId).orderBy('customer_number').execute();
  return { tenantId, personIds: people.map((p) => p.id) };
}
