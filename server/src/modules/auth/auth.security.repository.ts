// SQL for the account-security features: second factor, recovery codes, e-mailed tokens,
// passwords, contact data and the login history. Platform tables: run inside asPlatform,
// except updateLinkedPerson, which runs inside the person's tenant.
import type { Tx } from '../../db/scope.ts';
import type { Language, LoginOutcome } from '../../db/schema.ts';

export async function setTotp(tx: Tx, userId: string, totp: { secret: string | null; enabledAt: Date | null; lastStep: number | null }) {
  await tx.updateTable('users').set({ totp_secret: totp.secret, totp_enabled_at: totp.enabledAt, totp_last_step: totp.lastStep })
    .where('id', '=', userId).execute();
}

/** Records the accepted step only if it is newer, so two concurrent uses of one code cannot both pass. */
export async function advanceTotpStep(tx: Tx, userId: string, step: number): Promise<boolean> {
  const result = await tx.updateTable('users').set({ totp_last_step: step }).where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)])).executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function replaceRecoveryCodes(tx: Tx, userId: string, hashes: string[]) {
  await tx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  if (hashes.length) await tx.insertInto('recovery_codes').values(hashes.map((code_hash) => ({ user_id: userId, code_hash, used_at: null }))).execute();
}

/** Marks an unused code used; false when there is no such unused code. */
export async function useRecoveryCode(tx: Tx, userId: string, hash: string, now: Date): Promise<boolean> {
  const result = await tx.updateTable('recovery_codes').set({ used_at: now })
    .where('user_id', '=', userId).where('code_hash', '=', hash).where('used_at', 'is', null).executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function setPasswordHash(tx: Tx, userId: string, passwordHash: string) {
  await tx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
}

export async function insertUserToken(tx: Tx, token: { id: string; userId: string; purpose: 'password_reset' | 'email_change'; payload: Record<string, unknown>; expiresAt: Date }) {
  await tx.insertInto('user_tokens').values({
    id: token.id, user_id: token.userId, purpose: token.purpose, payload: JSON.stringify(token.payload), expires_at: token.expiresAt, used_at: null,
  }).execute();
}

export function findLiveUserToken(tx: Tx, id: string, purpose: 'password_reset' | 'email_change', now: Date) {
  return tx.selectFrom('user_tokens').selectAll().where('id', '=', id).where('purpose', '=', purpose)
    .where('used_at', 'is', null).where('expires_at', '>', now).forUpdate().executeTakeFirst();
}

/** Spends every open token of that purpose, so an older link dies with the one used. */
export async function useUserTokens(tx: Tx, userId: string, purpose: 'password_reset' | 'email_change', now: Date) {
  await tx.updateTable('user_tokens').set({ used_at: now }).where('user_id', '=', userId).where('purpose', '=', purpose).where('used_at', 'is', null).execute();
}

export async function updateUserContact(tx: Tx, userId: string, changes: { landline?: string | null; mobile?: string | null; displayName?: string; language?: Language }) {
  const values = {
    ...(changes.landline !== undefined && { landline: changes.landline }),
    ...(changes.mobile !== undefined && { mobile: changes.mobile }),
    ...(changes.displayName !== undefined && { display_name: changes.displayName }),
    ...(changes.language !== undefined && { language: changes.language }),
  };
  if (Object.keys(values).length) await tx.updateTable('users').set(values).where('id', '=', userId).execute();
}

export async function updateLinkedPerson(tx: Tx, tenantId: string, personId: string, phones: { landline?: string | null; mobile?: string | null }) {
  const values = {
    ...(phones.landline !== undefined && { landline: phones.landline }),
    ...(phones.mobile !== undefined && { mobile: phones.mobile }),
  };
  if (Object.keys(values).length) await tx.updateTable('people').set(values).where('tenant_id', '=', tenantId).where('id', '=', personId).execute();
}

export async function setEmail(tx: Tx, userId: string, email: string) {
  await tx.updateTable('users').set({ email }).where('id', '=', userId).execute();
}

export function loginEvents(tx: Tx, userId: string, page: { limit: number; offset: number }) {
  return tx.selectFrom('login_events').select(['at', 'ip', 'user_agent', 'outcome'])
    .where('user_id', '=', userId).orderBy('at', 'desc').orderBy('id', 'desc').limit(page.limit).offset(page.offset).execute();
}

export async function countLoginEvents(tx: Tx, userId: string): Promise<number> {
  const row = await tx.selectFrom('login_events').select((eb) => eb.fn.countAll<string | number>().as('n')).where('user_id', '=', userId).executeTakeFirstOrThrow();
  return Number(row.n);
}

export function latestLoginEvent(tx: Tx, userId: string, outcomes: LoginOutcome[]) {
  return tx.selectFrom('login_events').select(['at', 'ip', 'user_agent', 'outcome']).where('user_id', '=', userId)
    .where('outcome', 'in', outcomes).orderBy('at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
}

export async function countUnusedRecoveryCodes(tx: Tx, userId: string): Promise<number> {
  const row = await tx.selectFrom('recovery_codes').select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('user_id', '=', userId).where('used_at', 'is', null).executeTakeFirstOrThrow();
  return Number(row.n);
}
