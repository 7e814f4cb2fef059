// Changing a known password and resetting a forgotten one by an e-mailed single-use link.
import type { Deps } from '../../deps.ts';
import { asPlatform } from '../../db/scope.ts';
import type { Actor } from '../../http/actor.ts';
import { renderMail } from '../mail/mail.templates.ts';
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './auth.passwords.ts';
import * as repo from './auth.repository.ts';
import * as security from './auth.security.repository.ts';
import { invalidToken, weakPassword, wrongPassword } from './auth.security.errors.ts';
import { newToken, tokenHash } from './auth.tokens.ts';

const RESET_VALID_MS = 3_600_000;

export function requireStrongPassword(password: string, field: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) throw weakPassword(field);
}

/** Sets a new password and logs out every other session of the user (a thief's included). */
export async function changePassword(deps: Deps, actor: Actor & { sessionId: string }, input: { currentPassword: string; newPassword: string }) {
  requireStrongPassword(input.newPassword, 'newPassword');
  const user = await asPlatform(deps.db, async (tx) => (await repo.findUserById(tx, actor.userId))!);
  if (!user.password_hash || !(await verifyPassword(user.password_hash, input.currentPassword))) throw wrongPassword('currentPassword');
  const passwordHash = await hashPassword(input.newPassword);
  await asPlatform(deps.db, async (tx) => {
    await security.setPasswordHash(tx, user.id, passwordHash);
    await repo.deleteOtherSessions(tx, user.id, actor.sessionId);
    await security.useUserTokens(tx, user.id, 'password_reset', deps.clock.now());
  });
  await deps.mailer.send(renderMail(user.email, user.language, 'passwordChanged', { name: user.display_name }));
}

/**
 * Mails a reset link when the address belongs to an active account. The caller answers the same
 * either way, and the mail is not awaited, so neither the answer nor its timing tells whether
 * the address exists.
 */
export async function requestPasswordReset(deps: Deps, email: string): Promise<void> {
  const now = deps.clock.now();
  const token = newToken();
  const user = await asPlatform(deps.db, async (tx) => {
    const user = await repo.findUserByEmail(tx, email.trim());
    if (!user || user.disabled_at) return null;
    await security.insertUserToken(tx, { id: tokenHash(token), userId: user.id, purpose: 'password_reset', payload: {}, expiresAt: new Date(now.getTime() + RESET_VALID_MS) });
    return user;
  });
  if (!user) return;
  const url = `${deps.config.publicUrl}/reset-password?token=${encodeURIComponent(token)}`;
  deps.mailer.send(renderMail(user.email, user.language, 'passwordReset', { url }))
    .catch((error: unknown) => deps.log.error({ err: error }, 'password reset mail failed'));
}

/** Spends the link, sets the password and ends every session of the user. */
export async function confirmPasswordReset(deps: Deps, input: { token: string; newPassword: string }): Promise<void> {
  requireStrongPassword(input.newPassword, 'newPassword');
  const passwordHash = await hashPassword(input.newPassword);
  const now = deps.clock.now();
  await asPlatform(deps.db, async (tx) => {
    const token = await security.findLiveUserToken(tx, tokenHash(input.token), 'password_reset', now);
    if (!token) throw invalidToken();
    await security.setPasswordHash(tx, token.user_id, passwordHash);
    await security.useUserTokens(tx, token.user_id, 'password_reset', now);
    await repo.deleteOtherSessions(tx, token.user_id, null);
  });
}
