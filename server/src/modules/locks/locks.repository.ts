// SQL of the locks module. Tenant tables take the tenant; the lock registry (lock_hardware) is
// the platform's and is only reached inside asPlatform transactions.
import { sql, type Insertable } from 'kysely';
import type { Tx } from '../../db/scope.ts';
import { notify } from '../../db/notifications.ts';
import type { LockKeysTable, LocksTable } from '../../db/schema.ts';
import type { Licence } from './locks.licence.ts';

const lockColumns = ['locks.id', 'locks.serial', 'locks.name', 'locks.owner_party_id', 'locks.site_id', 'locks.unit_id', 'locks.registered_at',
  'locks.free_until', 'locks.managed_until', 'locks.org_option_until', 'locks.purchased_keys', 'locks.key_slots_used', 'locks.whitelist_version',
  'locks.last_seen_at', 'locks.synced_version', 'locks.battery_low_at', 'locks.tamper_at'] as const;

export type LockRow = Awaited<ReturnType<typeof findLock>> & object;

export function licenceOf(row: { free_until: Date; managed_until: Date | null; org_option_until: Date | null; purchased_keys: number; key_slots_used: number }): Licence {
  return { freeUntil: row.free_until, managedUntil: row.managed_until, orgOptionUntil: row.org_option_until, purchasedKeys: row.purchased_keys, keySlotsUsed: row.key_slots_used };
}

const licenceColumns = (l: Licence) => ({
  free_until: l.freeUntil, managed_until: l.managedUntil, org_option_until: l.orgOptionUntil, purchased_keys: l.purchasedKeys, key_slots_used: l.keySlotsUsed,
});

function locksWithNames(tx: Tx, tenantId: string) {
  return tx.selectFrom('locks')
    .innerJoin('parties as owner', (j) => j.onRef('owner.tenant_id', '=', 'locks.tenant_id').onRef('owner.id', '=', 'locks.owner_party_id'))
    .leftJoin('sites', (j) => j.onRef('sites.tenant_id', '=', 'locks.tenant_id').onRef('sites.id', '=', 'locks.site_id'))
    .leftJoin('units', (j) => j.onRef('units.tenant_id', '=', 'locks.tenant_id').onRef('units.id', '=', 'locks.unit_id'))
    .select(lockColumns)
    .select(['owner.name as owner_name', 'sites.name as site_name', 'units.label as unit_label'])
    .select((eb) => eb.selectFrom('lock_keys').select(eb.fn.countAll<number>().as('n'))
      .whereRef('lock_keys.tenant_id', '=', 'locks.tenant_id').whereRef('lock_keys.lock_id', '=', 'locks.id').where('lock_keys.revoked_at', 'is', null)
      .as('active_keys'))
    .where('locks.tenant_id', '=', tenantId)
    .where('locks.removed_at', 'is', null);
}

export async function findLock(tx: Tx, tenantId: string, id: string, forUpdate = false) {
  if (forUpdate) await tx.selectFrom('locks').select('id').where('tenant_id', '=', tenantId).where('id', '=', id).forUpdate().execute();
  const row = await locksWithNames(tx, tenantId).where('locks.id', '=', id).executeTakeFirst();
  return row ? { ...row, active_keys: Number(row.active_keys) } : undefined;
}

/** Registered locks the filter lets through: all of the tenant, an owner's, or those shared with an organisation now. */
export async function listLocks(tx: Tx, tenantId: string, filter: { ownerPartyId?: string; sharedWith?: { partyId: string; now: Date }; search?: string }) {
  let query = locksWithNames(tx, tenantId);
  if (filter.ownerPartyId) query = query.where('locks.owner_party_id', '=', filter.ownerPartyId);
  if (filter.sharedWith) {
    const { partyId, now } = filter.sharedWith;
    query = query.where('locks.managed_until', '>', now).where('locks.org_option_until', '>', now)
      .where((eb) => eb.exists(eb.selectFrom('lock_keys').select('lock_keys.id')
        .whereRef('lock_keys.tenant_id', '=', 'locks.tenant_id').whereRef('lock_keys.lock_id', '=', 'locks.id')
        .where('lock_keys.organisation_id', '=', partyId).where('lock_keys.revoked_at', 'is', null)));
  }
  if (filter.search) {
    const like = `%${filter.search.replace(/[\\%_]/g, '\\$&')}%`;
    query = query.where((eb) => eb.or([eb('locks.name', 'ilike', like), eb('locks.serial', 'ilike', like)]));
  }
  const rows = await query.orderBy('locks.name').orderBy('locks.serial').execute();
  return rows.map((r) => ({ ...r, active_keys: Number(r.active_keys) }));
}

