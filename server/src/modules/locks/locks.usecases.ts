// Locks and their digital keys (seed 002, docs/locks.md). The licence rules live in
// locks.licence.ts; here they are applied to what the database holds, under the lock's row lock,
// so two people issuing the last purchased key at once cannot both get it.
import { randomBytes } from 'node:crypto';
import type { Static } from 'typebox';
import type { Deps } from '../../deps.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { asPlatform, inTenant, type Tx } from '../../db/scope.ts';
import { forbidden } from '../../errors.ts';
import type { Actor, TenantActor } from '../../http/actor.ts';
import { requireAccess } from '../access/access.ts';
import { recordAudit, recordAuditFor } from '../audit/audit.repository.ts';
import { credentialNotFound } from '../credentials/credentials.errors.ts';
import { normalizeUid } from '../credentials/credentials.tags.ts';
import { partyNotFound } from '../parties/parties.errors.ts';
import { unitNotFound } from '../units/units.errors.ts';
import { lockErrors } from './locks.errors.ts';
import { firstLicence, issueKey as issueUnderLicence, requireFullManagement, sharingActive } from './locks.licence.ts';
import { canManageKeys, canSeeLocks, isLockOwner, lockRight, type LockRight } from './locks.policies.ts';
import * as repo from './locks.repository.ts';
import { pinHash, sameSecret, secretHash } from './locks.secrets.ts';
import type { EventsQuery, EventSettingsInput, HardwareInput, KeyInput, KeysQuery, LockInput, LockUpdate } from './locks.schemas.ts';

/** The lock with the actor's right on it, or not found (another tenant's lock or one the actor may not see look the same). */
async function loadLock(tx: Tx, actor: TenantActor, lockId: string, now: Date, forUpdate = false): Promise<{ lock: repo.LockRow; right: LockRight }> {
  if (!canSeeLocks(actor)) throw forbidden();
  const lock = await repo.findLock(tx, actor.tenantId, lockId, forUpdate);
  if (!lock) throw lockErrors.notFound();
  const right = lockRight(actor, lock, await sharedWithActor(tx, actor, lock, now));
  if (!right) throw lockErrors.notFound();
  return { lock, right };
}

async function sharedWithActor(tx: Tx, actor: TenantActor, lock: repo.LockRow, now: Date): Promise<boolean> {
  if (actor.role !== 'lock_owner' || !actor.partyId || actor.partyId === lock.owner_party_id) return false;
  if (!sharingActive(repo.licenceOf(lock), now)) return false;
  const party = await repo.findParty(tx, actor.tenantId, actor.partyId);
  return party?.organisation_management_at != null && await repo.organisationHoldsKey(tx, actor.tenantId, lock.id, actor.partyId);
}

export async function listLocks(deps: Deps, actor: TenantActor, search?: string) {
  if (!canSeeLocks(actor)) throw forbidden();
  const now = deps.clock.now();
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    if (actor.role !== 'lock_owner') {
      const rows = await repo.listLocks(tx, actor.tenantId, { search });
      return rows.map((lock) => ({ lock, right: lockRight(actor, lock, false)! }));
    }
    const party = actor.partyId ? await repo.findParty(tx, actor.tenantId, actor.partyId) : undefined;
    if (!party) return [];
    const owned = await repo.listLocks(tx, actor.tenantId, { ownerPartyId: party.id, search });
    const shared = party.organisation_management_at ? await repo.listLocks(tx, actor.tenantId, { sharedWith: { partyId: party.id, now }, search }) : [];
    return [...owned.map((lock) => ({ lock, right: 'owner' as const })), ...shared.map((lock) => ({ lock, right: 'shared' as const }))];
  });
}

export function getLock(deps: Deps, actor: TenantActor, lockId: string) {
  return inTenant(deps.db, actor.tenantId, (tx) => loadLock(tx, actor, lockId, deps.clock.now()));
}

/** The party a lock is registered for: the lock owner's own, or one the manager's admin names. */
async function owningParty(tx: Tx, actor: TenantActor, ownerId: string | undefined) {
  const partyId = actor.role === 'lock_owner' ? actor.partyId : actor.role === 'manager_admin' ? ownerId : undefined;
  if (actor.role !== 'lock_owner' && actor.role !== 'manager_admin') throw forbidden();
  if (!partyId) throw lockErrors.notLockOwner();
  const party = await repo.findParty(tx, actor.tenantId, partyId);
  if (!party) throw partyNotFound();
  return party;
}

