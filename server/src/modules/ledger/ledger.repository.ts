// SQL of the ledger. Balances change only inside ledger_apply (migration 0003).
import { sql } from 'kysely';
import type { Db } from '../../db/client.ts';
import type { Tx } from '../../db/scope.ts';
import type { Currency } from '../../db/schema.ts';
import { translateLedgerError } from './ledger.errors.ts';
import type { AccountKind } from './ledger.types.ts';

export interface ApplyArgs {
  id: string;
  kind: 'posted' | 'pending' | 'post_pending' | 'void_pending' | 'expire_pending';
  debitAccountId: string | null;
  creditAccountId: string | null;
  amount: number | null;
  code: string;
  pendingId: string | null;
  timeoutSeconds: number | null;
  offlineDebt: boolean;
  referenceType: string;
  referenceId: string;
  note: string | null;
  now: Date;
}

export interface TransferRow {
  tenant_id: string; id: string; debit_account_id: string; credit_account_id: string; amount: number; currency: Currency;
  code: string; kind: string; pending_id: string | null; expires_at: Date | null; offline_debt: boolean;
  reference_type: string; reference_id: string; note: string | null; created_at: Date;
}

/** Runs ledger_apply inside the caller's transaction, or (given the plain database) as one autocommit statement. */
export async function applyTransfer(tx: Tx | Db, tenantId: string, a: ApplyArgs): Promise<TransferRow> {
  try {
    const result = await sql<TransferRow>`SELECT * FROM ledger_apply(${tenantId}::uuid, ${a.id}::uuid, ${a.kind}, ${a.debitAccountId}::uuid,
      ${a.creditAccountId}::uuid, ${a.amount}::bigint, ${a.code}, ${a.pendingId}::uuid, ${a.timeoutSeconds}::integer, ${a.offlineDebt},
      ${a.referenceType}, ${a.referenceId}, ${a.note}, ${a.now}::timestamptz)`.execute(tx);
    return result.rows[0]!;
  } catch (error) {
    translateLedgerError(error);
  }
}

/** Like applyTransfer, but a refusal comes back as its code instead of aborting the caller's transaction. */
export async function tryApplyTransfer(tx: Tx | Db, tenantId: string, a: ApplyArgs): Promise<{ transfer: TransferRow } | { refusal: string }> {
  const result = await sql<TransferRow & { refusal: string | null }>`SELECT refusal, (applied).* FROM ledger_try_apply(${tenantId}::uuid, ${a.id}::uuid,
    ${a.kind}, ${a.debitAccountId}::uuid, ${a.creditAccountId}::uuid, ${a.amount}::bigint, ${a.code}, ${a.pendingId}::uuid,
    ${a.timeoutSeconds}::integer, ${a.offlineDebt}, ${a.referenceType}, ${a.referenceId}, ${a.note}, ${a.now}::timestamptz)`.execute(tx);
  const { refusal, ...transfer } = result.rows[0]!;
  return refusal ? { refusal } : { transfer };
}

const accountColumns = ['tenant_id', 'id', 'kind', 'currency', 'person_id', 'debits_pending', 'debits_posted', 'credits_pending', 'credits_posted'] as const;

export function findAccount(tx: Tx, tenantId: string, id: string) {
  return tx.selectFrom('ledger_accounts').select(accountColumns).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

/** A person's account of a kind: the wallet, or the receivable of their invoices. */
export function findPersonAccount(tx: Tx, tenantId: string, personId: string, kind: 'wallet' | 'receivable') {
  return tx.selectFrom('ledger_accounts').select(accountColumns)
    .where('tenant_id', '=', tenantId).where('kind', '=', kind).where('person_id', '=', personId).executeTakeFirst();
}

/** The accounts of a kind of several people, by person. */
export async function findPersonAccounts(tx: Tx, tenantId: string, personIds: string[], kind: 'wallet' | 'receivable'): Promise<Map<string, string>> {
  if (personIds.length === 0) return new Map();
  const rows = await tx.selectFrom('ledger_accounts').select(['id', 'person_id'])
    .where('tenant_id', '=', tenantId).where('kind', '=', kind).where('person_id', 'in', personIds).execute();
  return new Map(rows.map((row) => [row.person_id!, row.id]));
}

export function findSystemAccount(tx: Tx, tenantId: string, kind: AccountKind, currency: Currency) {
  return tx.selectFrom('ledger_accounts').select('id')
    .where('tenant_id', '=', tenantId).where('kind', '=', kind).where('currency', '=', currency).executeTakeFirst();
}

/** Creates the account unless a concurrent transaction just did; either way returns nothing. */
export async function insertAccount(tx: Tx, account: { tenantId: string; kind: AccountKind; currency: Currency; personId: string | null }) {
  await sql`INSERT INTO ledger_accounts (tenant_id, kind, currency, person_id, debits_must_not_exceed_credits)
    VALUES (${account.tenantId}, ${account.kind}, ${account.currency}, ${account.personId}, ${account.kind === 'wallet'})
    ON CONFLICT DO NOTHING`.execute(tx);
}

/** insertAccount for several people at once. */
export async function insertPersonAccounts(tx: Tx, tenantId: string, personIds: string[], kind: 'wallet' | 'receivable', currency: Currency) {
  await tx.insertInto('ledger_accounts')
    .values(personIds.map((personId) => ({ tenant_id: tenantId, kind, currency, person_id: personId, debits_must_not_exceed_credits: kind === 'wallet' })))
    .onConflict((oc) => oc.doNothing()).execute();
}

export async function tenantCurrency(tx: Tx, tenantId: string): Promise<Currency> {
  const row = await tx.selectFrom('tenants').select('currency').where('id', '=', tenantId).executeTakeFirstOrThrow();
  return row.currency;
}

export function findTransfer(tx: Tx, tenantId: string, id: string) {
  return tx.selectFrom('ledger_transfers').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

/** Open holds whose time ran out, oldest first. */
export function expiredHolds(tx: Tx, tenantId: string, now: Date, limit: number) {
  return tx.selectFrom('ledger_transfers as h').select(['h.id', 'h.debit_account_id', 'h.credit_account_id'])
    .where('h.tenant_id', '=', tenantId).where('h.kind', '=', 'pending').where('h.expires_at', '<=', now)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('ledger_transfers as r').select('r.id')
      .whereRef('r.tenant_id', '=', 'h.tenant_id').whereRef('r.pending_id', '=', 'h.id'))))
    .orderBy('h.expires_at').limit(limit).execute();
}

