// Who is asking. Resolved once per request from the session cookie or an API token.
import type { TenantRole, Language } from '../db/schema.ts';
import { forbidden, unauthenticated } from '../errors.ts';

export interface Actor {
  userId: string;
  email: string;
  displayName: string;
  language: Language;
  platformRole: 'operator_admin' | null;
  tenantId: string | null;
  role: TenantRole | null;
  personId: string | null;
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