/** Where a lock is placed: the manager's admin always may; a lock owner once building management is on. */
async function placement(tx: Tx, actor: TenantActor, party: { building_management_at: Date | null }, siteId: string | null | undefined, unitId: string | null | undefined) {
  if (siteId === undefined && unitId === undefined) return {};
  if ((siteId || unitId) && actor.role !== 'manager_admin' && !party.building_management_at) throw lockErrors.buildingManagementOff();
  if (unitId && !siteId) throw lockErrors.unitNeedsSite();
  if (siteId) await requireAccess(tx, actor, 'site', [siteId]);
  if (unitId) {
    const unit = await repo.findUnitSite(tx, actor.tenantId, unitId);
    if (!unit) throw unitNotFound();
    if (unit.site_id !== siteId) throw lockErrors.unitNeedsSite();
  }
  return { site_id: siteId ?? null, unit_id: unitId ?? null };
}

/**
 * Registers a lock for its owner. The registry knows every lock made and checks the secret on
 * its label. A lock seen for the first time gets three months of full management; one that was
 * registered before gets back the licence it had, end dates and keys bought included.
 */
export function registerLock(deps: Deps, actor: TenantActor, input: Static<typeof LockInput>) {
  const now = deps.clock.now();
  const serial = input.serial.toUpperCase();
  return asPlatform(deps.db, async (tx) => {
    const party = await owningParty(tx, actor, input.ownerId);
    const place = await placement(tx, actor, party, input.siteId, input.unitId);
    const hardware = await repo.findHardware(tx, serial);
    if (!hardware || !sameSecret(input.secret, hardware.secret_hash)) throw lockErrors.unknownSerial();
    if (hardware.tenant_id) throw lockErrors.alreadyRegistered();
    const first = hardware.first_registered_at === null;
    const licence = first ? firstLicence(now) : repo.licenceOf({ ...hardware, free_until: hardware.free_until! });
    const lockId = await repo.insertLock(tx, {
      tenant_id: actor.tenantId, serial, name: input.name, owner_party_id: party.id, site_id: place.site_id ?? null, unit_id: place.unit_id ?? null,
      registered_at: now, registered_by: actor.userId,
    }, licence).catch((error: unknown) => { throw isUniqueViolation(error) ? lockErrors.alreadyRegistered() : error; });
    await repo.saveHardwareLicence(tx, serial, licence, { tenantId: actor.tenantId, lockId }, first ? now : undefined);
    await recordAuditFor(tx, actor.tenantId, actor, { action: first ? 'lock.registered' : 'lock.registered_again', entityType: 'lock', entityId: lockId,
      after: { serial, name: input.name, ownerId: party.id, freeUntil: licence.freeUntil, managedUntil: licence.managedUntil } });
    return { lock: (await repo.findLock(tx, actor.tenantId, lockId))!, right: 'owner' as const };
  });
}

export function updateLock(deps: Deps, actor: TenantActor, lockId: string, input: Static<typeof LockUpdate>) {
  const now = deps.clock.now();
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    const { lock, right } = await loadLock(tx, actor, lockId, now, true);
    if (right !== 'owner') throw forbidden();
    requireFullManagement(repo.licenceOf(lock), now);
    const party = (await repo.findParty(tx, actor.tenantId, lock.owner_party_id))!;
    const place = await placement(tx, actor, party, input.siteId, input.unitId);
    await repo.updateLock(tx, actor.tenantId, lockId, { ...(input.name !== undefined && { name: input.name }), ...place });
    const after = (await repo.findLock(tx, actor.tenantId, lockId))!;
    await recordAudit(tx, actor, { action: 'lock.updated', entityType: 'lock', entityId: lockId,
      before: { name: lock.name, siteId: lock.site_id, unitId: lock.unit_id }, after: { name: after.name, siteId: after.site_id, unitId: after.unit_id } });
    return { lock: after, right };
  });
}

/**
 * Removes a lock from the platform: its keys are revoked (the lock learns it at its next sync),
 * its event log stays, and the registry keeps its licence for the next registration.
 */
