// Logging in and out, and resolving a request's session into an actor.
import type { Deps } from '../../deps.ts';
import { asPlatform, inTenant } from '../../db/scope.ts';
import type { Actor } from '../../http/actor.ts';
import { accountLocked, invalidCredentials, noSuchTenant } from './auth.errors.ts';
import { lockedUntil, LOCKOUT_WINDOW_MS } from './auth.lockout.ts';
import { burnPasswordCheck, verifyPassword } from './auth.passwords.ts';
import * as repo from './auth.repository.ts';
import { newToken, tokenHash } from './auth.tokens.ts';

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

export interface LoginResult {
  token: string;
  csrfToken: string;
  secondFactorRequired: boolean;
  lastSuccess: { at: Date; ip: string | null } | null;
  lastFailure: { at: Date; ip: string | null } | null;
}

export async function login(deps: Deps, input: { email: string; password: string } & ClientInfo): Promise<LoginResult> {
  const now = deps.clock.now();
  const email = input.email.trim();
  const { user, failures } = await asPlatform(deps.db, async (tx) => ({
    user: await repo.findUserByEmail(tx, email),
    failures: await repo.failuresSinceLastSuccess(tx, email, new Date(now.getTime() - LOCKOUT_WINDOW_MS)),
  }));
  const event = { userId: user?.id ?? null, email, ip: input.ip, userAgent: input.userAgent, at: now };

  const until = lockedUntil(failures);
  if (until && until > now) {
    await asPlatform(deps.db, (tx) => repo.insertLoginEvent(tx, { ...event, outcome: 'locked' }));
    throw accountLocked(Math.ceil((until.getTime() - now.getTime()) / 1000));
  }

  let passwordOk = false;
  if (user?.password_hash && !user.disabled_at) passwordOk = await verifyPassword(user.password_hash, input.password);
  else await burnPasswordCheck(input.password);

  if (!user || !passwordOk) {
    await asPlatform(deps.db, (tx) => repo.insertLoginEvent(tx, { ...event, outcome: user ? 'wrong_password' : 'unknown_email' }));
    throw invalidCredentials();
  }

  const secondFactorRequired = user.totp_enabled_at !== null;
  const token = newToken();
  const csrfToken = newToken(18);
  return asPlatform(deps.db, async (tx) => {
    const [lastSuccess, lastFailure] = await repo.lastLoginOutcomes(tx, user.id, now);
    const memberships = await repo.membershipsOf(tx, user.id);
    await repo.insertSession(tx, {
      id: tokenHash(token), userId: user.id, tenantId: memberships[0]?.tenant_id ?? null, csrfToken,
      secondFactorPending: secondFactorRequired, ip: input.ip, userAgent: input.userAgent,
      expiresAt: new Date(now.getTime() + deps.config.sessionTtlHours * 3_600_000),
    });
    if (!secondFactorRequired) await repo.insertLoginEvent(tx, { ...event, outcome: 'success' });
    return {
      token, csrfToken, secondFactorRequired,
      lastSuccess: lastSuccess ? { at: new Date(lastSuccess.at), ip: lastSuccess.ip } : null,
      lastFailure: lastFailure ? { at: new Date(lastFailure.at), ip: lastFailure.ip } : null,
    };
  });
}

export async function logout(deps: Deps, token: string): Promise<void> {
  await asPlatform(deps.db, (tx) => repo.deleteSession(tx, tokenHash(token)));
}

export interface ResolvedSession {
  actor: Actor;
  csrfToken: string;
  secondFactorPending: boolean;
}

/** Turns a session cookie into an actor; slides the expiry at most once a minute. */
export async function resolveSession(deps: Deps, token: string): Promise<ResolvedSession | null> {
  const now = deps.clock.now();
  const id = tokenHash(token);
  return asPlatform(deps.db, async (tx) => {
    const session = await repo.findLiveSession(tx, id, now);
    if (!session || session.disabled_at) return null;
    if (now.getTime() - new Date(session.last_seen_at).getTime() > 60_000) {
      await repo.touchSession(tx, id, now, new Date(now.getTime() + deps.config.sessionTtlHours * 3_600_000));
    }
    let role = null;
    let personId = null;
    let partyId = null;
    if (session.tenant_id) {
      const membership = (await repo.membershipsOf(tx, session.user_id)).find((m) => m.tenant_id === session.tenant_id);
      role = membership?.role ?? null;
      personId = membership?.person_id ?? null;
      partyId = membership?.party_id ?? null;
    }
    return {
      csrfToken: session.csrf_token,
      secondFactorPending: session.second_factor_pending,
      actor: {
        userId: session.user_id, email: session.email, displayName: session.display_name, language: session.language,
        platformRole: session.platform_role, tenantId: role ? session.tenant_id : null, role, personId, partyId,
        via: 'session', sessionId: id, scopes: null,
      },
    };
  });
}

/** Switches the session to another property manager the user belongs to. */
export async function switchTenant(deps: Deps, actor: Actor, tenantId: string): Promise<void> {
  await asPlatform(deps.db, async (tx) => {
    const memberships = await repo.membershipsOf(tx, actor.userId);
    if (!memberships.some((m) => m.tenant_id === tenantId)) throw noSuchTenant();
    await repo.updateSession(tx, actor.sessionId!, { tenantId });
  });
}

export async function describeMe(deps: Deps, actor: Actor) {
  const platform = await asPlatform(deps.db, async (tx) => {
    const user = await repo.findUserById(tx, actor.userId);
    const memberships = await repo.membershipsOf(tx, actor.userId);
    return { user: user!, memberships };
  });
  const customerNumber = actor.tenantId && actor.personId
    ? await inTenant(deps.db, actor.tenantId, (tx) => repo.customerNumberOf(tx, actor.tenantId!, actor.personId!))
    : null;
  return { ...platform, customerNumber };
}
