// SQL of prepaid codes. The codes, their batches and the attempts are platform tables, reached
// only inside asPlatform transactions; the tenant rows a redemption changes (a lock, a party)
// are always named by their tenant too.
import { sql } from 'kysely';
import type { PrepaidProduct } from '../../db/schema.ts';
import type { Tx } from '../../db/scope.ts';

/** Codes per INSERT: each statement sends two arrays, whatever the batch's size. */
const INSERT_CHUNK = 2000;

export async function insertBatch(tx: Tx, batch: { product: PrepaidProduct; keysPerCode: number | null; quantity: number; label: string | null; createdBy: string; createdAt: Date }) {
  const row = await tx.insertInto('prepaid_code_batches').values({
    product: batch.product, keys_per_code: batch.keysPerCode, quantity: batch.quantity, label: batch.label, created_by: batch.createdBy, created_at: batch.createdAt,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function insertCodes(tx: Tx, batchId: string, codes: { hash: string; hint: string }[]): Promise<void> {
  for (let start = 0; start < codes.length; start += INSERT_CHUNK) {
    const chunk = codes.slice(start, start + INSERT_CHUNK);
    await sql`
      INSERT INTO prepaid_codes (code_hash, batch_id, hint)
      SELECT code_hash, ${batchId}::uuid, hint FROM unnest(${chunk.map((c) => c.hash)}::text[], ${chunk.map((c) => c.hint)}::text[]) AS n (code_hash, hint)`.execute(tx);
  }
}

function batches(tx: Tx) {
  return tx.selectFrom('prepaid_code_batches as b').innerJoin('users as u', 'u.id', 'b.created_by')
    .select(['b.id', 'b.product', 'b.keys_per_code', 'b.quantity', 'b.label', 'b.created_at', 'u.email as created_by_email'])
    .select((eb) => eb.selectFrom('prepaid_codes as c').select(eb.fn.countAll<string>().as('n'))
      .whereRef('c.batch_id', '=', 'b.id').where('c.redeemed_at', 'is not', null).as('redeemed'));
}

export type BatchRow = Awaited<ReturnType<typeof findBatch>> & object;

export function findBatch(tx: Tx, id: string) {
  return batches(tx).where('b.id', '=', id).executeTakeFirst();
}

export function listBatches(tx: Tx, limit: number) {
  return batches(tx).orderBy('b.created_at', 'desc').orderBy('b.id').limit(limit).execute();
}

/** A batch's redeemed codes, newest first, with who redeemed them and for what. */
export function listRedemptions(tx: Tx, batchId: string) {
  return tx.selectFrom('prepaid_codes as c')
    .leftJoin('users as u', 'u.id', 'c.redeemed_by')
    .leftJoin('tenants as t', 't.id', 'c.redeemed_tenant_id')
    .leftJoin('parties as p', (j) => j.onRef('p.tenant_id', '=', 'c.redeemed_tenant_id').onRef('p.id', '=', 'c.redeemed_party_id'))
    .select(['c.hint', 'c.redeemed_at', 'u.email as redeemed_by_email', 't.name as tenant_name', 'c.redeemed_lock_serial', 'p.name as party_name'])
    .where('c.batch_id', '=', batchId).where('c.redeemed_at', 'is not', null)
    .orderBy('c.redeemed_at', 'desc').execute();
}

export type RedemptionRow = Awaited<ReturnType<typeof listRedemptions>>[number];

export function listAttempts(tx: Tx, limit: number) {
  return tx.selectFrom('prepaid_code_attempts as a').innerJoin('users as u', 'u.id', 'a.user_id')
    .leftJoin('prepaid_codes as c', 'c.code_hash', 'a.code_hash')
    .select(['a.at', 'u.email', 'a.outcome', 'c.hint', 'a.lock_serial'])
    .orderBy('a.at', 'desc').orderBy('a.id', 'desc').limit(limit).execute();
}

export type AttemptRow = Awaited<ReturnType<typeof listAttempts>>[number];

/** The times of a user's latest failed attempts since `since`, newest first (refusals for the rate limit itself do not count). */
export async function recentFailures(tx: Tx, userId: string, since: Date, limit: number): Promise<Date[]> {
  const rows = await tx.selectFrom('prepaid_code_attempts').select('at')
    .where('user_id', '=', userId).where('at', '>=', since).where('outcome', 'not in', ['redeemed', 'prepaid_codes.rate_limited'])
    .orderBy('at', 'desc').limit(limit).execute();
  return rows.map((r) => r.at);
}

export async function insertAttempt(tx: Tx, attempt: { userId: string; at: Date; outcome: string; codeHash: string | null; tenantId: string | null; lockSerial: string | null }) {
  await tx.insertInto('prepaid_code_attempts').values({
    user_id: attempt.userId, at: attempt.at, outcome: attempt.outcome, code_hash: attempt.codeHash, tenant_id: attempt.tenantId, lock_serial: attempt.lockSerial,
  }).execute();
}

/** The code and its batch's product, with the code's row locked until the transaction ends. */
export async function findCodeForUpdate(tx: Tx, codeHash: string) {
  const result = await sql<{ code_hash: string; hint: string; redeemed_at: Date | null; product: PrepaidProduct; keys_per_code: number | null }>`
    SELECT c.code_hash, c.hint, c.redeemed_at, b.product, b.keys_per_code
    FROM prepaid_codes c JOIN prepaid_code_batches b ON b.id = c.batch_id
    WHERE c.code_hash = ${codeHash}
    FOR UPDATE OF c`.execute(tx);
  return result.rows[0];
}

export async function markRedeemed(tx: Tx, codeHash: string, by: { at: Date; userId: string; tenantId: string; lockSerial: string | null; partyId: string | null }) {
  await tx.updateTable('prepaid_codes').set({
    redeemed_at: by.at, redeemed_by: by.userId, redeemed_tenant_id: by.tenantId, redeemed_lock_serial: by.lockSerial, redeemed_party_id: by.partyId,
  }).where('code_hash', '=', codeHash).execute();
}

export function findPartyForUpdate(tx: Tx, tenantId: string, partyId: string) {
  return tx.selectFrom('parties').select(['id', 'name', 'kind', 'organisation_management_at'])
    .where('tenant_id', '=', tenantId).where('id', '=', partyId).forUpdate().executeTakeFirst();
}

export async function setOrganisationManagement(tx: Tx, tenantId: string, partyId: string, at: Date): Promise<void> {
  await tx.updateTable('parties').set({ organisation_management_at: at })
    .where('tenant_id', '=', tenantId).where('id', '=', partyId).where('organisation_management_at', 'is', null).execute();
}
