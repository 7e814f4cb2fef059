import { sql } from 'kysely';
import type { Db } from '../client.ts';

/** Turns on row-level security for a table whose rows carry `tenant_id`. */
export async function tenantTable(db: Db, table: string): Promise<void> {
  await sql`ALTER TABLE ${sql.table(table)} ENABLE ROW LEVEL SECURITY`.execute(db);
  await sql`CREATE POLICY tenant_isolation ON ${sql.table(table)}
    USING (tenant_id = app_tenant() OR current_user = 'concierge_platform')
    WITH CHECK (tenant_id = app_tenant() OR current_user = 'concierge_platform')`.execute(db);
}