/** Whether an organisation holds an active key of the lock (shared management, if the lock's option runs). */
export async function organisationHoldsKey(tx: Tx, tenantId: string, lockId: string, partyId: string): Promise<boolean> {
  const row = await tx.selectFrom('lock_keys').select('id').where('tenant_id', '=', tenantId).where('lock_id', '=', lockId)
    .where('organisation_id', '=', partyId).where('revoked_at', 'is', null).executeTakeFirst();
  return row !== undefined;
}

export function findParty(tx: Tx, tenantId: string, id: string) {
  return tx.selectFrom('parties').select(['id', 'kind', 'name', 'building_management_at', 'organisation_management_at'])
    .where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

/** Organisations that may share a lock's management: those with organisation management. */
export function listManagingOrganisations(tx: Tx, tenantId: string) {
  return tx.selectFrom('parties').select(['id', 'name']).where('tenant_id', '=', tenantId).where('kind', '=', 'organisation')
    .where('organisation_management_at', 'is not', null).orderBy('name').execute();
}

/** The tenant's sites and units, by name only: where a lock may be placed. */
export async function listPlaces(tx: Tx, tenantId: string) {
  const sites = await tx.selectFrom('sites').select(['id', 'name']).where('tenant_id', '=', tenantId).orderBy('name').execute();
  const units = await tx.selectFrom('units').select(['id', 'site_id', 'label']).where('tenant_id', '=', tenantId).orderBy('label').execute();
  return sites.map((site) => ({ ...site, units: units.filter((u) => u.site_id === site.id).map((u) => ({ id: u.id, label: u.label })) }));
}

export async function setBuildingManagement(tx: Tx, tenantId: string, partyId: string, at: Date): Promise<void> {
  await tx.updateTable('parties').set({ building_management_at: at }).where('tenant_id', '=', tenantId).where('id', '=', partyId)
    .where('building_management_at', 'is', null).execute();
}

export function findUnitSite(tx: Tx, tenantId: string, unitId: string) {
  return tx.selectFrom('units').select(['id', 'site_id']).where('tenant_id', '=', tenantId).where('id', '=', unitId).executeTakeFirst();
}

export function findPersonCredential(tx: Tx, tenantId: string, personId: string, credentialId: string) {
  return tx.selectFrom('credentials').select(['id', 'type', 'id_tag', 'status'])
    .where('tenant_id', '=', tenantId).where('id', '=', credentialId).where('person_id', '=', personId).executeTakeFirst();
}

export async function personName(tx: Tx, tenantId: string, personId: string): Promise<string> {
  const person = await tx.selectFrom('people').select(['first_name', 'last_name']).where('tenant_id', '=', tenantId).where('id', '=', personId).executeTakeFirstOrThrow();
  return `${person.first_name} ${person.last_name}`.trim();
}

// The platform's registry.

/** The lock made with this serial, locked for the registration that follows. */
export function findHardware(tx: Tx, serial: string) {
  return tx.selectFrom('lock_hardware').selectAll().where('serial', '=', serial).forUpdate().executeTakeFirst();
}

export async function insertHardware(tx: Tx, rows: { serial: string; secret_hash: string; model: string | null }[]): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await tx.insertInto('lock_hardware').values(rows).onConflict((oc) => oc.column('serial').doNothing()).returning('serial').execute();
  return inserted.length;
}

export async function listHardware(tx: Tx, limit: number) {
  return tx.selectFrom('lock_hardware').leftJoin('tenants', 'tenants.id', 'lock_hardware.tenant_id')
    .select(['lock_hardware.serial', 'lock_hardware.model', 'lock_hardware.first_registered_at', 'lock_hardware.free_until', 'lock_hardware.managed_until',
      'lock_hardware.created_at', 'tenants.name as tenant_name'])
    .orderBy('lock_hardware.created_at', 'desc').orderBy('lock_hardware.serial').limit(limit).execute();
}

/** The registry remembers the licence and who holds the lock now. */
export async function saveHardwareLicence(tx: Tx, serial: string, licence: Licence, holder: { tenantId: string; lockId: string } | null, firstRegisteredAt?: Date): Promise<void> {
  await tx.updateTable('lock_hardware').set({
    ...licenceColumns(licence), tenant_id: holder?.tenantId ?? null, lock_id: holder?.lockId ?? null,
    ...(firstRegisteredAt && { first_registered_at: firstRegisteredAt }),
  }).where('serial', '=', serial).execute();
}

