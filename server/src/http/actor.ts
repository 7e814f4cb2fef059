// Who is asking. Resolved once per request from the session cookie or an API token.
import type { TenantRole, Language } from '../db/schema.ts';
import { AppError, forbidden, unauthenticated } from '../errors.ts';

export interface Actor {
  userId: string;
  email: string;
  displayName: string;
  language: Language;
  platformRole: 'operator_admin' | null;
  tenantId: string | null;
  role: TenantRole | null;
  personId: string | null;
  /** The lock owner or organisation a lock_owner member acts for. */
  partyId?: string | null;
  via: 'session' | 'token';
  sessionId: string | null;
  scopes: string[] | null;
}

export interface TenantActor extends Actor {
  tenantId: string;
  role: TenantRole;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

export function requireActor(actor: Actor | null): Actor {
  if (!actor) throw unauthenticated();
  return actor;
}

/** The actor acting inside one property manager, with a role there. */
export function requireTenantActor(actor: Actor | null): TenantActor {
  const a = requireActor(actor);
  if (!a.tenantId || !a.role) throw forbidden();
  return a as TenantActor;
}

export function requireOperator(actor: Actor | null): Actor {
  const a = requireActor(actor);
  if (a.platformRole !== 'operator_admin') throw forbidden();
  return a;
}

/**
 * API tokens reach only routes that name the scope they need (`config: { tokenScope }`), and
 * only when the token holds it. Checked once per request in http/session.ts, so a new route
 * refuses tokens until it opts in.
 */
export function requireTokenScope(actor: Actor, routeScope: string | undefined): void {
  if (actor.via !== 'token') return;
  if (!routeScope || !actor.scopes?.includes(routeScope)) {
    throw new AppError('auth.token_scope', 403, routeScope ? `This token lacks the scope ${routeScope}` : 'API tokens may not use this route');
  }
}
