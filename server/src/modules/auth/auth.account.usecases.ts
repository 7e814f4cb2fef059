// The user's own account: contact data, a new e-mail address (confirmed from that address),
// and the login history.
import type { Deps } from '../../deps.ts';
import { asPlatform, inTenant } from '../../db/scope.ts';
import type { Language } from '../../db/schema.ts';
import type { Actor } from '../../http/actor.ts';
import { renderMail } from '../mail/mail.templates.ts';
import { verifyPassword } from './auth.passwords.ts';
import * as repo from './auth.repository.ts';
import * as security from './auth.security.repository.ts';
import { emailTaken, invalidToken, sameEmail, wrongPassword } from './auth.security.errors.ts';
import { newToken, tokenHash } from './auth.tokens.ts';

const EMAIL_CHANGE_VALID_MS = 24 * 3_600_000;

export interface ContactChange {
  landline?: string | null;
  mobile?: string | null;
  displayName?: string;
  language?: Language;
}

/** Applies at once; phone numbers also go to the person records the user is linked to in each tenant. */
export async function updateContact(deps: Deps, actor: Actor, change: ContactChange): Promise<void> {
  const memberships = await asPlatform(deps.db, async (tx) => {
    await security.updateUserContact(tx, actor.userId, change);
    return repo.membershipsOf(tx, actor.userId);
  });
  if (change.landline === undefined && change.mobile === undefined) return;
  for (const membership of memberships) {
    if (!membership.person_id) continue;
    await inTenant(deps.db, membership.tenant_id, (tx) =>
      security.updateLinkedPerson(tx, membership.tenant_id, membership.person_id!, { landline: change.landline, mobile: change.mobile }));
  }
}

/** Mails a confirmation link to the new address and a warning to the current one. */
export async function requestEmailChange(deps: Deps, actor: Actor, input: { newEmail: string; password: string }): Promise<void> {
  const newEmail = input.newEmail.trim();
  const now = deps.clock.now();
  const user = await asPlatform(deps.db, async (tx) => (await repo.findUserById(tx, actor.userId))!);
  if (!user.password_hash || !(await verifyPassword(user.password_hash, input.password))) throw wrongPassword('password');
  if (newEmail.toLowerCase() === user.email.toLowerCase()) throw sameEmail();
  const token = newToken();
  await asPlatform(deps.db, async (tx) => {
    if (await repo.findUserByEmail(tx, newEmail)) throw emailTaken('newEmail');
    await security.useUserTokens(tx, user.id, 'email_change', now);
    await security.insertUserToken(tx, { id: tokenHash(token), userId: user.id, purpose: 'email_change', payload: { newEmail }, expiresAt: new Date(now.getTime() + EMAIL_CHANGE_VALID_MS) });
  });
  const url = `${deps.config.publicUrl}/confirm-email?token=${encodeURIComponent(token)}`;
  await deps.mailer.send(renderMail(newEmail, user.language, 'emailChangeConfirm', { name: user.display_name, email: newEmail, url }));
  await deps.mailer.send(renderMail(user.email, user.language, 'emailChangeNotice', { name: user.display_name, email: newEmail }));
}

export async function confirmEmailChange(deps: Deps, token: string): Promise<void> {
  const now = deps.clock.now();
  await asPlatform(deps.db, async (tx) => {
    const row = await security.findLiveUserToken(tx, tokenHash(token), 'email_change', now);
    const newEmail = typeof row?.payload.newEmail === 'string' ? row.payload.newEmail : null;
    if (!row || !newEmail) throw invalidToken();
    const holder = await repo.findUserByEmail(tx, newEmail);
    if (holder && holder.id !== row.user_id) throw emailTaken('token');
    await security.setEmail(tx, row.user_id, newEmail);
    await security.useUserTokens(tx, row.user_id, 'email_change', now);
  });
}

/** One page of the user's logins, newest first, with the latest success and failure. */
export async function loginHistory(deps: Deps, actor: Actor, page: { page: number; pageSize: number }) {
  return asPlatform(deps.db, async (tx) => ({
    events: await security.loginEvents(tx, actor.userId, { limit: page.pageSize, offset: (page.page - 1) * page.pageSize }),
    total: await security.countLoginEvents(tx, actor.userId),
    lastSuccess: await security.latestLoginEvent(tx, actor.userId, ['success', 'second_factor_success']),
    lastFailure: await security.latestLoginEvent(tx, actor.userId, ['wrong_password', 'locked', 'second_factor_failed']),
    page,
  }));
}
