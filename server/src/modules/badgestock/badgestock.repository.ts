// SQL of the badge stock and its imports. An import checks and writes whole lists at once: each
// check is one query over arrays of (tenant, value) pairs, never a query per row. Functions
// name their tenants explicitly; the operator's import runs them as platform for several.
import { sql } from 'kysely';
import type { Tx } from '../../db/scope.ts';
import { INSERT_CHUNK } from './badgestock.limits.ts';

export interface TenantValue { tenantId: string; value: string }
export interface Taken { tenant_id: string; value: string; place: 'stock' | 'credential' }

/** Platform lookup: the tenants a file's manager column names. */
export async function tenantsByShortCode(tx: Tx, shortCodes: string[]) {
  if (shortCodes.length === 0) return [];
  return tx.selectFrom('tenants').select(['id', 'short_code', 'name']).where('short_code', 'in', shortCodes).execute();
}

export async function tenantById(tx: Tx, tenantId: string) {
  return tx.selectFrom('tenants').select(['id', 'short_code', 'name', 'operating_mode']).where('id', '=', tenantId).executeTakeFirstOrThrow();
}

/**
 * Imports into one tenant run one after another (in tenant order when an operator's file
 * spans several), so two files with the same UID cannot both pass the checks.
 */
export async function lockStock(tx: Tx, tenantIds: string[]) {
  for (const tenantId of [...new Set(tenantIds)].sort()) {
    await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`badgestock:${tenantId}`}, 0))`.execute(tx);
  }
}

const split = (pairs: TenantValue[]) => [pairs.map((p) => p.tenantId), pairs.map((p) => p.value)];

/** Which of these UIDs each tenant already has, in stock or as an RFID credential. */
export async function takenUids(tx: Tx, pairs: TenantValue[]): Promise<Taken[]> {
  if (pairs.length === 0) return [];
  const [tenants, values] = split(pairs);
  const result = await sql<Taken>`
    WITH wanted (tenant_id, value) AS (SELECT * FROM unnest(${tenants}::uuid[], ${values}::text[]))
    SELECT s.tenant_id, s.id_tag AS value, 'stock' AS place FROM badge_stock s JOIN wanted w ON s.tenant_id = w.tenant_id AND s.id_tag = w.value
    UNION ALL
    SELECT c.tenant_id, c.id_tag, 'credential' FROM credentials c JOIN wanted w ON c.tenant_id = w.tenant_id AND c.id_tag = w.value
    WHERE c.id_tag IS NOT NULL`.execute(tx);
  return result.rows;
}

/** Which of these labels each tenant already printed, on a badge in stock or an issued one. */
export async function takenLabels(tx: Tx, pairs: TenantValue[]): Promise<Taken[]> {
  if (pairs.length === 0) return [];
  const [tenants, values] = split(pairs);
  const result = await sql<Taken>`
    WITH wanted (tenant_id, value) AS (SELECT * FROM unnest(${tenants}::uuid[], ${values}::text[]))
    SELECT s.tenant_id, s.label AS value, 'stock' AS place FROM badge_stock s JOIN wanted w ON s.tenant_id = w.tenant_id AND s.label = w.value
    UNION ALL
    SELECT c.tenant_id, c.label, 'credential' FROM credentials c JOIN wanted w ON c.tenant_id = w.tenant_id AND c.label = w.value
    WHERE c.label IS NOT NULL AND c.type = 'rfid'`.execute(tx);
  return result.rows;
}

export async function insertImport(tx: Tx, row: {
  tenantId: string; fileName: string; badgeCount: number; importedBy: string | null; importedByLabel: string; byOperator: boolean; importedAt: Date;
}): Promise<string> {
  const inserted = await tx.insertInto('badge_imports').values({
    tenant_id: row.tenantId, file_name: row.fileName, badge_count: row.badgeCount, imported_by: row.importedBy,
    imported_by_label: row.importedByLabel, by_operator: row.byOperator, imported_at: row.importedAt,
  }).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

export interface NewBadge { tenantId: string; uid: string; label: string; importId: string }

/** Writes the stock in a few statements: each inserts a chunk of rows from arrays. */
export async function insertStock(tx: Tx, badges: NewBadge[]): Promise<void> {
  for (let start = 0; start < badges.length; start += INSERT_CHUNK) {
    const chunk = badges.slice(start, start + INSERT_CHUNK);
    await sql`
      INSERT INTO badge_stock (tenant_id, id_tag, label, technology, import_id)
      SELECT tenant_id, id_tag, label, 'mifare_classic', import_id
      FROM unnest(${chunk.map((b) => b.tenantId)}::uuid[], ${chunk.map((b) => b.uid)}::text[],
                  ${chunk.map((b) => b.label)}::text[], ${chunk.map((b) => b.importId)}::uuid[]) AS n (tenant_id, id_tag, label, import_id)`.execute(tx);
  }
}

export interface StockFilter { search?: string; limit: number; offset: number }

/** The tenant's badges in stock, by label; the search finds a UID (any spelling) or a label part. */
export async function listStock(tx: Tx, tenantId: string, filter: StockFilter) {
  let query = tx.selectFrom('badge_stock as s').innerJoin('badge_imports as i', (join) => join.onRef('i.tenant_id', '=', 's.tenant_id').onRef('i.id', '=', 's.import_id'))
    .where('s.tenant_id', '=', tenantId);
  const search = filter.search?.trim();
  if (search) {
    const pattern = `%${search.replace(/[\\%_]/g, '\\$&')}%`;
    const uidPart = search.replace(/[\s:.-]/g, '').toUpperCase();
    query = query.where((eb) => eb.or([
      eb('s.label', 'ilike', pattern),
      ...(/^[0-9A-F]+$/.test(uidPart) ? [eb('s.id_tag', 'like', `%${uidPart}%`)] : []),
    ]));
  }
  const rows = await query.select(['s.id_tag', 's.label', 's.technology', 's.import_id', 'i.file_name', 'i.imported_at'])
    .orderBy('s.label').limit(filter.limit).offset(filter.offset).execute();
  const count = await query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return { rows, total: Number(count.n) };
}

export type StockRow = Awaited<ReturnType<typeof listStock>>['rows'][number];

const importColumns = ['i.id', 'i.tenant_id', 'i.file_name', 'i.badge_count', 'i.imported_by_label', 'i.by_operator', 'i.imported_at'] as const;

/** A tenant's imports, newest first, with how many of their badges are still in stock. */
export function listImports(tx: Tx, tenantId: string, limit: number) {
  return tx.selectFrom('badge_imports as i').select(importColumns)
    .select((eb) => eb.selectFrom('badge_stock as s').select(eb.fn.countAll<string>().as('n'))
      .whereRef('s.tenant_id', '=', 'i.tenant_id').whereRef('s.import_id', '=', 'i.id').as('in_stock'))
    .where('i.tenant_id', '=', tenantId).orderBy('i.imported_at', 'desc').limit(limit).execute();
}

export type ImportRow = Awaited<ReturnType<typeof listImports>>[number];

/** Platform view: every tenant's imports, newest first. */
export function listAllImports(tx: Tx, limit: number) {
  return tx.selectFrom('badge_imports as i').innerJoin('tenants as t', 't.id', 'i.tenant_id').select(importColumns)
    .select((eb) => eb.selectFrom('badge_stock as s').select(eb.fn.countAll<string>().as('n'))
      .whereRef('s.tenant_id', '=', 'i.tenant_id').whereRef('s.import_id', '=', 'i.id').as('in_stock'))
    .select(['t.short_code', 't.name as tenant_name'])
    .orderBy('i.imported_at', 'desc').limit(limit).execute();
}

export interface DuplicateRow { id_tag: string; tenant_id: string; short_code: string; tenant_name: string; place: 'stock' | 'credential'; label: string | null }

/**
 * Platform view: UIDs held by more than one tenant. The UIDs come from the two tenant-blind
 * indexes (badge_stock_tag_any_tenant, credentials_tag_any_tenant); only those found are
 * looked up in full.
 */
export async function crossTenantDuplicates(tx: Tx, limit: number): Promise<DuplicateRow[]> {
  const result = await sql<DuplicateRow>`
    WITH tags AS (
      SELECT id_tag, tenant_id FROM badge_stock
      UNION ALL
      SELECT id_tag, tenant_id FROM credentials WHERE id_tag IS NOT NULL
    ), shared AS (
      SELECT id_tag FROM tags GROUP BY id_tag HAVING count(DISTINCT tenant_id) > 1 ORDER BY id_tag LIMIT ${limit}
    )
    SELECT s.id_tag, s.tenant_id, t.short_code, t.name AS tenant_name, 'stock' AS place, s.label
      FROM badge_stock s JOIN shared USING (id_tag) JOIN tenants t ON t.id = s.tenant_id
    UNION ALL
    SELECT c.id_tag, c.tenant_id, t.short_code, t.name, 'credential', c.label
      FROM credentials c JOIN shared USING (id_tag) JOIN tenants t ON t.id = c.tenant_id
    ORDER BY id_tag, short_code`.execute(tx);
  return result.rows;
}
