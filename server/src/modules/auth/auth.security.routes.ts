// Account security: second factor, login history, password change and reset, contact data.
import type { Deps } from '../../deps.ts';
import { requireActor } from '../../http/actor.ts';
import { Ok, type App } from '../../http/types.ts';
import { confirmEmailChange, loginHistory, requestEmailChange, updateContact } from './auth.account.usecases.ts';
import { changePassword, confirmPasswordReset, requestPasswordReset } from './auth.credentials.usecases.ts';
import { presentMe } from './auth.presenters.ts';
import { completeSecondFactor, disableTwoFactor, enableTwoFactor, setupTwoFactor } from './auth.second-factor.usecases.ts';
import { requireOwnSession } from './auth.security.policies.ts';
import { presentLoginHistory } from './auth.security.presenters.ts';
import {
  CodeBody, ContactBody, EmailChangeBody, EnrolmentOut, LoginHistoryOut, PageQuery, PasswordBody, PasswordChangeBody,
  RecoveryCodesOut, ResetConfirmBody, ResetRequestBody, SecondFactorOut, TokenBody,
} from './auth.security.schemas.ts';
import { describeMe } from './auth.usecases.ts';

const tags = ['account security'];
const ok = { ok: true as const };
// Public routes that can be used to probe or to flood mailboxes get a tighter limit.
const publicLimit = { max: 10, timeWindow: '1 minute' };

export function authSecurityRoutes(app: App, deps: Deps): void {
  app.post('/api/auth/second-factor', {
    config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    schema: { tags, summary: 'Finish a login with an authenticator code or a recovery code', body: CodeBody, response: { 200: SecondFactorOut } },
  }, async (request) => {
    const actor = requireOwnSession(requireActor(request.actor));
    const result = await completeSecondFactor(deps, actor, request.body.code, { ip: request.ip, userAgent: request.headers['user-agent'] ?? null });
    return { ok: true as const, ...result };
  });

  app.post('/api/me/two-factor/setup', { schema: { tags, summary: 'Start two-factor setup: a new secret and its QR code', response: { 200: EnrolmentOut } } }, async (request) => {
    return setupTwoFactor(deps, requireOwnSession(requireActor(request.actor)));
  });

  app.post('/api/me/two-factor/enable', {
    schema: { tags, summary: 'Turn two-factor on with a first code; answers the recovery codes, shown only now', body: CodeBody, response: { 200: RecoveryCodesOut } },
  }, async (request) => {
    return { recoveryCodes: await enableTwoFactor(deps, requireOwnSession(requireActor(request.actor)), request.body.code) };
  });

  app.post('/api/me/two-factor/disable', { schema: { tags, summary: 'Turn two-factor off (needs the password)', body: PasswordBody, response: { 200: Ok } } }, async (request) => {
    await disableTwoFactor(deps, requireOwnSession(requireActor(request.actor)), request.body.password);
    return ok;
  });

  app.get('/api/me/logins', { schema: { tags, summary: 'Your login history, newest first', querystring: PageQuery, response: { 200: LoginHistoryOut } } }, async (request) => {
    return presentLoginHistory(await loginHistory(deps, requireActor(request.actor), request.query));
  });

  app.post('/api/me/password', {
    schema: { tags, summary: 'Change your password; logs out your other sessions', body: PasswordChangeBody, response: { 200: Ok } },
  }, async (request) => {
    await changePassword(deps, requireOwnSession(requireActor(request.actor)), request.body);
    return ok;
  });

  app.post('/api/auth/password-reset', {
    config: { public: true, rateLimit: publicLimit },
    schema: { tags, summary: 'Mail a password reset link (same answer whether the address exists or not)', body: ResetRequestBody, response: { 200: Ok } },
  }, async (request) => {
    await requestPasswordReset(deps, request.body.email);
    return ok;
  });

  app.post('/api/auth/password-reset/confirm', {
    config: { public: true, rateLimit: publicLimit },
    schema: { tags, summary: 'Set a new password with the mailed link; logs out every session', body: ResetConfirmBody, response: { 200: Ok } },
  }, async (request) => {
    await confirmPasswordReset(deps, request.body);
    return ok;
  });

  app.patch('/api/me/contact', { schema: { tags, summary: 'Change your name, language or phone numbers', body: ContactBody } }, async (request) => {
    const actor = requireOwnSession(requireActor(request.actor));
    await updateContact(deps, actor, request.body);
    return presentMe(actor, await describeMe(deps, actor), request.csrfToken, request.secondFactorPending);
  });

  app.post('/api/me/email', {
    schema: { tags, summary: 'Change your e-mail address: mails a confirmation link to the new one', body: EmailChangeBody, response: { 202: Ok } },
  }, async (request, reply) => {
    await requestEmailChange(deps, requireOwnSession(requireActor(request.actor)), request.body);
    return reply.status(202).send(ok);
  });

  app.post('/api/auth/confirm-email', {
    config: { public: true, rateLimit: publicLimit },
    schema: { tags, summary: 'Confirm a new e-mail address with the mailed link', body: TokenBody, response: { 200: Ok } },
  }, async (request) => {
    await confirmEmailChange(deps, request.body.token);
    return ok;
  });
}