export function removeLock(deps: Deps, actor: TenantActor, lockId: string) {
  const now = deps.clock.now();
  return asPlatform(deps.db, async (tx) => {
    const lock = await repo.findLock(tx, actor.tenantId, lockId, true);
    if (!lock || !canSeeLocks(actor)) throw lockErrors.notFound();
    if (!isLockOwner(actor, lock)) throw actor.role === 'manager_staff' ? forbidden() : lockErrors.notFound();
    const version = await repo.nextWhitelistVersion(tx, actor.tenantId, lockId);
    const revoked = await repo.revokeAllKeys(tx, actor.tenantId, lockId, now, actor.userId, version);
    await repo.markRemoved(tx, actor.tenantId, lockId, now);
    await repo.saveHardwareLicence(tx, lock.serial, repo.licenceOf(lock), null);
    await repo.announceWhitelist(tx, actor.tenantId, lockId, version);
    await recordAuditFor(tx, actor.tenantId, actor, { action: 'lock.removed', entityType: 'lock', entityId: lockId, before: { serial: lock.serial, name: lock.name }, after: { keysRevoked: revoked } });
  });
}

// Keys.

const PSEUDONYM_TRIES = 8;

async function newPseudonym(tx: Tx, tenantId: string): Promise<string> {
  const candidates = Array.from({ length: PSEUDONYM_TRIES }, () => randomBytes(3).toString('hex').toUpperCase());
  const taken = await repo.takenPseudonyms(tx, tenantId, candidates);
  const free = candidates.find((c) => !taken.has(c));
  if (!free) throw new Error('no free key pseudonym after several tries');
  return free;
}

function checkWindow(input: Static<typeof KeyInput>): void {
  if (input.validFrom && input.validUntil && new Date(input.validUntil) <= new Date(input.validFrom)) {
    throw lockErrors.badWindow('validUntil', 'The key must end after it starts');
  }
  const from = input.minutesFrom ?? null;
  const until = input.minutesUntil ?? null;
  if ((from === null) !== (until === null)) throw lockErrors.badWindow(from === null ? 'minutesFrom' : 'minutesUntil', 'Give both times of day, or neither');
  if (from !== null && until !== null && until <= from) throw lockErrors.badWindow('minutesUntil', 'The daily window must end after it starts');
}

/** What the key opens with, checked and normalised; `secret` is shown to the issuer once. */
async function keyMedium(tx: Tx, actor: TenantActor, serial: string, input: Static<typeof KeyInput>, personId: string | null) {
  const medium = input.medium!;
  if (medium === 'pin') {
    if (!input.pin) throw lockErrors.badPin();
    return { medium, identifier: null, pin_hash: pinHash(serial, input.pin), credential_id: null, secret: input.pin };
  }
  if (medium === 'phone') {
    const token = randomBytes(16).toString('hex');
    return { medium, identifier: token, pin_hash: null, credential_id: null, secret: token };
  }
  if (input.credentialId) {
    if (!personId) throw lockErrors.badCredential();
    const credential = await repo.findPersonCredential(tx, actor.tenantId, personId, input.credentialId);
    if (!credential) throw credentialNotFound();
    if (credential.type !== medium || !credential.id_tag || credential.status !== 'active') throw lockErrors.badCredential();
    return { medium, identifier: credential.id_tag, pin_hash: null, credential_id: credential.id, secret: null };
  }
  if (!input.identifier) throw lockErrors.missingIdentifier();
  const identifier = medium === 'rfid' ? normalizeUid(input.identifier, 'identifier') : input.identifier.trim().toUpperCase();
  return { medium, identifier, pin_hash: null, credential_id: null, secret: null };
}

