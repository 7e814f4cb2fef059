// Test setup for badges: stock rows written straight into the database (as an import would leave
// them), and lookups of the demo tenants and people. Used by tests and browser tests only.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../db/client.ts';
import { asPlatform, inTenant } from '../../db/scope.ts';

export async function demoIds(db: Db) {
  return asPlatform(db, async (tx) => {
    const tenants = Object.fromEntries((await tx.selectFrom('tenants').select(['id', 'short_code']).execute()).map((t) => [t.short_code, t.id]));
    const people = Object.fromEntries((await tx.selectFrom('people').select(['id', 'customer_number']).execute()).map((p) => [p.customer_number, p.id]));
    return { heimbau: tenants.heimbau!, regie: tenants.regielac!, people: people as Record<string, string> };
  });
}

/** Puts badges into a tenant's stock (MIFARE Classic), as one import. UIDs are given normalised. */
export async function addStock(db: Db, tenantId: string, badges: { uid: string; label: string }[]): Promise<void> {
  await inTenant(db, tenantId, async (tx) => {
    const importId = randomUUID();
    await sql`INSERT INTO badge_imports (tenant_id, id, file_name, badge_count) VALUES (${tenantId}, ${importId}, 'test.csv', ${badges.length})`.execute(tx);
    for (const badge of badges) {
      await sql`INSERT INTO badge_stock (tenant_id, id_tag, label, technology, import_id) VALUES (${tenantId}, ${badge.uid}, ${badge.label}, 'mifare_classic', ${importId})`.execute(tx);
    }
  });
}

export function stockCount(db: Db, tenantId: string): Promise<number> {
  return inTenant(db, tenantId, async (tx) => Number((await tx.selectFrom('badge_stock').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n));
}

/** The device lists' change log of a tag, oldest first (what SendLocalList deltas are made of). */
export function listChanges(db: Db, tenantId: string, idTag: string) {
  return inTenant(db, tenantId, (tx) => tx.selectFrom('credential_list_changes').select(['version', 'status']).where('tenant_id', '=', tenantId)
    .where('id_tag', '=', idTag).orderBy('version').execute());
}
