// Two-factor login with TOTP: enrolment (setup → enable with a first code, which hands out the
// recovery codes once), turning it off, and the second step of a login. Wrong codes count
// toward the same lockout as wrong passwords.
import type { Deps } from '../../deps.ts';
import { asPlatform } from '../../db/scope.ts';
import type { Actor } from '../../http/actor.ts';
import type { ClientInfo } from './auth.usecases.ts';
import { accountLocked } from './auth.errors.ts';
import { lockedUntil, LOCKOUT_WINDOW_MS } from './auth.lockout.ts';
import { verifyPassword } from './auth.passwords.ts';
import * as repo from './auth.repository.ts';
import * as security from './auth.security.repository.ts';
import {
  noSecondFactorPending, twoFactorAlreadyOn, twoFactorNotOn, twoFactorNotSetUp, wrongCode, wrongPassword, wrongSecondFactor,
} from './auth.security.errors.ts';
import { checkTotp, newRecoveryCodes, newTotpSecret, recoveryCodeHash, totpEnrolment } from './auth.totp.ts';

/** A fresh secret, not yet active: login keeps working with the password alone until enabled. */
export async function setupTwoFactor(deps: Deps, actor: Actor) {
  const secret = newTotpSecret();
  const email = await asPlatform(deps.db, async (tx) => {
    const user = (await repo.findUserById(tx, actor.userId))!;
    if (user.totp_enabled_at) throw twoFactorAlreadyOn();
    await security.setTotp(tx, user.id, { secret, enabledAt: null, lastStep: null });
    return user.email;
  });
  return totpEnrolment(secret, email);
}

/** Turns two-factor on once the user proves the app shows the right codes; returns the recovery codes. */
export async function enableTwoFactor(deps: Deps, actor: Actor, code: string): Promise<string[]> {
  const now = deps.clock.now();
  return asPlatform(deps.db, async (tx) => {
    const user = (await repo.findUserById(tx, actor.userId))!;
    if (user.totp_enabled_at) throw twoFactorAlreadyOn();
    if (!user.totp_secret) throw twoFactorNotSetUp();
    const step = await checkTotp(user.totp_secret, code.trim(), now, null);
    if (step === null) throw wrongCode();
    const codes = newRecoveryCodes();
    await security.setTotp(tx, user.id, { secret: user.totp_secret, enabledAt: now, lastStep: step });
    await security.replaceRecoveryCodes(tx, user.id, codes.map(recoveryCodeHash));
    return codes;
  });
}

export async function disableTwoFactor(deps: Deps, actor: Actor, password: string): Promise<void> {
  const user = await asPlatform(deps.db, async (tx) => (await repo.findUserById(tx, actor.userId))!);
  if (!user.password_hash || !(await verifyPassword(user.password_hash, password))) throw wrongPassword('password');
  if (!user.totp_enabled_at) throw twoFactorNotOn();
  await asPlatform(deps.db, async (tx) => {
    await security.setTotp(tx, user.id, { secret: null, enabledAt: null, lastStep: null });
    await security.replaceRecoveryCodes(tx, user.id, []);
  });
}

/** Completes a login whose password was right: a TOTP code or an unused recovery code. */
export async function completeSecondFactor(deps: Deps, actor: Actor & { sessionId: string }, code: string, client: ClientInfo) {
  const now = deps.clock.now();
  const { session, user, failures } = await asPlatform(deps.db, async (tx) => {
    const user = (await repo.findUserById(tx, actor.userId))!;
    return {
      user,
      session: await repo.findLiveSession(tx, actor.sessionId, now),
      failures: await repo.failuresSinceLastSuccess(tx, user.email, new Date(now.getTime() - LOCKOUT_WINDOW_MS)),
    };
  });
  if (!session?.second_factor_pending || !user.totp_secret || !user.totp_enabled_at) throw noSecondFactorPending();
  const event = { userId: user.id, email: user.email, ip: client.ip, userAgent: client.userAgent, at: now };

  const until = lockedUntil(failures);
  if (until && until > now) {
    await asPlatform(deps.db, (tx) => repo.insertLoginEvent(tx, { ...event, outcome: 'locked' }));
    throw accountLocked(Math.ceil((until.getTime() - now.getTime()) / 1000));
  }

  const typed = code.trim();
  const step = await checkTotp(user.totp_secret, typed, now, user.totp_last_step);
  const result = await asPlatform(deps.db, async (tx) => {
    const accepted = step !== null
      ? await security.advanceTotpStep(tx, user.id, step)
      : await security.useRecoveryCode(tx, user.id, recoveryCodeHash(typed), now);
    if (!accepted) return null;
    await repo.updateSession(tx, actor.sessionId, { secondFactorPending: false });
    await repo.insertLoginEvent(tx, { ...event, outcome: 'second_factor_success' });
    return { usedRecoveryCode: step === null, recoveryCodesLeft: await security.countUnusedRecoveryCodes(tx, user.id) };
  });
  if (!result) {
    await asPlatform(deps.db, (tx) => repo.insertLoginEvent(tx, { ...event, outcome: 'second_factor_failed' }));
    throw wrongSecondFactor();
  }
  return result;
}
