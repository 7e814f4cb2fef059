// SQL of the authorisation check, auto-registration, claiming and device lists. Every function takes the tenant.
import { sql } from 'kysely';
import type { Db } from '../../db/client.ts';
import type { Tx } from '../../db/scope.ts';
import type { Currency, ListedStatus } from '../../db/schema.ts';

/** What a check needs about a tag, in one statement: the credential, its wallet and the tenant's rules. */
export async function tagFacts(tx: Tx, tenantId: string, idTag: string) {
  return tx.selectFrom('tenants as t')
    .leftJoin('credentials as c', (j) => j.onRef('c.tenant_id', '=', 't.id').on('c.id_tag', '=', idTag))
    .leftJoin('ledger_accounts as w', (j) => j.onRef('w.tenant_id', '=', 'c.tenant_id').onRef('w.person_id', '=', 'c.person_id').on('w.kind', '=', 'wallet'))
    .select(['t.operating_mode', 't.currency', 'c.id as credential_id', 'c.person_id', 'c.status', 'c.type', 'c.origin', 'c.valid_until',
      'w.id as wallet_id', 'w.credits_posted', 'w.debits_posted', 'w.debits_pending'])
    .where('t.id', '=', tenantId)
    .executeTakeFirst();
}

/** For a tag not known here: may a tap register it (the tenant's settings, its stock)? */
export async function registrationFacts(tx: Tx, tenantId: string, idTag: string) {
  return tx.selectFrom('tenants as t')
    .leftJoin('tenant_settings as s', 's.tenant_id', 't.id')
    .leftJoin('badge_stock as b', (j) => j.onRef('b.tenant_id', '=', 't.id').on('b.id_tag', '=', idTag))
    .select(['t.operating_mode', 's.auto_register_laundry', 's.auto_register_charging', 'b.id_tag as stock_tag'])
    .where('t.id', '=', tenantId)
    .executeTakeFirstOrThrow();
}

/** The person's wallet totals, in one autocommit statement (the function sets the tenant itself). */
export async function walletTotals(db: Db, tenantId: string, personId: string) {
  const { rows } = await sql<{ id: string; currency: Currency; credits_posted: number; debits_posted: number; debits_pending: number }>`
    SELECT * FROM wallet_totals(${tenantId}::uuid, ${personId}::uuid)`.execute(db);
  return rows[0];
}

/**
 * The device (identity) where the credential runs a session or holds a pre-selection, if any.
 * One autocommit statement: the function sets the tenant for row-level security itself.
 */
export async function busyOn(db: Db, tenantId: string, credentialId: string): Promise<string | null> {
  const { rows } = await sql<{ identity: string | null }>`SELECT credential_busy_on(${tenantId}::uuid, ${credentialId}::uuid) AS identity`.execute(db);
  return rows[0]?.identity ?? null;
}

/** Serialises registrations of one tag (across processes too) until the transaction ends. */
export async function lockTag(tx: Tx, tenantId: string, idTag: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`credential-tag:${tenantId}:${idTag}`}, 0))`.execute(tx);
}

export function registrationRules(tx: Tx, tenantId: string) {
  return tx.selectFrom('tenants as t').leftJoin('tenant_settings as s', 's.tenant_id', 't.id')
    .select(['t.operating_mode', 't.default_language', 't.short_code', 's.auto_register_laundry', 's.auto_register_charging'])
    .where('t.id', '=', tenantId).executeTakeFirstOrThrow();
}

/** Issues a badge from stock: it leaves the inventory and becomes a credential. */
export function takeFromStock(tx: Tx, tenantId: string, idTag: string) {
  return tx.deleteFrom('badge_stock').where('tenant_id', '=', tenantId).where('id_tag', '=', idTag)
    .returning(['label', 'technology']).executeTakeFirst();
}

export function lockRfidByLabel(tx: Tx, tenantId: string, label: string) {
  return tx.selectFrom('credentials').selectAll()
    .where('tenant_id', '=', tenantId).where('type', '=', 'rfid').where(sql`lower(label)`, '=', label.toLowerCase())
    .forUpdate().executeTakeFirst();
}

export function findPerson(tx: Tx, tenantId: string, personId: string) {
  return tx.selectFrom('people').select(['id', 'customer_number', 'auto_registered', 'first_name', 'last_name'])
    .where('tenant_id', '=', tenantId).where('id', '=', personId).executeTakeFirstOrThrow();
}

export function setHolder(tx: Tx, tenantId: string, credentialId: string, personId: string) {
  return tx.updateTable('credentials').set({ person_id: personId })
    .where('tenant_id', '=', tenantId).where('id', '=', credentialId).returningAll().executeTakeFirstOrThrow();
}

/** The holder of the badge with this printed label (any case), unless it was handed back. */
export async function holderOfLabel(tx: Tx, tenantId: string, label: string): Promise<string | null> {
  // FOR SHARE: a claim moving the badge (FOR UPDATE) and a bank credit quoting its label take
  // turns, so the credit never lands on the empty account after its balance was swept.
  const row = await tx.selectFrom('credentials').select('person_id')
    .where('tenant_id', '=', tenantId).where('type', '=', 'rfid').where('status', '<>', 'returned')
    .where(sql`lower(label)`, '=', label.toLowerCase()).forShare().executeTakeFirst();
  return row?.person_id ?? null;
}

export interface ListedTag { id_tag: string; status: ListedStatus | null; expires_at: Date | null }

/**
 * The latest change of each tag after `since` (every tag ever listed when null), and the list's
 * current version — in one statement, so both come from the same snapshot. Versions become
 * visible in order: the counter row is locked from taking a version until commit.
 */
export async function listChanges(tx: Tx, tenantId: string, since: number | null): Promise<{ version: number; tags: ListedTag[] }> {
  const result = await sql<{ version: number | string; id_tag: string | null; status: ListedStatus | null; expires_at: Date | null }>`
    WITH latest AS (
      SELECT DISTINCT ON (id_tag) id_tag, status, expires_at
      FROM credential_list_changes
      WHERE tenant_id = ${tenantId} AND version > ${since ?? 0}
      ORDER BY id_tag, version DESC
    ), head AS (
      SELECT coalesce(max(version), 0) AS version FROM credential_list_changes WHERE tenant_id = ${tenantId}
    )
    SELECT head.version, latest.id_tag, latest.status, latest.expires_at
    FROM head LEFT JOIN latest ON true
    ORDER BY latest.id_tag`.execute(tx);
  const version = Number(result.rows[0]?.version ?? 0);
  return { version, tags: result.rows.filter((r) => r.id_tag !== null) as ListedTag[] };
}