export function issueKey(deps: Deps, actor: TenantActor, lockId: string, input: Static<typeof KeyInput>) {
  const now = deps.clock.now();
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    const { lock, right } = await loadLock(tx, actor, lockId, now, true);
    if (!canManageKeys(right)) throw forbidden();
    const forOrganisation = input.organisationId !== undefined;
    if (forOrganisation && right !== 'owner') throw forbidden();
    checkWindow(input);
    if (input.personId && actor.role === 'lock_owner') throw forbidden();
    if (input.personId) await requireAccess(tx, actor, 'person', [input.personId]);

    let holderName = input.holderName;
    let medium: Awaited<ReturnType<typeof keyMedium>> | null = null;
    if (forOrganisation) {
      // The lock's licence speaks first: no organisation can be chosen while sharing is off.
      requireFullManagement(repo.licenceOf(lock), now);
      if (!sharingActive(repo.licenceOf(lock), now)) throw lockErrors.sharingInactive();
      const organisation = await repo.findParty(tx, actor.tenantId, input.organisationId!);
      if (!organisation) throw partyNotFound();
      if (organisation.kind !== 'organisation' || !organisation.organisation_management_at || organisation.id === lock.owner_party_id) {
        throw lockErrors.notOrganisation();
      }
      if (input.medium) throw lockErrors.organisationMedium();
      if (await repo.organisationHoldsKey(tx, actor.tenantId, lockId, organisation.id)) throw lockErrors.organisationHasKey();
      holderName = organisation.name;
    } else {
      if (!input.medium) throw lockErrors.missingMedium();
      if (!holderName && input.personId) holderName = await repo.personName(tx, actor.tenantId, input.personId);
      if (!holderName) throw lockErrors.missingHolder();
      medium = await keyMedium(tx, actor, lock.serial, input, input.personId ?? null);
    }

    const licence = issueUnderLicence(repo.licenceOf(lock), now, lock.active_keys, forOrganisation);
    // Organisation keys open nothing, so the lock's whitelist does not change for them.
    const version = medium ? await repo.nextWhitelistVersion(tx, actor.tenantId, lockId) : Number(lock.whitelist_version);
    const keyId = await repo.insertKey(tx, {
      tenant_id: actor.tenantId, lock_id: lockId, holder_name: holderName!, person_id: input.personId ?? null,
      organisation_id: input.organisationId ?? null, medium: medium?.medium ?? null, identifier: medium?.identifier ?? null,
      pin_hash: medium?.pin_hash ?? null, credential_id: medium?.credential_id ?? null,
      valid_from: input.validFrom ?? null, valid_until: input.validUntil ?? null, weekdays: input.weekdays ?? 127,
      minutes_from: input.minutesFrom ?? null, minutes_until: input.minutesUntil ?? null,
      issued_at: now, issued_by: actor.userId, version, pseudonym: await newPseudonym(tx, actor.tenantId),
    }).catch((error: unknown) => {
      if (!isUniqueViolation(error)) throw error;
      throw medium?.medium === 'pin' ? lockErrors.pinTaken() : forOrganisation ? lockErrors.organisationHasKey() : lockErrors.duplicateIdentifier();
    });
    await repo.saveLockLicence(tx, actor.tenantId, lockId, licence);
    if (medium) await repo.announceWhitelist(tx, actor.tenantId, lockId, version);
    const key = (await repo.findKey(tx, actor.tenantId, lockId, keyId))!;
    await recordAudit(tx, actor, { action: 'lock_key.issued', entityType: 'lock', entityId: lockId,
      after: { keyId, holderName, medium: key.medium, organisationId: key.organisation_id, validFrom: key.valid_from, validUntil: key.valid_until } });
    return { key, secret: medium?.secret ?? null, lock: (await repo.findLock(tx, actor.tenantId, lockId))!, right };
  });
}

/** Revoking is what a lapsed licence still allows; the slot comes back only with the next management code. */
export function revokeKey(deps: Deps, actor: TenantActor, lockId: string, keyId: string) {
  const now = deps.clock.now();
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    const { right } = await loadLock(tx, actor, lockId, now, true);
    if (!canManageKeys(right)) throw forbidden();
    const key = await repo.findKey(tx, actor.tenantId, lockId, keyId);
    if (!key) throw lockErrors.keyNotFound();
    if (key.organisation_id && right !== 'owner') throw forbidden();
    if (key.revoked_at) throw lockErrors.alreadyRevoked();
    const version = key.medium ? await repo.nextWhitelistVersion(tx, actor.tenantId, lockId) : Number(key.version);
    await repo.revokeKey(tx, actor.tenantId, keyId, now, actor.userId, version);
    if (key.medium) await repo.announceWhitelist(tx, actor.tenantId, lockId, version);
    await recordAudit(tx, actor, { action: 'lock_key.revoked', entityType: 'lock', entityId: lockId, before: { keyId, holderName: key.holder_name, medium: key.medium } });
    return (await repo.findKey(tx, actor.tenantId, lockId, keyId))!;
  });
}

export function listKeys(deps: Deps, actor: TenantActor, lockId: string, query: Static<typeof KeysQuery>) {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 50;
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    await loadLock(tx, actor, lockId, deps.clock.now());
    const { rows, total } = await repo.listKeys(tx, actor.tenantId, lockId, { status: query.status, search: query.search?.trim() || undefined, limit: pageSize, offset: (page - 1) * pageSize });
    return { rows, total, page, pageSize };
  });
}

