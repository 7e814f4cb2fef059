// SQL of credentials, their history and the device-list change log. Every function takes the tenant.
import { sql, type Insertable, type Selectable } from 'kysely';
import type { Tx } from '../../db/scope.ts';
import type { CredentialEventsTable, CredentialsTable, CredentialStatus, ListedStatus } from '../../db/schema.ts';
import { credentialNotFound } from './credentials.errors.ts';
import { nextCounter } from '../../db/counters.ts';
import { notify, type Channel } from '../../db/notifications.ts';

export type CredentialRow = Selectable<CredentialsTable>;

/** The channel every process listens on; the payload is `tenantId:idTag`. */
export const CREDENTIALS_CHANNEL: Channel = 'credentials';

export async function lockCredential(tx: Tx, tenantId: string, id: string): Promise<CredentialRow> {
  const row = await tx.selectFrom('credentials').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row) throw credentialNotFound();
  return row;
}

export function findCredential(tx: Tx, tenantId: string, id: string) {
  return tx.selectFrom('credentials').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export function findByTag(tx: Tx, tenantId: string, idTag: string) {
  return tx.selectFrom('credentials').selectAll().where('tenant_id', '=', tenantId).where('id_tag', '=', idTag).executeTakeFirst();
}

export function insertCredential(tx: Tx, row: Insertable<CredentialsTable>) {
  return tx.insertInto('credentials').values(row).returningAll().executeTakeFirstOrThrow();
}

export function setStatus(tx: Tx, tenantId: string, id: string, status: CredentialStatus, now: Date) {
  return tx.updateTable('credentials').set({ status, status_changed_at: now })
    .where('tenant_id', '=', tenantId).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function insertEvent(tx: Tx, event: Insertable<CredentialEventsTable>) {
  await tx.insertInto('credential_events').values(event).execute();
}

export function history(tx: Tx, tenantId: string, credentialId: string) {
  return tx.selectFrom('credential_events').selectAll().where('tenant_id', '=', tenantId).where('credential_id', '=', credentialId).orderBy('id').execute();
}

/** Appends to the device lists' change log under the next list version of the tenant. */
export async function appendListChange(tx: Tx, tenantId: string, change: {
  credential_id: string; id_tag: string; status: ListedStatus | null; expires_at: Date | null; at: Date;
}): Promise<number> {
  const version = await nextCounter(tx, tenantId, 'credential_list', 1);
  await tx.insertInto('credential_list_changes').values({ tenant_id: tenantId, version, ...change }).execute();
  return version;
}

/** Tells every process (at commit) that what it knows about this tag is stale. */
export async function announce(tx: Tx, tenantId: string, idTag: string): Promise<void> {
  await notify(tx, CREDENTIALS_CHANNEL, `${tenantId}:${idTag}`);
}
