// Tenant isolation in the database itself: row-level security hides another property manager's
// rows even from a query that forgets the tenant filter. The tables are read from the catalogue,
// so a new tenant-owned table is checked without touching this file.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/client.ts';
import { APP_ROLE } from '../db/client.ts';
import { asPlatform, inTenant } from '../db/scope.ts';
import { seedDemo } from '../demo/seed.ts';
import { createTestDatabase } from './database.ts';

let handle: DatabaseHandle;
let heimbau: string;
let regie: string;
let tenantTables: string[];

// Tables the demo leaves empty get one row per tenant, so "sees its own rows" can fail.
async function seedEmptyTables(tenantId: string) {
  await asPlatform(handle.db, async (tx) => {
    const admin = await tx.selectFrom('memberships').select('user_id').where('tenant_id', '=', tenantId).where('role', '=', 'manager_admin').executeTakeFirstOrThrow();
    const person = await tx.selectFrom('people').select('id').where('tenant_id', '=', tenantId).limit(1).executeTakeFirstOrThrow();
    const site = await tx.selectFrom('sites').select('id').where('tenant_id', '=', tenantId).limit(1).executeTakeFirstOrThrow();
    await tx.insertInto('parties').values({ tenant_id: tenantId, kind: 'organisation', name: 'Org', person_id: null, email: null }).execute();
    await tx.insertInto('api_tokens').values({ tenant_id: tenantId, name: 't', scopes: ['sites:read'], token_hash: `hash-${tenantId}`, prefix: 'cz_x', created_by: admin.user_id }).execute();
    await tx.insertInto('audit_events').values({ tenant_id: tenantId, actor_user_id: null, actor_label: 'test', action: 'x', entity_type: 'x', entity_id: 'x', before: null, after: null }).execute();
    await tx.insertInto('invitations').values({ tenant_id: tenantId, email: 'i@x.test', role: 'resident', person_id: person.id, token_hash: `inv-${tenantId}`, invited_by: admin.user_id, expires_at: new Date(Date.now() + 86_400_000), accepted_at: null, revoked_at: null }).execute();
    await tx.insertInto('access_requests').values({ tenant_id: tenantId, person_id: person.id, email: 'r@x.test', decided_by: null, decided_at: null }).execute();
    await tx.insertInto('users').values({ email: `tech-${tenantId}@x.test`, password_hash: null, display_name: 'Tech', platform_role: null, landline: null, mobile: null, totp_secret: null, totp_enabled_at: null, disabled_at: null })
      .returning('id').executeTakeFirstOrThrow()
      .then(async (tech) => {
        await tx.insertInto('memberships').values({ tenant_id: tenantId, user_id: tech.id, role: 'technician', person_id: null }).execute();
        await tx.insertInto('technician_sites').values({ tenant_id: tenantId, user_id: tech.id, site_id: site.id }).execute();
      });
    const ticket = await tx.insertInto('tickets').values({ tenant_id: tenantId, number: 1, client_id: null, category: 'other', subject: 's', body: 'b', status: 'new', source: 'staff',
      source_key: null, person_id: person.id, site_id: site.id, unit_id: null, charger_serial: null, assignee_user_id: null, created_by: admin.user_id, created_at: new Date(), updated_at: new Date() })
      .returning('id').executeTakeFirstOrThrow();
    const event = await tx.insertInto('ticket_events').values({ tenant_id: tenantId, ticket_id: ticket.id, kind: 'created', author_user_id: admin.user_id, body: null,
      from_status: null, to_status: 'new', assignee_user_id: null, at: new Date() }).returning('id').executeTakeFirstOrThrow();
    await tx.insertInto('ticket_attachments').values({ tenant_id: tenantId, ticket_id: ticket.id, event_id: event.id, filename: 'a.pdf', media_type: 'application/pdf', size: 5,
      sha256: '0'.repeat(64), content: Buffer.from('%PDF-'), uploaded_by: null, created_at: new Date() }).execute();
    await tx.insertInto('ticket_settings').values({ tenant_id: tenantId, appliance_fault_assignee: null, recurring_alarm_assignee: null, lost_badge_assignee: null, updated_by: null }).execute();
  });
}

