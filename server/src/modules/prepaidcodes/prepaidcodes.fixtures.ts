// Test helpers for prepaid codes: logins acting for a party (role lock_owner) and locks written
// straight into the tables as the platform, with whatever licence a test needs.
import { createHash, randomBytes } from 'node:crypto';
import { asPlatform } from '../../db/scope.ts';
import { DEMO_PASSWORD } from '../../demo/seed.ts';
import { login, type Session, type TestContext } from '../../test/app.ts';
import { hashPassword } from '../auth/auth.passwords.ts';
import { firstLicence, type Licence } from '../locks/locks.licence.ts';

export const tenantIdOf = (ctx: TestContext, shortCode: string) =>
  asPlatform(ctx.deps.db, async (tx) => (await tx.selectFrom('tenants').select('id').where('short_code', '=', shortCode).executeTakeFirstOrThrow()).id);

/** A new party of the tenant and a login acting for it. */
export async function partyLogin(ctx: TestContext, tenantId: string, kind: 'lock_owner' | 'organisation', name: string, organisationManagementAt: Date | null = null) {
  const email = `${kind}-${randomBytes(4).toString('hex')}@codes.test`;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const partyId = await asPlatform(ctx.deps.db, async (tx) => {
    const party = await tx.insertInto('parties').values({ tenant_id: tenantId, kind, name, person_id: null, email, organisation_management_at: organisationManagementAt })
      .returning('id').executeTakeFirstOrThrow();
    const user = await tx.insertInto('users').values({ email, password_hash: passwordHash, display_name: name, language: 'en', platform_role: null,
      landline: null, mobile: null, totp_secret: null, totp_enabled_at: null, disabled_at: null }).returning('id').executeTakeFirstOrThrow();
    await tx.insertInto('memberships').values({ tenant_id: tenantId, user_id: user.id, role: 'lock_owner', person_id: null, party_id: party.id }).execute();
    return party.id;
  });
  return { session: await login(ctx.app, email), partyId, email };
}

let made = 0;
/** A registered lock of `ownerPartyId`, in the registry and the tenant's table with the same licence; `activeKeys` keys issued. */
export async function insertLock(ctx: TestContext, tenantId: string, ownerPartyId: string, options: { licence?: Licence; activeKeys?: number } = {}) {
  const serial = `PC-${process.pid % 10_000}-${Date.now() % 100_000}-${++made}`;
  const licence = options.licence ?? firstLicence(ctx.clock.now());
  const columns = { free_until: licence.freeUntil, managed_until: licence.managedUntil, org_option_until: licence.orgOptionUntil,
    purchased_keys: licence.purchasedKeys, key_slots_used: licence.keySlotsUsed };
  const id = await asPlatform(ctx.deps.db, async (tx) => {
    await tx.insertInto('lock_hardware').values({ serial, secret_hash: createHash('sha256').update('secret').digest('hex'), model: null,
      first_registered_at: ctx.clock.now(), ...columns, tenant_id: tenantId }).execute();
    const lock = await tx.insertInto('locks').values({ tenant_id: tenantId, serial, name: 'Door', owner_party_id: ownerPartyId, site_id: null, unit_id: null,
      registered_at: ctx.clock.now(), registered_by: null, ...columns }).returning('id').executeTakeFirstOrThrow();
    await tx.updateTable('lock_hardware').set({ lock_id: lock.id }).where('serial', '=', serial).execute();
    for (let i = 0; i < (options.activeKeys ?? 0); i += 1) {
      await tx.insertInto('lock_keys').values({ tenant_id: tenantId, lock_id: lock.id, holder_name: `Holder ${i}`, person_id: null, organisation_id: null,
        medium: 'fob', identifier: `F-${made}-${i}`, pin_hash: null, credential_id: null, issued_at: ctx.clock.now(), issued_by: null, version: i + 1,
        pseudonym: randomBytes(3).toString('hex').toUpperCase() }).execute();
    }
    return lock.id;
  });
  return { id, serial };
}

/** The licence columns of a lock in the tenant's table and in the registry. */
export function licenceRows(ctx: TestContext, serial: string) {
  const columns = ['free_until', 'managed_until', 'org_option_until', 'purchased_keys', 'key_slots_used'] as const;
  return asPlatform(ctx.deps.db, async (tx) => ({
    lock: await tx.selectFrom('locks').select(columns).where('serial', '=', serial).where('removed_at', 'is', null).executeTakeFirstOrThrow(),
    hardware: await tx.selectFrom('lock_hardware').select(columns).where('serial', '=', serial).executeTakeFirstOrThrow(),
  }));
}

/** Fresh codes of a product, made by the operator through the API. */
export async function makeCodes(operator: Session, product: string, quantity = 1, keysPerCode?: number): Promise<string[]> {
  const res = await operator.request('POST', '/api/operator/prepaid-code-batches', { product, quantity, ...(keysPerCode !== undefined && { keysPerCode }) });
  if (res.status !== 201) throw new Error(`codes: ${JSON.stringify(res.body)}`);
  return res.body.codes;
}