/** Locks accounts in id order, the order ledger_apply locks in, so a batch cannot deadlock with single transfers. */
export async function lockAccounts(tx: Tx, tenantId: string, ids: string[]): Promise<void> {
  await sql`SELECT id FROM ledger_accounts WHERE tenant_id = ${tenantId} AND id = ANY(${ids}::uuid[]) ORDER BY id FOR UPDATE`.execute(tx);
}

/** Movements of one account in a period, oldest first. */
export function accountTransfers(tx: Tx, tenantId: string, accountId: string, from: Date | null, to: Date | null) {
  let query = tx.selectFrom('ledger_transfers').selectAll()
    .where('tenant_id', '=', tenantId)
    .where((eb) => eb.or([eb('debit_account_id', '=', accountId), eb('credit_account_id', '=', accountId)]));
  if (from) query = query.where('created_at', '>=', from);
  if (to) query = query.where('created_at', '<', to);
  return query.orderBy('created_at').orderBy('id').execute();
}

/** Posted movements of one account in [from, to), with the signed effect on its balance. */
export function postedMovements(tx: Tx, tenantId: string, accountId: string, from: Date | null, to: Date | null) {
  let query = tx.selectFrom('ledger_transfers')
    .select(['id', 'created_at', 'code', 'kind', 'reference_type', 'reference_id', 'note', 'amount'])
    .select(sql<number>`CASE WHEN credit_account_id = ${accountId} THEN amount ELSE -amount END`.as('signed'))
    .where('tenant_id', '=', tenantId)
    .where((eb) => eb.or([eb('debit_account_id', '=', accountId), eb('credit_account_id', '=', accountId)]))
    .where('kind', 'in', ['posted', 'post_pending']);
  if (from) query = query.where('created_at', '>=', from);
  if (to) query = query.where('created_at', '<', to);
  return query.orderBy('created_at').orderBy('id').execute();
}

/** The posted balance of an account just before `at`. */
export async function postedBalanceBefore(tx: Tx, tenantId: string, accountId: string, at: Date): Promise<number> {
  const row = await tx.selectFrom('ledger_transfers')
    .select(sql<number>`coalesce(sum(CASE WHEN credit_account_id = ${accountId} THEN amount ELSE -amount END), 0)`.as('balance'))
    .where('tenant_id', '=', tenantId)
    .where((eb) => eb.or([eb('debit_account_id', '=', accountId), eb('credit_account_id', '=', accountId)]))
    .where('kind', 'in', ['posted', 'post_pending'])
    .where('created_at', '<', at)
    .executeTakeFirstOrThrow();
  return Number(row.balance);
}

export interface BatchItem {
  id: string; kind: 'posted' | 'pending'; debit: string; credit: string; amount: number; code: string;
  timeoutSeconds: number | null; offlineDebt: boolean; referenceType: string; referenceId: string; note: string | null;
}

/**
 * Applies many new transfers in one statement; one result per item, in order. Given the plain
 * database, in a commit of its own; given a transaction, as part of it.
 */
export async function applyBatch(db: Db | Tx, tenantId: string, items: BatchItem[], now: Date): Promise<({ transfer: TransferRow } | { error: string })[]> {
  const result = await sql<{ results: ({ transfer: TransferRow } | { error: string })[] }>`
    SELECT ledger_apply_batch(${tenantId}::uuid, ${JSON.stringify(items)}::jsonb, ${now}::timestamptz) AS results`.execute(db);
  return result.rows[0]!.results;
}
