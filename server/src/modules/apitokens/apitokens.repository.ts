import type { Tx } from '../../db/scope.ts';

const columns = ['id', 'name', 'prefix', 'scopes', 'created_at', 'last_used_at', 'revoked_at'] as const;

export function listApiTokens(tx: Tx, tenantId: string) {
  return tx.selectFrom('api_tokens').select(columns).where('tenant_id', '=', tenantId).orderBy('created_at', 'desc').execute();
}

export function findApiToken(tx: Tx, tenantId: string, id: string) {
  return tx.selectFrom('api_tokens').select(columns).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export function insertApiToken(tx: Tx, token: { tenantId: string; name: string; scopes: string[]; tokenHash: string; prefix: string; createdBy: string }) {
  return tx.insertInto('api_tokens').values({
    tenant_id: token.tenantId, name: token.name, scopes: token.scopes, token_hash: token.tokenHash, prefix: token.prefix, created_by: token.createdBy,
  }).returning('id').executeTakeFirstOrThrow();
}

export async function revokeApiToken(tx: Tx, tenantId: string, id: string, at: Date) {
  await tx.updateTable('api_tokens').set({ revoked_at: at }).where('tenant_id', '=', tenantId).where('id', '=', id).where('revoked_at', 'is', null).execute();
}

/** A live token by the hash of its secret, across tenants (the caller runs as platform). */
export function findLiveTokenByHash(tx: Tx, tokenHash: string) {
  return tx.selectFrom('api_tokens').select(['tenant_id', 'id', 'scopes', 'name', 'created_by'])
    .where('token_hash', '=', tokenHash).where('revoked_at', 'is', null).executeTakeFirst();
}

export async function touchApiToken(tx: Tx, tenantId: string, id: string, at: Date) {
  await tx.updateTable('api_tokens').set({ last_used_at: at }).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}
