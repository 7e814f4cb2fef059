// SQL for logins and sessions. These tables are the platform's, not a tenant's: every function
// runs inside asPlatform.
import type { Tx } from '../../db/scope.ts';
import type { Language, LoginOutcome } from '../../db/schema.ts';

export function findUserByEmail(tx: Tx, email: string) {
  return tx.selectFrom('users').selectAll().where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase())).executeTakeFirst();
}

export function findUserById(tx: Tx, id: string) {
  return tx.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export function membershipsOf(tx: Tx, userId: string) {
  return tx.selectFrom('memberships')
    .innerJoin('tenants', 'tenants.id', 'memberships.tenant_id')
    .select(['memberships.tenant_id', 'memberships.role', 'memberships.person_id', 'memberships.party_id', 'tenants.name as tenant_name',
      'tenants.currency', 'tenants.country', 'tenants.default_language', 'tenants.short_code', 'tenants.operating_mode'])
    .where('memberships.user_id', '=', userId)
    .orderBy('memberships.created_at')
    .execute();
}

/** Failed attempts for this e-mail since its last success, newest first (known or unknown e-mail alike). */
export async function failuresSinceLastSuccess(tx: Tx, email: string, since: Date) {
  const lower = email.toLowerCase();
  const lastSuccess = await tx.selectFrom('login_events').select('at')
    .where((eb) => eb(eb.fn('lower', ['email']), '=', lower))
    .where('outcome', 'in', ['success', 'second_factor_success']).orderBy('at', 'desc').limit(1).executeTakeFirst();
  const from = lastSuccess && new Date(lastSuccess.at) > since ? new Date(lastSuccess.at) : since;
  return tx.selectFrom('login_events').select('at')
    .where((eb) => eb(eb.fn('lower', ['email']), '=', lower))
    .where('outcome', 'in', ['wrong_password', 'unknown_email', 'second_factor_failed'])
    .where('at', '>', from).orderBy('at', 'desc').limit(64).execute();
}

export async function insertLoginEvent(tx: Tx, event: { userId: string | null; email: string; outcome: LoginOutcome; ip: string | null; userAgent: string | null; at: Date }) {
  await tx.insertInto('login_events').values({
    user_id: event.userId, email: event.email, outcome: event.outcome, ip: event.ip, user_agent: event.userAgent, at: event.at,
  }).execute();
}

export function lastLoginOutcomes(tx: Tx, userId: string, before: Date) {
  return Promise.all([
    tx.selectFrom('login_events').select(['at', 'ip', 'user_agent']).where('user_id', '=', userId)
      .where('outcome', 'in', ['success', 'second_factor_success']).where('at', '<', before).orderBy('at', 'desc').limit(1).executeTakeFirst(),
    tx.selectFrom('login_events').select(['at', 'ip', 'user_agent', 'outcome']).where('user_id', '=', userId)
      .where('outcome', 'in', ['wrong_password', 'locked', 'second_factor_failed']).orderBy('at', 'desc').limit(1).executeTakeFirst(),
  ]);
}

export async function insertSession(tx: Tx, session: { id: string; userId: string; tenantId: string | null; csrfToken: string; secondFactorPending: boolean; ip: string | null; userAgent: string | null; expiresAt: Date }) {
  await tx.insertInto('sessions').values({
    id: session.id, user_id: session.userId, tenant_id: session.tenantId, csrf_token: session.csrfToken,
    second_factor_pending: session.secondFactorPending, ip: session.ip, user_agent: session.userAgent, expires_at: session.expiresAt,
  }).execute();
}

export function findLiveSession(tx: Tx, id: string, now: Date) {
  return tx.selectFrom('sessions').innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.id', 'sessions.user_id', 'sessions.tenant_id', 'sessions.csrf_token', 'sessions.second_factor_pending',
      'sessions.last_seen_at', 'users.email', 'users.display_name', 'users.language', 'users.platform_role', 'users.disabled_at'])
    .where('sessions.id', '=', id).where('sessions.expires_at', '>', now)
    .executeTakeFirst();
}

export async function touchSession(tx: Tx, id: string, now: Date, expiresAt: Date) {
  await tx.updateTable('sessions').set({ last_seen_at: now, expires_at: expiresAt }).where('id', '=', id).execute();
}

export async function updateSession(tx: Tx, id: string, changes: { tenantId?: string | null; secondFactorPending?: boolean }) {
  await tx.updateTable('sessions').set({
    ...(changes.tenantId !== undefined ? { tenant_id: changes.tenantId } : {}),
    ...(changes.secondFactorPending !== undefined ? { second_factor_pending: changes.secondFactorPending } : {}),
  }).where('id', '=', id).execute();
}

export async function deleteSession(tx: Tx, id: string) {
  await tx.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function deleteOtherSessions(tx: Tx, userId: string, keepId: string | null) {
  let query = tx.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepId) query = query.where('id', '!=', keepId);
  await query.execute();
}

export async function customerNumberOf(tx: Tx, tenantId: string, personId: string): Promise<string | null> {
  const row = await tx.selectFrom('people').select('customer_number').where('tenant_id', '=', tenantId).where('id', '=', personId).executeTakeFirst();
  return row?.customer_number ?? null;
}

export function insertUser(tx: Tx, user: { email: string; passwordHash: string; displayName: string; language: Language; platformRole?: 'operator_admin' }) {
  return tx.insertInto('users').values({
    email: user.email, password_hash: user.passwordHash, display_name: user.displayName, language: user.language,
    platform_role: user.platformRole ?? null, landline: null, mobile: null, totp_secret: null, totp_enabled_at: null, disabled_at: null,
  }).returning('id').executeTakeFirstOrThrow();
}
