import { Type } from 'typebox';
import type { Deps } from '../../deps.ts';
import { requireActor } from '../../http/actor.ts';
import { clearSessionCookie, SESSION_COOKIE, setSessionCookie } from '../../http/session.ts';
import { Body, Ok, Uuid, type App } from '../../http/types.ts';
import { presentMe } from './auth.presenters.ts';
import { describeMe, login, logout, switchTenant } from './auth.usecases.ts';

const LoginBody = Body({
  email: Type.String({ minLength: 3, maxLength: 254 }),
  password: Type.String({ minLength: 1, maxLength: 1024 }),
});

const LoginTimestamp = Type.Union([Type.Null(), Type.Object({ at: Type.String(), ip: Type.Union([Type.String(), Type.Null()]) })]);

export function authRoutes(app: App, deps: Deps): void {
  app.post('/api/auth/login', {
    config: { public: true, rateLimit: { max: 30, timeWindow: '1 minute' } },
    schema: {
      tags: ['auth'], summary: 'Log in with e-mail and password', body: LoginBody,
      response: { 200: Type.Object({ secondFactorRequired: Type.Boolean(), csrfToken: Type.String(), lastSuccess: LoginTimestamp, lastFailure: LoginTimestamp }) },
    },
  }, async (request, reply) => {
    const result = await login(deps, { ...request.body, ip: request.ip, userAgent: request.headers['user-agent'] ?? null });
    setSessionCookie(reply, result.token, request.protocol === 'https', deps.config.sessionTtlHours * 3600);
    return {
      secondFactorRequired: result.secondFactorRequired,
      csrfToken: result.csrfToken,
      lastSuccess: result.lastSuccess && { at: result.lastSuccess.at.toISOString(), ip: result.lastSuccess.ip },
      lastFailure: result.lastFailure && { at: result.lastFailure.at.toISOString(), ip: result.lastFailure.ip },
    };
  });

  app.post('/api/auth/logout', { config: { public: true }, schema: { tags: ['auth'], summary: 'End this session', response: { 200: Ok } } }, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await logout(deps, token);
    clearSessionCookie(reply);
    return { ok: true as const };
  });

  app.get('/api/me', { schema: { tags: ['auth'], summary: 'The logged-in user, role and tenant' } }, async (request) => {
    const actor = requireActor(request.actor);
    return presentMe(actor, await describeMe(deps, actor), request.csrfToken, request.secondFactorPending);
  });

  app.post('/api/me/tenant', {
    schema: { tags: ['auth'], summary: 'Act for another property manager you belong to', body: Body({ tenantId: Uuid }), response: { 200: Ok } },
  }, async (request) => {
    await switchTenant(deps, requireActor(request.actor), request.body.tenantId);
    return { ok: true as const };
  });
}
