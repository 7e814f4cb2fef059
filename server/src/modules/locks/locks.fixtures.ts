// Test helpers for locks: lock owners and organisations with logins, locks in the operator's
// stock, and prepaid codes, all made through the API except the logins (no invitation needed).
import { randomBytes } from 'node:crypto';
import { asPlatform } from '../../db/scope.ts';
import { DEMO_PASSWORD } from '../../demo/seed.ts';
import { hashPassword } from '../auth/auth.passwords.ts';
import { login, type Session, type TestContext } from '../../test/app.ts';
import type { PrepaidProduct } from '../../db/schema.ts';

export const DAY = 86_400_000;

/** A party of the tenant with a login acting for it (role lock_owner). */
export async function lockOwnerLogin(ctx: TestContext, manager: Session, kind: 'lock_owner' | 'organisation', name: string): Promise<{ session: Session; partyId: string; email: string }> {
  const party = await manager.request('POST', '/api/parties', { kind, name });
  if (party.status !== 201) throw new Error(`party: ${JSON.stringify(party.body)}`);
  const tenantId = (await manager.request('GET', '/api/tenant')).body.id as string;
  const email = `${kind}-${randomBytes(4).toString('hex')}@locks.test`;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await asPlatform(ctx.deps.db, async (tx) => {
    const user = await tx.insertInto('users').values({ email, password_hash: passwordHash, display_name: name, language: 'en', platform_role: null,
      landline: null, mobile: null, totp_secret: null, totp_enabled_at: null, disabled_at: null }).returning('id').executeTakeFirstOrThrow();
    await tx.insertInto('memberships').values({ tenant_id: tenantId, user_id: user.id, role: 'lock_owner', person_id: null, party_id: party.body.id }).execute();
  });
  return { session: await login(ctx.app, email), partyId: party.body.id, email };
}

let serials = 0;
/** A lock made for Concierge, in the operator's stock: its serial and the secret on its label. */
export async function stockLock(operator: Session): Promise<{ serial: string; secret: string }> {
  const serial = `T${process.pid % 1000}-${Date.now() % 1_000_000}-${++serials}`;
  const secret = randomBytes(8).toString('hex');
  const res = await operator.request('POST', '/api/operator/lock-hardware', { locks: [{ serial, secret }] });
  if (res.status !== 200 || res.body.added !== 1) throw new Error(`stock: ${JSON.stringify(res.body)}`);
  return { serial, secret };
}

/** Fresh single-use codes of a product, made by the operator. */
export async function codes(operator: Session, product: PrepaidProduct, quantity = 1, keysPerCode?: number): Promise<string[]> {
  const res = await operator.request('POST', '/api/operator/prepaid-code-batches', { product, quantity, ...(keysPerCode && { keysPerCode }) });
  if (res.status !== 201) throw new Error(`codes: ${JSON.stringify(res.body)}`);
  return res.body.codes;
}