beforeAll(async () => {
  handle = await createTestDatabase();
  await seedDemo(handle.db);
  const tenants = await asPlatform(handle.db, (tx) => tx.selectFrom('tenants').select(['id', 'short_code']).execute());
  heimbau = tenants.find((t) => t.short_code === 'heimbau')!.id;
  regie = tenants.find((t) => t.short_code === 'regielac')!.id;
  await seedEmptyTables(heimbau);
  await seedEmptyTables(regie);
  tenantTables = await handle.asOwner(async (db) => (await sql<{ table_name: string }>`
    SELECT c.table_name FROM information_schema.columns c
    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
    WHERE c.table_schema = 'public' AND c.column_name = 'tenant_id'
      AND c.table_name NOT IN ('sessions', 'lock_hardware', 'prepaid_code_attempts') ORDER BY c.table_name`.execute(db)).rows.map((r) => r.table_name));
});
afterAll(async () => { await handle.close(); });

// Tables known to hold rows of both tenants here; later tables are checked for foreign rows only.
const SEEDED = ['access_requests', 'api_tokens', 'audit_events', 'invitations', 'memberships', 'occupancies',
  'parties', 'people', 'sites', 'technician_sites', 'tenant_counters', 'units', 'tickets', 'ticket_events', 'ticket_attachments', 'ticket_settings'];

// Selected without any tenant filter, on purpose.
const everyRow = (tx: Parameters<Parameters<typeof inTenant>[2]>[0], table: string) =>
  sql<{ tenant_id: string }>`SELECT tenant_id::text FROM ${sql.table(table)}`.execute(tx).then((r) => r.rows);

describe('row-level security', () => {
  it('covers the tables this issue defines', () => {
    expect(tenantTables).toEqual(expect.arrayContaining(SEEDED));
  });

  it('shows the app role in Heimbau\'s context only Heimbau\'s rows, in every tenant-owned table', async () => {
    for (const table of tenantTables) {
      const rows = await inTenant(handle.db, heimbau, (tx) => everyRow(tx, table));
      expect(rows.filter((r) => r.tenant_id !== heimbau), table).toEqual([]);
      if (SEEDED.includes(table)) expect(rows.length, `${table} shows Heimbau its own rows`).toBeGreaterThan(0);
    }
    const tenants = await inTenant(handle.db, heimbau, (tx) => tx.selectFrom('tenants').selectAll().execute());
    expect(tenants.map((t) => t.short_code)).toEqual(['heimbau']);
  });

  it('shows nothing when no tenant is set', async () => {
    for (const table of [...tenantTables, 'tenants']) {
      const rows = await handle.db.transaction().execute(async (tx) => {
        await sql`SELECT set_config('role', ${APP_ROLE}, true)`.execute(tx);
        return sql`SELECT * FROM ${sql.table(table)}`.execute(tx).then((r) => r.rows);
      });
      expect(rows, table).toEqual([]);
    }
  });

  it('refuses to write a row into another tenant', async () => {
    const write = inTenant(handle.db, heimbau, (tx) => tx.insertInto('sites')
      .values({ tenant_id: regie, name: 'x', street: 'x', postal_code: '1', city: 'x', country: 'CH', accounting_unit: null }).execute());
    await expect(write).rejects.toThrow(/row-level security/);
  });

  it('refuses the platform tables to the app role', async () => {
    for (const table of ['users', 'sessions', 'login_events', 'mail_outbox', 'lock_hardware', 'prepaid_codes', 'prepaid_code_attempts'] as const) {
      await expect(inTenant(handle.db, heimbau, (tx) => tx.selectFrom(table).selectAll().execute()), table).rejects.toThrow(/permission denied/);
    }
  });
});
