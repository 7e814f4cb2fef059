// Resolves the actor of every request (session cookie or API token) and enforces CSRF on
// state-changing requests that ride on a cookie.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Deps } from '../deps.ts';
import { csrfMismatch, secondFactorRequired } from '../modules/auth/auth.errors.ts';
import { resolveSession } from '../modules/auth/auth.usecases.ts';
import { resolveApiToken } from '../modules/apitokens/apitokens.usecases.ts';
import { requireTokenScope } from './actor.ts';

export const SESSION_COOKIE = 'cz_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
// Routes a half-logged-in session (password ok, second factor pending) may reach.
const SECOND_FACTOR_ROUTES = new Set(['/api/auth/second-factor', '/api/auth/logout', '/api/me']);

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Reachable without a session; no CSRF check (login, password reset, invitations). */
    public?: boolean;
    /** The API-token scope that opens this route to tokens; without it tokens are refused. */
    tokenScope?: string;
  }
  interface FastifyRequest {
    csrfToken: string | null;
    secondFactorPending: boolean;
  }
}

export function registerSessionResolution(app: FastifyInstance, deps: Deps): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('secondFactorPending', false);

  app.addHook('preHandler', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const bearer = request.headers.authorization?.match(/^Bearer (\S+)$/)?.[1];
    if (bearer) {
      request.actor = await resolveApiToken(deps, bearer);
      if (request.actor) requireTokenScope(request.actor, request.routeOptions.config?.tokenScope);
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const session = await resolveSession(deps, token);
    if (!session) return;
    const path = request.routeOptions.url ?? '';
    if (session.secondFactorPending) {
      request.secondFactorPending = true;
      if (!SECOND_FACTOR_ROUTES.has(path)) throw secondFactorRequired();
    }
    const isPublic = request.routeOptions.config?.public === true;
    if (!isPublic && !SAFE_METHODS.has(request.method) && request.headers['x-csrf-token'] !== session.csrfToken) {
      throw csrfMismatch();
    }
    request.actor = session.actor;
    request.csrfToken = session.csrfToken;
  });
}

export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean, maxAgeSeconds: number): void {
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge: maxAgeSeconds });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
