// The only ways application code reaches the database. Each opens a transaction that names
// who is asking, so row-level security can check every row:
//   inTenant   - one property manager's data; `app.tenant_id` decides what is visible
//   asPlatform - cross-tenant work of the platform itself (login lookup, operator views)
import { sql, type Transaction } from 'kysely';
import { APP_ROLE, PLATFORM_ROLE, type Db } from './client.ts';
import type { Database } from './schema.ts';

export type Tx = Transaction<Database>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The settings as literals when they are certainly safe (a constant role, a well-formed uuid):
 * a statement without parameters travels with the BEGIN in one round trip (see PreparingClient).
 */
function tenantSettings(tenantId: string) {
  return UUID.test(tenantId)
    ? sql.raw(`SELECT set_config('role', '${APP_ROLE}', true), set_config('app.tenant_id', '${tenantId}', true)`)
    : sql`SELECT set_config('role', ${APP_ROLE}, true), set_config('app.tenant_id', ${tenantId}, true)`;
}

export function inTenant<T>(db: Db, tenantId: string, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (tx) => {
    await tenantSettings(tenantId).execute(tx);
    return work(tx);
  });
}

export function asPlatform<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (tx) => {
    await sql.raw(`SELECT set_config('role', '${PLATFORM_ROLE}', true)`).execute(tx);
    return work(tx);
  });
}
