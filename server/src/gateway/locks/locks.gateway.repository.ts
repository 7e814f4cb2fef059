// SQL of the lock gateway: who a connecting lock is, its whitelist (full or since a version),
// the events it reports, and when it was last seen (written in batches, see seen.ts).
import { sql } from 'kysely';
import type { Tx } from '../../db/scope.ts';
import type { LockEventKind } from '../../db/schema.ts';
import type { WhitelistEntry } from './messages.ts';

export interface HardwareRow {
  serial: string;
  secret_hash: string;
  tenant_id: string | null;
  lock_id: string | null;
  country: string | null;
  whitelist_version: number | null;
  removed_at: Date | null;
}

/** The hardware rows of these serials with their current registration, as the platform (one query for many). */
export async function findHardware(tx: Tx, serials: readonly string[]): Promise<HardwareRow[]> {
  const rows = await tx.selectFrom('lock_hardware as h')
    .leftJoin('tenants as t', 't.id', 'h.tenant_id')
    .leftJoin('locks as l', (join) => join.onRef('l.tenant_id', '=', 'h.tenant_id').onRef('l.id', '=', 'h.lock_id'))
    .select(['h.serial', 'h.secret_hash', 'h.tenant_id', 'h.lock_id', 't.country', 'l.whitelist_version', 'l.removed_at'])
    .where('h.serial', 'in', serials)
    .execute();
  return rows.map((r) => ({ ...r, whitelist_version: r.whitelist_version === null ? null : Number(r.whitelist_version) }));
}

/** The lock's whitelist version, and whether it is still registered (not removed). */
export async function lockState(tx: Tx, tenantId: string, lockId: string): Promise<{ version: number; registered: boolean } | undefined> {
  const row = await tx.selectFrom('locks').select(['whitelist_version', 'removed_at'])
    .where('tenant_id', '=', tenantId).where('id', '=', lockId).executeTakeFirst();
  return row && { version: Number(row.whitelist_version), registered: row.removed_at === null };
}

/** Keys that open something (organisation keys have no medium and are never sent), changed after `since` or all active ones. */
export async function whitelistKeys(tx: Tx, tenantId: string, lockId: string, since: number | null) {
  let query = tx.selectFrom('lock_keys')
    .select(['id', 'medium', 'identifier', 'pin_hash', 'valid_from', 'valid_until', 'weekdays', 'minutes_from', 'minutes_until', 'revoked_at'])
    .where('tenant_id', '=', tenantId).where('lock_id', '=', lockId).where('medium', 'is not', null);
  query = since === null ? query.where('revoked_at', 'is', null) : query.where('version', '>', since);
  const rows = await query.orderBy('version').orderBy('id').execute();
  const keys: WhitelistEntry[] = [];
  const removed: string[] = [];
  for (const r of rows) {
    if (r.revoked_at !== null) { removed.push(r.id); continue; }
    keys.push({
      key: r.id, medium: r.medium!,
      ...(r.identifier !== null && { identifier: r.identifier }),
      ...(r.pin_hash !== null && { pinHash: r.pin_hash }),
      ...(r.valid_from !== null && { validFrom: r.valid_from.toISOString() }),
      ...(r.valid_until !== null && { validUntil: r.valid_until.toISOString() }),
      weekdays: r.weekdays,
      ...(r.minutes_from !== null && { minutesFrom: r.minutes_from, minutesUntil: r.minutes_until! }),
    });
  }
  return { keys, removed };
}

/** Of these key ids, the ones that are keys of this lock, with their pseudonyms. */
export async function keysOfLock(tx: Tx, tenantId: string, lockId: string, keyIds: readonly string[]): Promise<Map<string, string>> {
  if (keyIds.length === 0) return new Map();
  const rows = await tx.selectFrom('lock_keys').select(['id', 'pseudonym'])
    .where('tenant_id', '=', tenantId).where('lock_id', '=', lockId).where('id', 'in', keyIds).execute();
  return new Map(rows.map((r) => [r.id, r.pseudonym]));
}

export interface EventRow { device_event_id: string; at: Date; kind: LockEventKind; key_id: string | null; key_pseudonym: string | null; detail: string | null }

/** Stores what is new; an event already stored (same device id) is left as it is. */
export async function insertEvents(tx: Tx, tenantId: string, lockId: string, events: readonly EventRow[]): Promise<void> {
  await tx.insertInto('lock_events').values(events.map((e) => ({ tenant_id: tenantId, lock_id: lockId, ...e })))
    .onConflict((oc) => oc.columns(['tenant_id', 'lock_id', 'device_event_id']).doNothing()).execute();
}

/** The latest battery warning and tamper alarm the lock reported. */
export async function markAlarms(tx: Tx, tenantId: string, lockId: string, alarms: { batteryLowAt: Date | null; tamperAt: Date | null }): Promise<void> {
  await tx.updateTable('locks').set({
    ...(alarms.batteryLowAt && { battery_low_at: sql<Date>`GREATEST(battery_low_at, ${alarms.batteryLowAt}::timestamptz)` }),
    ...(alarms.tamperAt && { tamper_at: sql<Date>`GREATEST(tamper_at, ${alarms.tamperAt}::timestamptz)` }),
  }).where('tenant_id', '=', tenantId).where('id', '=', lockId).execute();
}

export interface Seen { tenantId: string; lockId: string; at: Date; syncedVersion: number | null }

/** Last seen times (and synced versions) of many locks in one statement, as the platform. */
export async function writeSeen(tx: Tx, seen: readonly Seen[]): Promise<void> {
  if (seen.length === 0) return;
  const values = sql.join(seen.map((s) => sql`(${s.tenantId}::uuid, ${s.lockId}::uuid, ${s.at.toISOString()}::timestamptz, ${s.syncedVersion}::bigint)`));
  await sql`UPDATE locks SET last_seen_at = GREATEST(locks.last_seen_at, v.at), synced_version = COALESCE(v.version, locks.synced_version)
    FROM (VALUES ${values}) AS v(tenant_id, id, at, version)
    WHERE locks.tenant_id = v.tenant_id AND locks.id = v.id`.execute(tx);
}
