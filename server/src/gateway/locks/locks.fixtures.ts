// Test and benchmark setup for the lock gateway: locks registered straight in the database and
// keys issued and revoked as the locks module does it (raise the lock's whitelist_version, give
// the key that version, NOTIFY 'lock_whitelists' with tenant:lock:version). The end-to-end test
// will switch to the HTTP API once the module's routes are in.
import { randomBytes, randomInt } from 'node:crypto';
import { pinHash, secretHash } from '../../modules/locks/locks.secrets.ts';
import { notify } from '../../db/notifications.ts';
import type { Db } from '../../db/client.ts';
import { asPlatform, inTenant, type Tx } from '../../db/scope.ts';
import type { KeyMedium } from '../../db/schema.ts';


export interface TestLock { tenantId: string; lockId: string; serial: string; secret: string }

export interface KeySpec {
  medium: KeyMedium | null;
  identifier?: string;
  pin?: string;
  validFrom?: Date;
  validUntil?: Date;
  weekdays?: number;
  minutesFrom?: number;
  minutesUntil?: number;
  /** For an organisation key (medium null): the organisation party. */
  organisationId?: string;
}

let made = 0;
/** Serials are unique platform-wide and must match ^[A-Z0-9-]{4,32}$. */
export const testSerial = (prefix = 'LK') => `${prefix}-${process.pid % 10_000}-${Date.now().toString(36).toUpperCase().slice(-5)}-${++made}`;

/** A party of the tenant of this kind (created). */
export async function addParty(db: Db, tenantId: string, kind: 'lock_owner' | 'organisation', name = `${kind} ${randomBytes(3).toString('hex')}`): Promise<string> {
  return inTenant(db, tenantId, async (tx) => (await tx.insertInto('parties').values({ tenant_id: tenantId, kind, name, person_id: null, email: null })
    .returning('id').executeTakeFirstOrThrow()).id);
}

/** Lock hardware in stock, not registered. */
export async function stockLock(db: Db, serial = testSerial(), secret = randomBytes(8).toString('hex')): Promise<{ serial: string; secret: string }> {
  await asPlatform(db, (tx) => tx.insertInto('lock_hardware').values({ serial, secret_hash: secretHash(secret), model: 'sim' }).execute());
  return { serial, secret };
}

/** A lock in stock, registered in the tenant for the owner party. */
export async function registerLock(db: Db, tenantId: string, ownerPartyId: string, hardware?: { serial: string; secret: string }): Promise<TestLock> {
  const { serial, secret } = hardware ?? await stockLock(db);
  const now = new Date();
  const lockId = await inTenant(db, tenantId, async (tx) => (await tx.insertInto('locks').values({
    tenant_id: tenantId, serial, name: `Lock ${serial}`, owner_party_id: ownerPartyId, site_id: null, unit_id: null, registered_at: now, registered_by: null,
    free_until: new Date(now.getTime() + 365 * 86_400_000), purchased_keys: 2500, key_slots_used: 0,
  }).returning('id').executeTakeFirstOrThrow()).id);
  await asPlatform(db, (tx) => tx.updateTable('lock_hardware').set({ tenant_id: tenantId, lock_id: lockId }).where('serial', '=', serial).execute());
  return { tenantId, lockId, serial, secret };
}

async function nextVersion(tx: Tx, lock: TestLock): Promise<number> {
  const row = await tx.updateTable('locks').set((eb) => ({ whitelist_version: eb('whitelist_version', '+', 1) }))
    .where('tenant_id', '=', lock.tenantId).where('id', '=', lock.lockId).returning('whitelist_version').executeTakeFirstOrThrow();
  return Number(row.whitelist_version);
}

let pseudonymCounter = randomInt(0, 0x800000);
const nextPseudonym = () => ((pseudonymCounter = (pseudonymCounter + 1) % 0x1000000)).toString(16).toUpperCase().padStart(6, '0');

/** Issues keys in one whitelist change; returns their ids and the version. */
export async function issueKeys(db: Db, lock: TestLock, specs: KeySpec[]): Promise<{ keyIds: string[]; version: number }> {
  return inTenant(db, lock.tenantId, async (tx) => {
    const version = await nextVersion(tx, lock);
    const rows = await tx.insertInto('lock_keys').values(specs.map((s) => ({
      tenant_id: lock.tenantId, lock_id: lock.lockId, holder_name: 'Test holder', person_id: null, organisation_id: s.organisationId ?? null,
      medium: s.medium, identifier: s.identifier ?? null, pin_hash: s.pin !== undefined ? pinHash(lock.serial, s.pin) : null, credential_id: null,
      valid_from: s.validFrom ?? null, valid_until: s.validUntil ?? null, weekdays: s.weekdays ?? 127,
      minutes_from: s.minutesFrom ?? null, minutes_until: s.minutesUntil ?? null, issued_at: new Date(), issued_by: null, version, pseudonym: nextPseudonym(),
    }))).returning('id').execute();
    // The locks module announces changes of keys that open something; an organisation key changes no lock's list.
    if (specs.some((s) => s.medium !== null)) await notify(tx, 'lock_whitelists', `${lock.tenantId}:${lock.lockId}:${version}`);
    return { keyIds: rows.map((r) => r.id), version };
  });
}

export async function issueKey(db: Db, lock: TestLock, spec: KeySpec): Promise<{ keyId: string; version: number }> {
  const { keyIds, version } = await issueKeys(db, lock, [spec]);
  return { keyId: keyIds[0]!, version };
}

export async function revokeKey(db: Db, lock: TestLock, keyId: string): Promise<number> {
  return inTenant(db, lock.tenantId, async (tx) => {
    const version = await nextVersion(tx, lock);
    await tx.updateTable('lock_keys').set({ revoked_at: new Date(), version })
      .where('tenant_id', '=', lock.tenantId).where('id', '=', keyId).where('revoked_at', 'is', null).execute();
    await notify(tx, 'lock_whitelists', `${lock.tenantId}:${lock.lockId}:${version}`);
    return version;
  });
}

/** Removes the lock from the tenant and frees its hardware, announcing it as the module does. */
export async function removeLock(db: Db, lock: TestLock): Promise<void> {
  await inTenant(db, lock.tenantId, async (tx) => {
    const version = await nextVersion(tx, lock);
    await tx.updateTable('locks').set({ removed_at: new Date() }).where('tenant_id', '=', lock.tenantId).where('id', '=', lock.lockId).execute();
    await notify(tx, 'lock_whitelists', `${lock.tenantId}:${lock.lockId}:${version}`);
  });
  await asPlatform(db, (tx) => tx.updateTable('lock_hardware').set({ tenant_id: null, lock_id: null }).where('serial', '=', lock.serial).execute());
}