export function listEvents(deps: Deps, actor: TenantActor, lockId: string, query: Static<typeof EventsQuery>) {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 50;
  const kinds = query.kind === undefined ? undefined : Array.isArray(query.kind) ? query.kind : [query.kind];
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    await loadLock(tx, actor, lockId, deps.clock.now());
    const { rows, total } = await repo.listEvents(tx, actor.tenantId, lockId, {
      kinds, keyId: query.keyId, from: query.from ? new Date(query.from) : undefined, to: query.to ? new Date(query.to) : undefined,
      limit: pageSize, offset: (page - 1) * pageSize,
    });
    return { rows, total, page, pageSize };
  });
}

// The lock owner's account.

function accountParty(actor: TenantActor, partyId: string | undefined): string {
  if (actor.role === 'lock_owner' && actor.partyId) return actor.partyId;
  if (actor.role === 'manager_admin' && partyId) return partyId;
  throw forbidden();
}

export function getAccount(deps: Deps, actor: TenantActor) {
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    const party = await repo.findParty(tx, actor.tenantId, accountParty(actor, undefined));
    if (!party) throw forbidden();
    return party;
  });
}

/** Building management is switched on in the portal, free of charge, and stays on. */
export function activateBuildingManagement(deps: Deps, actor: TenantActor, partyId?: string) {
  const now = deps.clock.now();
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    const id = accountParty(actor, partyId);
    const before = await repo.findParty(tx, actor.tenantId, id);
    if (!before) throw partyNotFound();
    await repo.setBuildingManagement(tx, actor.tenantId, id, now);
    const after = (await repo.findParty(tx, actor.tenantId, id))!;
    if (!before.building_management_at) {
      await recordAudit(tx, actor, { action: 'party.building_management', entityType: 'party', entityId: id, after: { buildingManagementAt: after.building_management_at } });
    }
    return after;
  });
}

/** The organisations a key may share a lock with, for the owner's chooser (name and id only). */
export function listSharingOrganisations(deps: Deps, actor: TenantActor) {
  if (actor.role !== 'lock_owner' && actor.role !== 'manager_admin') throw forbidden();
  return inTenant(deps.db, actor.tenantId, (tx) => repo.listManagingOrganisations(tx, actor.tenantId));
}

/** Where the actor may place locks: the admin always, a lock owner once building management is on. */
export function listPlaces(deps: Deps, actor: TenantActor) {
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    const party = actor.role === 'lock_owner' && actor.partyId ? await repo.findParty(tx, actor.tenantId, actor.partyId) : undefined;
    if (actor.role !== 'manager_admin' && !party?.building_management_at) throw forbidden();
    return repo.listPlaces(tx, actor.tenantId);
  });
}

// The event log's settings.

export function getEventSettings(deps: Deps, actor: TenantActor) {
  if (actor.role !== 'manager_admin' && actor.role !== 'manager_staff') throw forbidden();
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    const row = await repo.eventSettings(tx, actor.tenantId);
    return row ? { retentionDays: row.lock_event_retention_days, pseudonymiseDays: row.lock_event_pseudonymise_days } : repo.EVENT_DEFAULTS;
  });
}

export function saveEventSettings(deps: Deps, actor: TenantActor, input: Static<typeof EventSettingsInput>) {
  if (actor.role !== 'manager_admin') throw forbidden();
  if (input.pseudonymiseDays > input.retentionDays) throw lockErrors.pseudonymiseAfterRetention();
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    await repo.saveEventSettings(tx, actor.tenantId, input);
    await recordAudit(tx, actor, { action: 'lock_events.settings', entityType: 'tenant', entityId: actor.tenantId, after: input });
    return input;
  });
}

/** Worker: forgets old events and the keys named in old events at residential units. */
export function pruneLockEvents(deps: Deps) {
  return asPlatform(deps.db, (tx) => repo.pruneEvents(tx, deps.clock.now()));
}

// The operator's lock stock: every lock made, with the secret printed on it.

export function addHardware(deps: Deps, actor: Actor, input: Static<typeof HardwareInput>) {
  if (actor.platformRole !== 'operator_admin') throw forbidden();
  const rows = input.locks.map((l) => ({ serial: l.serial.toUpperCase(), secret_hash: secretHash(l.secret), model: l.model ?? null }));
  return asPlatform(deps.db, async (tx) => ({ added: await repo.insertHardware(tx, rows), given: rows.length }));
}

export function listHardware(deps: Deps, actor: Actor) {
  if (actor.platformRole !== 'operator_admin') throw forbidden();
  return asPlatform(deps.db, (tx) => repo.listHardware(tx, 500));
}
