import type { LockRight } from './locks.policies.ts';
import { issuableKeys, KEY_LIMIT, managementAt, paidManagementActive, sharingActive } from './locks.licence.ts';
import { licenceOf, type KeyRow, type LockRow, type listEvents, type listHardware } from './locks.repository.ts';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function presentLock(lock: LockRow, right: LockRight, now: Date) {
  const licence = licenceOf(lock);
  const management = managementAt(licence, now);
  return {
    id: lock.id,
    serial: lock.serial,
    name: lock.name,
    owner: { id: lock.owner_party_id, name: lock.owner_name },
    site: lock.site_id ? { id: lock.site_id, name: lock.site_name ?? '' } : null,
    unit: lock.unit_id ? { id: lock.unit_id, label: lock.unit_label ?? '' } : null,
    registeredAt: iso(lock.registered_at)!,
    right,
    licence: {
      management,
      phase: management === 'revoke_only' ? 'lapsed' as const : paidManagementActive(licence, now) ? 'paid' as const : 'free' as const,
      freeUntil: iso(licence.freeUntil)!,
      managedUntil: iso(licence.managedUntil),
      orgOptionUntil: iso(licence.orgOptionUntil),
      sharing: sharingActive(licence, now),
      purchasedKeys: licence.purchasedKeys,
      keySlotsUsed: licence.keySlotsUsed,
      activeKeys: lock.active_keys,
      issuableKeys: management === 'full' ? issuableKeys(licence, lock.active_keys) : 0,
      keyLimit: KEY_LIMIT,
    },
    whitelistVersion: Number(lock.whitelist_version),
    syncedVersion: lock.synced_version === null ? null : Number(lock.synced_version),
    lastSeenAt: iso(lock.last_seen_at),
    batteryLowAt: iso(lock.battery_low_at),
    tamperAt: iso(lock.tamper_at),
  };
}

export function presentKey(key: KeyRow) {
  return {
    id: key.id,
    holderName: key.holder_name,
    personId: key.person_id,
    organisationId: key.organisation_id,
    medium: key.medium,
    // A PIN is never shown again; tags, remotes and phones are named by their identifier.
    identifier: key.medium === 'pin' ? null : key.identifier,
    validFrom: iso(key.valid_from),
    validUntil: iso(key.valid_until),
    weekdays: key.weekdays,
    minutesFrom: key.minutes_from,
    minutesUntil: key.minutes_until,
    issuedAt: iso(key.issued_at)!,
    revokedAt: iso(key.revoked_at),
    pseudonym: key.pseudonym,
  };
}

type EventRow = Awaited<ReturnType<typeof listEvents>>['rows'][number];

export function presentEvent(event: EventRow) {
  return {
    id: Number(event.id),
    at: iso(event.at)!,
    kind: event.kind,
    keyId: event.key_id,
    holderName: event.key_id ? event.holder_name : null,
    keyPseudonym: event.key_pseudonym,
    medium: event.key_id ? event.medium : null,
    detail: event.detail,
  };
}

type HardwareRow = Awaited<ReturnType<typeof listHardware>>[number];

export function presentHardware(row: HardwareRow) {
  return {
    serial: row.serial,
    model: row.model,
    firstRegisteredAt: iso(row.first_registered_at),
    freeUntil: iso(row.free_until),
    managedUntil: iso(row.managed_until),
    registeredWith: row.tenant_name,
  };
}

export function presentAccount(party: { id: string; name: string; kind: 'organisation' | 'lock_owner'; building_management_at: Date | null; organisation_management_at: Date | null }) {
  return {
    id: party.id,
    name: party.name,
    kind: party.kind,
    buildingManagementAt: iso(party.building_management_at),
    organisationManagementAt: iso(party.organisation_management_at),
  };
}
