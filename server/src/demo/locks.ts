// The demo's smart locks (docs/locks.md): at Heimbau, the lock owner Karin Schlosser
// (locks@demo.test) has a lock in each licence state — in its free period, with paid management
// and the organisation option, and lapsed to revoke-only — and the caretaker company
// Hausbetreuung Wien (org@demo.test, organisation management) shares the paid one. Six more locks
// wait in the operator's stock to be registered, with the secrets the README lists.
import { createHash } from 'node:crypto';
import type { Db } from '../db/client.ts';
import { asPlatform } from '../db/scope.ts';
import { addMonths, firstLicence, type Licence } from '../modules/locks/locks.licence.ts';
import { pinHash, secretHash } from '../modules/locks/locks.secrets.ts';

const DAY = 86_400_000;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Locks in stock: serial FLX-1001 … FLX-1009, secret `demo-secret-<last digit>`. */
export const demoLockSecret = (serial: string) => `demo-secret-${serial.slice(-1)}`;
const SERIALS = Array.from({ length: 9 }, (_, i) => `FLX-100${i + 1}`);

export async function seedDemoLocks(db: Db, passwordHash: string): Promise<void> {
  const now = new Date();
  await asPlatform(db, async (tx) => {
    const tenant = await tx.selectFrom('tenants').select('id').where('short_code', '=', 'heimbau').executeTakeFirstOrThrow();
    const tenantId = tenant.id;
    await tx.insertInto('lock_hardware').values(SERIALS.map((serial) => ({ serial, secret_hash: secretHash(demoLockSecret(serial)), model: 'Flexeria S2' }))).execute();

    const owner = await tx.insertInto('parties').values({ tenant_id: tenantId, kind: 'lock_owner', name: 'Karin Schlosser', person_id: null, email: 'locks@demo.test' })
      .returning('id').executeTakeFirstOrThrow();
    const org = await tx.insertInto('parties').values({ tenant_id: tenantId, kind: 'organisation', name: 'Hausbetreuung Wien GmbH', person_id: null, email: 'org@demo.test',
      organisation_management_at: new Date(now.getTime() - 200 * DAY) }).returning('id').executeTakeFirstOrThrow();
    for (const [email, name, partyId] of [['locks@demo.test', 'Karin Schlosser', owner.id], ['org@demo.test', 'Hausbetreuung Wien', org.id]] as const) {
      const user = await tx.insertInto('users').values({ email, password_hash: passwordHash, display_name: name, language: 'de', platform_role: null,
        landline: null, mobile: null, totp_secret: null, totp_enabled_at: null, disabled_at: null }).returning('id').executeTakeFirstOrThrow();
      await tx.insertInto('memberships').values({ tenant_id: tenantId, user_id: user.id, role: 'lock_owner', person_id: null, party_id: partyId }).execute();
    }

    const register = async (serial: string, name: string, registeredAt: Date, licence: Licence) => {
      const lock = await tx.insertInto('locks').values({
        tenant_id: tenantId, serial, name, owner_party_id: owner.id, site_id: null, unit_id: null, registered_at: registeredAt, registered_by: null,
        free_until: licence.freeUntil, managed_until: licence.managedUntil, org_option_until: licence.orgOptionUntil,
        purchased_keys: licence.purchasedKeys, key_slots_used: licence.keySlotsUsed, whitelist_version: 0,
      }).returning('id').executeTakeFirstOrThrow();
      await tx.updateTable('lock_hardware').set({ first_registered_at: registeredAt, free_until: licence.freeUntil, managed_until: licence.managedUntil,
        org_option_until: licence.orgOptionUntil, purchased_keys: licence.purchasedKeys, key_slots_used: licence.keySlotsUsed, tenant_id: tenantId, lock_id: lock.id })
        .where('serial', '=', serial).execute();
      return lock.id;
    };
    const keys = async (lockId: string, serial: string, list: { holder: string; medium: 'fob' | 'pin' | 'rfid' | 'phone' | null; identifier?: string; pin?: string; organisationId?: string; at: Date }[]) => {
      const ids: string[] = [];
      for (const [i, k] of list.entries()) {
        const key = await tx.insertInto('lock_keys').values({
          tenant_id: tenantId, lock_id: lockId, holder_name: k.holder, person_id: null, organisation_id: k.organisationId ?? null, medium: k.medium,
          identifier: k.identifier ?? null, pin_hash: k.pin ? pinHash(serial, k.pin) : null, credential_id: null, issued_at: k.at, issued_by: null,
          version: i + 1, pseudonym: sha256(`${lockId}:${i}`).slice(0, 6).toUpperCase(),
        }).returning('id').executeTakeFirstOrThrow();
        ids.push(key.id);
      }
      await tx.updateTable('locks').set({ whitelist_version: list.length, key_slots_used: list.length }).where('tenant_id', '=', tenantId).where('id', '=', lockId).execute();
      return ids;
    };

    // In its free period: registered two weeks ago.
    const freeAt = new Date(now.getTime() - 14 * DAY);
    const free = await register('FLX-1001', 'Haustür Gartenweg 5', freeAt, firstLicence(freeAt));
    await keys(free, 'FLX-1001', [
      { holder: 'Karin Schlosser', medium: 'phone', identifier: sha256('demo-phone').slice(0, 32), at: freeAt },
      { holder: 'Reinigung Huber', medium: 'pin', pin: '482913', at: freeAt },
    ]);

    // Paid management with the organisation option; the caretaker company shares it.
    const paidAt = new Date(now.getTime() - 400 * DAY);
    const paid = await register('FLX-1002', 'Gartentor Gartenweg 5', paidAt, {
      ...firstLicence(paidAt), managedUntil: addMonths(new Date(paidAt.getTime() + 30 * DAY), 60), orgOptionUntil: addMonths(new Date(paidAt.getTime() + 30 * DAY), 60),
    });
    const paidKeys = await keys(paid, 'FLX-1002', [
      { holder: 'Karin Schlosser', medium: 'fob', identifier: 'FOB-20417', at: paidAt },
      { holder: 'Hausbetreuung Wien GmbH', medium: null, organisationId: org.id, at: paidAt },
      { holder: 'Familie Berger', medium: 'rfid', identifier: '04A224B2C35E80', at: paidAt },
    ]);
    await tx.insertInto('lock_events').values([3, 2, 1].flatMap((daysAgo, i) => [
      { tenant_id: tenantId, lock_id: paid, device_event_id: `demo-${i}-a`, at: new Date(now.getTime() - daysAgo * DAY + 8 * 3_600_000), kind: 'opened' as const,
        key_id: paidKeys[0]!, key_pseudonym: sha256(`${paid}:0`).slice(0, 6).toUpperCase(), detail: null },
      { tenant_id: tenantId, lock_id: paid, device_event_id: `demo-${i}-b`, at: new Date(now.getTime() - daysAgo * DAY + 18 * 3_600_000), kind: 'opened' as const,
        key_id: paidKeys[2]!, key_pseudonym: sha256(`${paid}:2`).slice(0, 6).toUpperCase(), detail: null },
    ])).execute();
    await tx.insertInto('lock_events').values({ tenant_id: tenantId, lock_id: paid, device_event_id: 'demo-denied', at: new Date(now.getTime() - 5 * 3_600_000),
      kind: 'denied', key_id: null, key_pseudonym: null, detail: 'Unknown tag 04B11C22' }).execute();

    // Lapsed: registered five months ago, no code redeemed; its keys still open the door.
    const lapsedAt = addMonths(now, -5);
    const lapsed = await register('FLX-1003', 'Kellertür Gartenweg 5', lapsedAt, firstLicence(lapsedAt));
    await keys(lapsed, 'FLX-1003', [
      { holder: 'Karin Schlosser', medium: 'fob', identifier: 'FOB-20418', at: lapsedAt },
      { holder: 'Mieter Top 2', medium: 'pin', pin: '170355', at: lapsedAt },
    ]);
  });
}
