import { sql } from 'kysely';
import type { Tx } from '../../db/scope.ts';
import type { BankEntryStatus, Currency } from '../../db/schema.ts';
import type { CreditEntry } from './bankimport.camt.ts';

export async function tenantOf(tx: Tx, tenantId: string) {
  const row = await tx.selectFrom('tenants').select(['id', 'short_code', 'currency']).where('id', '=', tenantId).executeTakeFirstOrThrow();
  return { id: row.id, shortCode: row.short_code, currency: row.currency as Currency };
}

/** Platform lookup (asPlatform): the tenant a command-line import names by its short code. */
export async function tenantIdByShortCode(tx: Tx, shortCode: string) {
  const row = await tx.selectFrom('tenants').select('id').where('short_code', '=', shortCode.toLowerCase()).executeTakeFirst();
  return row?.id ?? null;
}

/**
 * Imports of one tenant run one after another. Two overlapping files imported at once would
 * otherwise wait on each other's entry keys and the clearing account in opposite orders.
 */
export async function lockImports(tx: Tx, tenantId: string) {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`bankimport:${tenantId}`}, 0))`.execute(tx);
}

export async function personByCustomerNumber(tx: Tx, tenantId: string, customerNumber: string) {
  const row = await tx.selectFrom('people').select('id')
    .where('tenant_id', '=', tenantId).where('customer_number', '=', customerNumber.toUpperCase()).executeTakeFirst();
  return row?.id ?? null;
}

export async function personExists(tx: Tx, tenantId: string, personId: string) {
  const row = await tx.selectFrom('people').select('id').where('tenant_id', '=', tenantId).where('id', '=', personId).executeTakeFirst();
  return row !== undefined;
}

export interface NewStatement {
  fileName: string;
  sha256: string;
  format: string;
  messageId: string;
  importedBy: string | null;
  importedByLabel: string;
  importedAt: Date;
}

/** Inserts the file's row, or returns null when this exact file was imported before. */
export async function insertStatement(tx: Tx, tenantId: string, s: NewStatement) {
  const row = await tx.insertInto('bank_statements').values({
    tenant_id: tenantId, file_name: s.fileName, file_sha256: s.sha256, format: s.format, message_id: s.messageId,
    imported_by: s.importedBy, imported_by_label: s.importedByLabel, imported_at: s.importedAt,
  }).onConflict((oc) => oc.columns(['tenant_id', 'file_sha256']).doNothing()).returning('id').executeTakeFirst();
  return row?.id ?? null;
}

export function findStatementBySha(tx: Tx, tenantId: string, sha256: string) {
  return tx.selectFrom('bank_statements').select(statementColumns)
    .where('tenant_id', '=', tenantId).where('file_sha256', '=', sha256).executeTakeFirst();
}

export async function setStatementCounts(tx: Tx, tenantId: string, id: string,
  counts: { credit: number; new: number; matched: number; review: number; duplicate: number; ignored: number }) {
  await tx.updateTable('bank_statements').set({
    credit_count: counts.credit, new_count: counts.new, matched_count: counts.matched,
    review_count: counts.review, duplicate_count: counts.duplicate, ignored_count: counts.ignored,
  }).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

const statementColumns = ['id', 'file_name', 'format', 'message_id', 'imported_by_label', 'imported_at', 'credit_count',
  'new_count', 'matched_count', 'review_count', 'duplicate_count', 'ignored_count'] as const;

export function listStatements(tx: Tx, tenantId: string, limit: number) {
  return tx.selectFrom('bank_statements').select(statementColumns)
    .where('tenant_id', '=', tenantId).orderBy('imported_at', 'desc').orderBy('id').limit(limit).execute();
}

/**
 * Records a credit entry for review, unless its key was seen before (then null). Concurrent
 * imports of overlapping files serialise on the unique key: the second one skips the entry.
 */
export async function insertEntryOnce(tx: Tx, tenantId: string, statementId: string, e: CreditEntry,
  reviewReason: 'no_match' | 'unknown_customer' | 'currency' | null) {
  const row = await tx.insertInto('bank_entries').values({
    tenant_id: tenantId, statement_id: statementId, entry_key: e.key, amount: e.amountMinor, currency: e.currency,
    booked_on: e.bookedOn, reference: e.structuredReference, free_text: e.freeText, debtor_name: e.debtorName,
    debtor_iban: e.debtorIban, status: 'review', review_reason: reviewReason,
  }).onConflict((oc) => oc.columns(['tenant_id', 'entry_key']).doNothing()).returning('id').executeTakeFirst();
  return row?.id ?? null;
}

export async function markCredited(tx: Tx, tenantId: string, id: string, change: {
  status: 'matched' | 'assigned'; personId: string; transferId: string;
  matchedBy: 'reference' | 'badge' | 'customer_number' | null; decidedBy: string | null; decidedAt: Date | null;
}) {
  await tx.updateTable('bank_entries').set({
    status: change.status, person_id: change.personId, transfer_id: change.transferId, matched_by: change.matchedBy,
    decided_by: change.decidedBy, decided_at: change.decidedAt,
  }).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

export async function markReturned(tx: Tx, tenantId: string, id: string, change: { reason: string; decidedBy: string | null; decidedAt: Date }) {
  await tx.updateTable('bank_entries').set({
    status: 'returned', return_reason: change.reason, decided_by: change.decidedBy, decided_at: change.decidedAt,
  }).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

const entryColumns = ['bank_entries.id', 'bank_entries.statement_id', 'bank_entries.entry_key', 'bank_entries.amount',
  'bank_entries.currency', 'bank_entries.reference', 'bank_entries.free_text', 'bank_entries.debtor_name',
  'bank_entries.debtor_iban', 'bank_entries.status', 'bank_entries.matched_by', 'bank_entries.review_reason',
  'bank_entries.person_id', 'bank_entries.transfer_id', 'bank_entries.return_reason', 'bank_entries.decided_at',
  'people.customer_number', 'people.first_name', 'people.last_name'] as const;

function entries(tx: Tx, tenantId: string) {
  return tx.selectFrom('bank_entries')
    .leftJoin('people', (join) => join.onRef('people.tenant_id', '=', 'bank_entries.tenant_id').onRef('people.id', '=', 'bank_entries.person_id'))
    .select(entryColumns).select(sql<string>`bank_entries.booked_on::text`.as('booked_on'))
    .where('bank_entries.tenant_id', '=', tenantId);
}

export function listEntries(tx: Tx, tenantId: string, filter: { status?: BankEntryStatus; statementId?: string }, limit: number) {
  let query = entries(tx, tenantId);
  if (filter.status) query = query.where('bank_entries.status', '=', filter.status);
  if (filter.statementId) query = query.where('bank_entries.statement_id', '=', filter.statementId);
  return query.orderBy('bank_entries.booked_on', 'desc').orderBy('bank_entries.created_at', 'desc').orderBy('bank_entries.id').limit(limit).execute();
}

/** One entry, locked for a decision so two staff cannot assign and return it at once. */
export function findEntryForUpdate(tx: Tx, tenantId: string, id: string) {
  return entries(tx, tenantId).where('bank_entries.id', '=', id).forUpdate('bank_entries').executeTakeFirst();
}

export function findEntry(tx: Tx, tenantId: string, id: string) {
  return entries(tx, tenantId).where('bank_entries.id', '=', id).executeTakeFirst();
}

export type EntryRow = NonNullable<Awaited<ReturnType<typeof findEntry>>>;
export type StatementRow = Awaited<ReturnType<typeof listStatements>>[number];