export async function insertLock(tx: Tx, lock: Omit<Insertable<LocksTable>, 'free_until' | 'managed_until' | 'org_option_until' | 'purchased_keys' | 'key_slots_used'>, licence: Licence): Promise<string> {
  const { id } = await tx.insertInto('locks').values({ ...lock, ...licenceColumns(licence) }).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateLock(tx: Tx, tenantId: string, id: string, changes: { name?: string; site_id?: string | null; unit_id?: string | null }): Promise<void> {
  if (Object.keys(changes).length === 0) return;
  await tx.updateTable('locks').set(changes).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

/** A redeemed code changes the licence where it is checked and where it is remembered across registrations. */
export async function saveLicenceEverywhere(tx: Tx, tenantId: string, lockId: string, serial: string, licence: Licence): Promise<void> {
  await saveLockLicence(tx, tenantId, lockId, licence);
  await tx.updateTable('lock_hardware').set(licenceColumns(licence)).where('serial', '=', serial).execute();
}

export async function saveLockLicence(tx: Tx, tenantId: string, id: string, licence: Licence): Promise<void> {
  await tx.updateTable('locks').set(licenceColumns(licence)).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

export async function markRemoved(tx: Tx, tenantId: string, id: string, at: Date): Promise<void> {
  await tx.updateTable('locks').set({ removed_at: at }).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

// Keys.

const keyColumns = ['lock_keys.id', 'lock_keys.lock_id', 'lock_keys.holder_name', 'lock_keys.person_id', 'lock_keys.organisation_id', 'lock_keys.medium',
  'lock_keys.identifier', 'lock_keys.valid_from', 'lock_keys.valid_until', 'lock_keys.weekdays', 'lock_keys.minutes_from', 'lock_keys.minutes_until',
  'lock_keys.issued_at', 'lock_keys.revoked_at', 'lock_keys.version', 'lock_keys.pseudonym'] as const;

export type KeyRow = Awaited<ReturnType<typeof findKey>> & object;

export function findKey(tx: Tx, tenantId: string, lockId: string, keyId: string) {
  return tx.selectFrom('lock_keys').select(keyColumns).where('tenant_id', '=', tenantId).where('lock_id', '=', lockId).where('id', '=', keyId).executeTakeFirst();
}

export interface KeyFilter {
  status?: 'active' | 'revoked';
  search?: string;
  limit: number;
  offset: number;
}

export async function listKeys(tx: Tx, tenantId: string, lockId: string, filter: KeyFilter) {
  let query = tx.selectFrom('lock_keys').where('tenant_id', '=', tenantId).where('lock_id', '=', lockId);
  if (filter.status === 'active') query = query.where('revoked_at', 'is', null);
  if (filter.status === 'revoked') query = query.where('revoked_at', 'is not', null);
  if (filter.search) {
    const like = `%${filter.search.replace(/[\\%_]/g, '\\$&')}%`;
    query = query.where((eb) => eb.or([eb('holder_name', 'ilike', like), eb('identifier', 'ilike', like)]));
  }
  const [rows, total] = await Promise.all([
    query.select(keyColumns).orderBy('revoked_at', (ob) => ob.desc().nullsFirst()).orderBy('holder_name').orderBy('id')
      .limit(filter.limit).offset(filter.offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** The next whitelist version of a lock, taken under the lock's row lock the caller holds. */
export async function nextWhitelistVersion(tx: Tx, tenantId: string, lockId: string): Promise<number> {
  const row = await tx.updateTable('locks').set((eb) => ({ whitelist_version: eb('whitelist_version', '+', 1) }))
    .where('tenant_id', '=', tenantId).where('id', '=', lockId).returning('whitelist_version').executeTakeFirstOrThrow();
  return Number(row.whitelist_version);
}

/** Tells connected locks (any gateway node) to fetch their whitelist, when the transaction commits. */
export async function announceWhitelist(tx: Tx, tenantId: string, lockId: string, version: number): Promise<void> {
  await notify(tx, 'lock_whitelists', `${tenantId}:${lockId}:${version}`);
}

export async function insertKey(tx: Tx, key: Insertable<LockKeysTable>): Promise<string> {
  const { id } = await tx.insertInto('lock_keys').values(key).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function revokeKey(tx: Tx, tenantId: string, keyId: string, at: Date, by: string | null, version: number): Promise<void> {
  await tx.updateTable('lock_keys').set({ revoked_at: at, revoked_by: by, version })
    .where('tenant_id', '=', tenantId).where('id', '=', keyId).where('revoked_at', 'is', null).execute();
}

/** Revokes every active key of a removed lock; returns how many. */
export async function revokeAllKeys(tx: Tx, tenantId: string, lockId: string, at: Date, by: string | null, version: number): Promise<number> {
  const rows = await tx.updateTable('lock_keys').set({ revoked_at: at, revoked_by: by, version })
    .where('tenant_id', '=', tenantId).where('lock_id', '=', lockId).where('revoked_at', 'is', null).returning('id').execute();
  return rows.length;
}

/** Which of these pseudonyms are taken in the tenant. */
export async function takenPseudonyms(tx: Tx, tenantId: string, candidates: string[]): Promise<Set<string>> {
  const rows = await tx.selectFrom('lock_keys').select('pseudonym').where('tenant_id', '=', tenantId).where('pseudonym', 'in', candidates).execute();
  return new Set(rows.map((r) => r.pseudonym));
}

// Events.

export interface EventFilter {
  kinds?: string[];
  keyId?: string;
  from?: Date;
  to?: Date;
  limit: number;
  offset: number;
}

export async function listEvents(tx: Tx, tenantId: string, lockId: string, filter: EventFilter) {
  let query = tx.selectFrom('lock_events')
    .leftJoin('lock_keys', (j) => j.onRef('lock_keys.tenant_id', '=', 'lock_events.tenant_id').onRef('lock_keys.id', '=', 'lock_events.key_id'))
    .where('lock_events.tenant_id', '=', tenantId).where('lock_events.lock_id', '=', lockId);
  if (filter.kinds?.length) query = query.where('lock_events.kind', 'in', filter.kinds as never[]);
  if (filter.keyId) query = query.where('lock_events.key_id', '=', filter.keyId);
  if (filter.from) query = query.where('lock_events.at', '>=', filter.from);
  if (filter.to) query = query.where('lock_events.at', '<', filter.to);
  const [rows, total] = await Promise.all([
    query.select(['lock_events.id', 'lock_events.at', 'lock_events.kind', 'lock_events.key_id', 'lock_events.key_pseudonym', 'lock_events.detail',
      'lock_keys.holder_name', 'lock_keys.medium'])
      .orderBy('lock_events.at', 'desc').orderBy('lock_events.id', 'desc').limit(filter.limit).offset(filter.offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export function eventSettings(tx: Tx, tenantId: string) {
  return tx.selectFrom('tenant_settings').select(['lock_event_retention_days', 'lock_event_pseudonymise_days'])
    .where('tenant_id', '=', tenantId).executeTakeFirst();
}

export async function saveEventSettings(tx: Tx, tenantId: string, settings: { retentionDays: number; pseudonymiseDays: number }): Promise<void> {
  await tx.insertInto('tenant_settings')
    .values({ tenant_id: tenantId, lock_event_retention_days: settings.retentionDays, lock_event_pseudonymise_days: settings.pseudonymiseDays })
    .onConflict((oc) => oc.column('tenant_id').doUpdateSet({ lock_event_retention_days: settings.retentionDays, lock_event_pseudonymise_days: settings.pseudonymiseDays }))
    .execute();
}

/** The column defaults of tenant_settings, for tenants that never saved theirs. */
export const EVENT_DEFAULTS = { retentionDays: 365, pseudonymiseDays: 30 };

/**
 * The worker's pass over every tenant (as the platform): events older than the tenant's
 * retention go; events of locks at residential units older than the pseudonymisation age lose
 * the key they name (its pseudonym stays). Returns what it did.
 */
export async function pruneEvents(tx: Tx, now: Date): Promise<{ deleted: number; pseudonymised: number }> {
  const retention = sql`make_interval(days => COALESCE((SELECT s.lock_event_retention_days FROM tenant_settings s WHERE s.tenant_id = e.tenant_id), ${EVENT_DEFAULTS.retentionDays}))`;
  const pseudonymise = sql`make_interval(days => COALESCE((SELECT s.lock_event_pseudonymise_days FROM tenant_settings s WHERE s.tenant_id = e.tenant_id), ${EVENT_DEFAULTS.pseudonymiseDays}))`;
  const deleted = await sql<{ n: number }>`
    WITH gone AS (DELETE FROM lock_events e WHERE e.at < ${now}::timestamptz - ${retention} RETURNING 1)
    SELECT count(*)::int AS n FROM gone`.execute(tx);
  const pseudonymised = await sql<{ n: number }>`
    WITH done AS (
      UPDATE lock_events e SET key_id = NULL, pseudonymised_at = ${now}
      FROM locks l
      WHERE l.tenant_id = e.tenant_id AND l.id = e.lock_id AND l.unit_id IS NOT NULL AND e.key_id IS NOT NULL
        AND e.at < ${now}::timestamptz - ${pseudonymise}
      RETURNING 1)
    SELECT count(*)::int AS n FROM done`.execute(tx);
  return { deleted: deleted.rows[0]!.n, pseudonymised: pseudonymised.rows[0]!.n };
}
