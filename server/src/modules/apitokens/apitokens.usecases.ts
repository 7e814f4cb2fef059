// API tokens for integrations: scoped to one property manager, revocable, stored hashed and
// shown once at creation.
import type { Deps } from '../../deps.ts';
import { asPlatform } from '../../db/scope.ts';
import type { Actor } from '../../http/actor.ts';
import { tokenHash } from '../auth/auth.tokens.ts';

export const TOKEN_PREFIX = 'cz_';

/** The actor behind a bearer token, or null when the token is unknown or revoked. */
export async function resolveApiToken(deps: Deps, token: string): Promise<Actor | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  return asPlatform(deps.db, async (tx) => {
    const row = await tx.selectFrom('api_tokens').select(['tenant_id', 'id', 'scopes', 'name', 'created_by'])
      .where('token_hash', '=', tokenHash(token)).where('revoked_at', 'is', null).executeTakeFirst();
    if (!row) return null;
    await tx.updateTable('api_tokens').set({ last_used_at: deps.clock.now() })
      .where('tenant_id', '=', row.tenant_id).where('id', '=', row.id).execute();
    return {
      userId: row.created_by, email: '', displayName: `API token ${row.name}`, language: 'en', platformRole: null,
      tenantId: row.tenant_id, role: 'manager_staff', personId: null, via: 'token', sessionId: null, scopes: row.scopes,
    } satisfies Actor;
  });
}
