import type { findApiToken } from './apitokens.repository.ts';

type TokenRow = NonNullable<Awaited<ReturnType<typeof findApiToken>>>;

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function presentApiToken(t: TokenRow) {
  return { id: t.id, name: t.name, prefix: t.prefix, scopes: t.scopes, createdAt: iso(t.created_at)!, lastUsedAt: iso(t.last_used_at), revokedAt: iso(t.revoked_at) };
}
