// API tokens for integrations: scoped to one property manager, revocable, stored hashed and
// shown once at creation.
import type { Deps } from '../../deps.ts';
import { asPlatform, inTenant } from '../../db/scope.ts';
import { AppError, forbidden } from '../../errors.ts';
import type { Actor, TenantActor } from '../../http/actor.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { newToken, tokenHash } from '../auth/auth.tokens.ts';
import * as repo from './apitokens.repository.ts';

export const TOKEN_PREFIX = 'cz_';

/** The actor behind a bearer token, or null when the token is unknown or revoked. */
export async function resolveApiToken(deps: Deps, token: string): Promise<Actor | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  return asPlatform(deps.db, async (tx) => {
    const row = await repo.findLiveTokenByHash(tx, tokenHash(token));
    if (!row) return null;
    await repo.touchApiToken(tx, row.tenant_id, row.id, deps.clock.now());
    return {
      userId: row.created_by, email: '', displayName: `API token ${row.name}`, language: 'en', platformRole: null,
      tenantId: row.tenant_id, role: 'manager_staff', personId: null, via: 'token', sessionId: null, scopes: row.scopes,
    } satisfies Actor;
  });
}

const apiTokenNotFound = () => new AppError('api_tokens.not_found', 404, 'API token not found');

// Tokens are created by admins only, and a token never creates tokens (routes refuse tokens).
function authorizeAdmin(actor: TenantActor) {
  if (actor.role !== 'manager_admin') throw forbidden();
}

export function listApiTokens(deps: Deps, actor: TenantActor) {
  authorizeAdmin(actor);
  return inTenant(deps.db, actor.tenantId, (tx) => repo.listApiTokens(tx, actor.tenantId));
}

/** Creates a token; the clear text is returned this once and only its hash is kept. */
export function createApiToken(deps: Deps, actor: TenantActor, input: { name: string; scopes: string[] }) {
  authorizeAdmin(actor);
  const token = TOKEN_PREFIX + newToken(30);
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    const { id } = await repo.insertApiToken(tx, {
      tenantId: actor.tenantId, name: input.name, scopes: input.scopes, tokenHash: tokenHash(token), prefix: token.slice(0, 10), createdBy: actor.userId,
    });
    const row = (await repo.findApiToken(tx, actor.tenantId, id))!;
    await recordAudit(tx, actor, { action: 'api_token.created', entityType: 'api_token', entityId: id, after: row });
    return { ...row, token };
  });
}

export function revokeApiToken(deps: Deps, actor: TenantActor, id: string) {
  authorizeAdmin(actor);
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    const before = await repo.findApiToken(tx, actor.tenantId, id);
    if (!before) throw apiTokenNotFound();
    await repo.revokeApiToken(tx, actor.tenantId, id, deps.clock.now());
    await recordAudit(tx, actor, { action: 'api_token.revoked', entityType: 'api_token', entityId: id, before, after: await repo.findApiToken(tx, actor.tenantId, id) });
  });
}
