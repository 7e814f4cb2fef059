// SQL of the data-protection module: reading a subject's rows for the export, the checks before
// an erasure, and the erasure itself. Erasure touches platform and tenant tables in one
// transaction, so it runs inside asPlatform and names the tenant in every statement.
import { sql } from 'kysely';
import type { Tx } from '../../db/scope.ts';
import type { ExportedTable, Subject } from './privacy.registry.ts';

export function membershipsOf(tx: Tx, userId: string) {
  return tx.selectFrom('memberships').select(['tenant_id', 'user_id', 'person_id']).where('user_id', '=', userId).execute();
}

export async function rowsOf(tx: Tx, table: ExportedTable, subject: Subject): Promise<Record<string, unknown>[]> {
  const tenant = table.scope === 'tenant' ? sql`tenant_id = ${subject.tenantId}::uuid AND ` : sql``;
  const { rows } = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table.table)} WHERE ${tenant}${table.rows(subject)}`.execute(tx);
  return rows;
}

export function findUser(tx: Tx, userId: string) {
  return tx.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
}

export function findPerson(tx: Tx, tenantId: string, personId: string) {
  return tx.selectFrom('people').selectAll().where('tenant_id', '=', tenantId).where('id', '=', personId).executeTakeFirst();
}

export function tenantCountry(tx: Tx, tenantId: string) {
  return tx.selectFrom('tenants').select('country').where('id', '=', tenantId).executeTakeFirstOrThrow();
}

export async function openInvoiceCount(tx: Tx, tenantId: string, personId: string): Promise<number> {
  const row = await tx.selectFrom('invoices').select((eb) => eb.fn.countAll<string>().as('n'))
    .where('tenant_id', '=', tenantId).where('person_id', '=', personId).where('status', '=', 'open').executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Credits minus debits over the person's wallet, holds included: money that is still theirs. */
export async function walletBalance(tx: Tx, tenantId: string, personId: string): Promise<number> {
  const row = await tx.selectFrom('ledger_accounts').select((eb) => eb.fn.sum<string>(sql`credits_posted - debits_posted + credits_pending`).as('balance'))
    .where('tenant_id', '=', tenantId).where('person_id', '=', personId).where('kind', '=', 'wallet').executeTakeFirst();
  return Number(row?.balance ?? 0);
}

export async function insertDeletionToken(tx: Tx, token: { id: string; userId: string; expiresAt: Date }) {
  await tx.insertInto('user_tokens').values({ id: token.id, user_id: token.userId, purpose: 'account_deletion', payload: '{}', expires_at: token.expiresAt, used_at: null }).execute();
}

export function findLiveDeletionToken(tx: Tx, id: string, now: Date) {
  return tx.selectFrom('user_tokens').selectAll().where('id', '=', id).where('purpose', '=', 'account_deletion')
    .where('used_at', 'is', null).where('expires_at', '>', now).forUpdate().executeTakeFirst();
}

export function activeCredentials(tx: Tx, tenantId: string, personId: string) {
  return tx.selectFrom('credentials').select(['id', 'status']).where('tenant_id', '=', tenantId).where('person_id', '=', personId)
    .where('status', 'not in', ['lost', 'returned']).execute();
}

export function liveKeys(tx: Tx, tenantId: string, personId: string) {
  return tx.selectFrom('lock_keys').select(['id', 'lock_id', 'medium', 'version']).where('tenant_id', '=', tenantId).where('person_id', '=', personId)
    .where('revoked_at', 'is', null).execute();
}
