// Test setup for the authorisation: credentials written as the badge module would leave them
// (row, history, device-list change, NOTIFY), and a way to wait for a cache to hear of a change.
import { inTenant } from '../../db/scope.ts';
import type { Db } from '../../db/client.ts';
import type { CredentialOrigin, CredentialStatus } from '../../db/schema.ts';
import { recordChange } from '../credentials/credentials.lifecycle.ts';
import { insertCredential, type CredentialRow } from '../credentials/credentials.repository.ts';
import type { CredentialCache } from './authorization.cache.ts';

export interface BadgeSpec {
  idTag: string;
  personId: string;
  label?: string | null;
  status?: CredentialStatus;
  origin?: CredentialOrigin;
  validUntil?: Date | null;
  type?: 'rfid' | 'fob';
}

/** With `cache`, returns once that cache has heard of the new badge (PostgreSQL delivers NOTIFY a moment after commit). */
export async function addBadge(db: Db, tenantId: string, spec: BadgeSpec, cache?: CredentialCache): Promise<CredentialRow> {
  const heard = cache ? invalidationOf(cache, `${tenantId}:${spec.idTag}`) : null;
  const row = await inTenant(db, tenantId, async (tx) => {
    const now = new Date();
    const row = await insertCredential(tx, {
      tenant_id: tenantId, type: spec.type ?? 'rfid', id_tag: spec.idTag, technology: spec.type === 'fob' ? null : 'mifare_classic', label: spec.label ?? null, person_id: spec.personId,
      status: spec.status ?? 'active', origin: spec.origin ?? 'platform', valid_until: spec.validUntil ?? null, created_at: now, status_changed_at: now,
    });
    await recordChange(tx, row, null, { userId: null, actor: 'system', reason: 'test', now });
    return row;
  });
  await heard;
  return row;
}

/** Resolves when `cache` drops `tenantId:idTag` (or everything). Call before the change, await after its commit. */
export function invalidationOf(cache: CredentialCache, key: string, timeoutMs = 5_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { stop(); reject(new Error(`no invalidation of ${key} within ${timeoutMs} ms`)); }, timeoutMs);
    const stop = cache.onInvalidate((k) => {
      if (k === null || k === key || (k.endsWith(':*') && key.startsWith(k.slice(0, -1)))) {
        clearTimeout(timer);
        stop();
        resolve();
      }
    });
  });
}
