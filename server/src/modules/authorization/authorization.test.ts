// The answers a terminal gets at a tap, from the cache and from the database.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../../db/scope.ts';
import { createTestContext, login, type TestContext } from '../../test/app.ts';
import { testDatabaseKind } from '../../test/database.ts';
import { demoIds } from '../credentials/credentials.fixtures.ts';
import { changeCredentialStatus } from '../credentials/credentials.lifecycle.ts';
import { systemAccount, transferNow, walletOf } from '../ledger/ledger.usecases.ts';
import { addBadge, invalidationOf } from './authorization.testing.ts';
import type { Purpose } from './authorization.types.ts';
import { authorize } from './authorization.usecases.ts';

let ctx: TestContext;
let heimbau: string;
let regie: string;
let anna: string;   // HEIMBAU-10001
let lukas: string;  // HEIMBAU-10002
let camille: string; // REGIELAC-10001

beforeAll(async () => {
  ctx = await createTestContext();
  const ids = await demoIds(ctx.deps.db);
  [heimbau, regie] = [ids.heimbau, ids.regie];
  [anna, lukas, camille] = [ids.people['HEIMBAU-10001']!, ids.people['HEIMBAU-10002']!, ids.people['REGIELAC-10001']!];
});
afterAll(async () => { await ctx?.close(); });

let serial = 0;
/** A fresh 7-byte UID per test, so tests do not share cache entries. */
const newUid = () => `04A1${(0x10000000 + serial++).toString(16).toUpperCase()}B2`.slice(0, 14);
const tap = (tenantId: string, idTag: string, purpose: Purpose = 'lock', deviceId = 'T1') =>
  authorize(ctx.deps, { tenantId, deviceId, purpose, idTag });

async function move(tenantId: string, personId: string, amount: number, direction: 'in' | 'out') {
  const [wallet, other] = await inTenant(ctx.deps.db, tenantId, async (tx) => [
    (await walletOf(tx, tenantId, personId)).id, await systemAccount(tx, tenantId, direction === 'in' ? 'card_clearing' : 'revenue')] as const);
  await transferNow(ctx.deps.db, tenantId, {
    id: randomUUID(), amount, code: direction === 'in' ? 'top_up' : 'usage', reference: { type: 'test', id: randomUUID() },
    debitAccountId: direction === 'in' ? other : wallet, creditAccountId: direction === 'in' ? wallet : other, allowOfflineDebt: direction === 'out',
  });
  return wallet;
}

describe('authorize', () => {
  it('accepts an active badge, whatever case and separators the device sends, and answers the next tap from memory', async () => {
    const uid = newUid();
    const badge = await addBadge(ctx.deps.db, heimbau, { idTag: uid, personId: anna }, ctx.deps.authorization.cache);
    const first = await tap(heimbau, uid.toLowerCase().match(/../g)!.join(':'));
    expect(first).toEqual({ status: 'Accepted', reason: null, credentialId: badge.id, personId: anna, walletId: null, balanceMinor: 0, currency: 'EUR', cached: false });
    const second = await tap(heimbau, uid);
    expect(second).toMatchObject({ status: 'Accepted', credentialId: badge.id, cached: true });
  });

  it('tells the balance of the wallet, read again once it is two seconds old', async () => {
    const uid = newUid();
    await addBadge(ctx.deps.db, heimbau, { idTag: uid, personId: lukas }, ctx.deps.authorization.cache);
    expect((await tap(heimbau, uid)).balanceMinor).toBe(0);
    const wallet = await move(heimbau, lukas, 2500, 'in');
    expect((await tap(heimbau, uid)).balanceMinor).toBe(0); // within the TTL: the cached balance
    ctx.clock.advance(2_001);
    expect(await tap(heimbau, uid)).toMatchObject({ status: 'Accepted', walletId: wallet, balanceMinor: 2500, currency: 'EUR', cached: true });
  });

  it('refuses a badge its life cycle stopped, with the reason', async () => {
    const cases = [['lost', 'lost'], ['blocked', 'blocked'], ['awaiting_fee', 'fee_unpaid'], ['returned', 'returned'], ['ordered', 'ordered']] as const;
    for (const [status, reason] of cases) {
      const uid = newUid();
      const badge = await addBadge(ctx.deps.db, heimbau, { idTag: uid, personId: anna, status }, ctx.deps.authorization.cache);
      expect(await tap(heimbau, uid), status).toMatchObject({ status: 'Blocked', reason, credentialId: badge.id, personId: anna });
      expect(await tap(heimbau, uid), status).toMatchObject({ status: 'Blocked', reason, cached: true });
    }
  });

  it('answers Expired once valid_until has passed, also from the cache', async () => {
    const uid = newUid();
    await addBadge(ctx.deps.db, heimbau, { idTag: uid, personId: anna, validUntil: new Date(ctx.clock.now().getTime() + 60_000) }, ctx.deps.authorization.cache);
    expect(await tap(heimbau, uid)).toMatchObject({ status: 'Accepted' });
    ctx.clock.advance(60_000);
    expect(await tap(heimbau, uid)).toMatchObject({ status: 'Expired', reason: 'expired', cached: true });
  });

  it('blocks a wallet in debt: it may not start sessions', async () => {
    const uid = newUid();
    const person = await inTenant(ctx.deps.db, heimbau, async (tx) => (await tx.insertInto('people').values({
      tenant_id: heimbau, customer_number: `HEIMBAU-DEBT-${serial}`, first_name: 'Max', last_name: 'Schulden', email: null, landline: null, mobile: null, language: 'de',
    }).returning('id').executeTakeFirstOrThrow()).id);
    await addBadge(ctx.deps.db, heimbau, { idTag: uid, personId: person }, ctx.deps.authorization.cache);
    await move(heimbau, person, 500, 'in');
    await move(heimbau, person, 800, 'out'); // offline usage beyond the balance
    expect(await tap(heimbau, uid)).toMatchObject({ status: 'Blocked', reason: 'debt', balanceMinor: -300, personId: person });
    await move(heimbau, person, 1000, 'in');
    ctx.clock.advance(2_001);
    expect(await tap(heimbau, uid)).toMatchObject({ status: 'Accepted', balanceMinor: 700 });
  });

  it('refuses building badges where the platform bills, accepts them where the owner makes statements', async () => {
    const uid = newUid();
    await addBadge(ctx.deps.db, heimbau, { idTag: uid, personId: anna, origin: 'building' }, ctx.deps.authorization.cache);
    expect(await tap(heimbau, uid)).toMatchObject({ status: 'Blocked', reason: 'platform_badges_only' });
    const other = newUid();
    await addBadge(ctx.deps.db, regie, { idTag: other, personId: camille, origin: 'building' }, ctx.deps.authorization.cache);
    expect(await tap(regie, other)).toMatchObject({ status: 'Accepted', currency: 'CHF' });
    // The rule is about badges: a garage fob registered by staff works where the platform bills too.
    const fob = `FOB${serial}${uid.slice(0, 6)}`;
    await addBadge(ctx.deps.db, heimbau, { idTag: fob, personId: anna, origin: 'building', type: 'fob' }, ctx.deps.authorization.cache);
    expect(await tap(heimbau, fob)).toMatchObject({ status: 'Accepted', personId: anna });
  });

  it('does not know a tag it never saw, nor a badge of another tenant, and remembers that', async () => {
    expect(await tap(heimbau, 'DEADBEEF')).toMatchObject({ status: 'Invalid', reason: 'unknown', credentialId: null, cached: false });
    expect(await tap(heimbau, 'deadbeef')).toMatchObject({ status: 'Invalid', reason: 'unknown', cached: true });
    expect(await tap(heimbau, 'x'.repeat(21))).toMatchObject({ status: 'Invalid', reason: 'unknown' });
    expect(await tap(heimbau, '  ')).toMatchObject({ status: 'Invalid', reason: 'unknown' });

    const regieBadge = newUid();
    await addBadge(ctx.deps.db, regie, { idTag: regieBadge, personId: camille }, ctx.deps.authorization.cache);
    expect(await tap(regie, regieBadge)).toMatchObject({ status: 'Accepted' });
    // Heimbau bills through the platform: a badge from elsewhere does not register itself there.
    expect(await tap(heimbau, regieBadge, 'laundry')).toMatchObject({ status: 'Invalid', reason: 'unknown', personId: null });
    expect(await tap(heimbau, regieBadge, 'charging')).toMatchObject({ status: 'Invalid', reason: 'unknown' });
  });

  it('answers ConcurrentTx while the tag runs a session on another device', async () => {
    const uid = newUid();
    const badge = await addBadge(ctx.deps.db, heimbau, { idTag: uid, personId: anna }, ctx.deps.authorization.cache);
    const session = await runningSession(heimbau, 'CP-1', badge.id, uid);
    expect(await tap(heimbau, uid, 'charging', 'CP-2')).toMatchObject({ status: 'ConcurrentTx', reason: 'in_use', credentialId: badge.id });
    expect(await tap(heimbau, uid, 'charging', 'CP-1')).toMatchObject({ status: 'Accepted' }); // StartTransaction after Authorize
    await inTenant(ctx.deps.db, heimbau, (tx) => tx.updateTable('usage_sessions').set({ status: 'completed' }).where('id', '=', session).execute());
    expect(await tap(heimbau, uid, 'charging', 'CP-2')).toMatchObject({ status: 'Accepted' });
  });
});

/** A charger named `identity` with an active session of the credential on it. */
async function runningSession(tenantId: string, identity: string, credentialId: string, idTag: string): Promise<string> {
  return inTenant(ctx.deps.db, tenantId, async (tx) => {
    const site = await tx.selectFrom('sites').select('id').where('tenant_id', '=', tenantId).executeTakeFirstOrThrow();
    const device = await tx.insertInto('devices').values({ tenant_id: tenantId, identity, kind: 'charger', site_id: site.id, unit_id: null, name: identity, password_hash: null } as never)
      .returning('id').executeTakeFirstOrThrow();
    const appliance = await tx.insertInto('appliances').values({ tenant_id: tenantId, device_id: device.id, connector_id: 1, kind: 'ev_connector', metering: 'energy', name: 'EV' } as never)
      .returning('id').executeTakeFirstOrThrow();
    const session = await tx.insertInto('usage_sessions').values({
      tenant_id: tenantId, device_id: device.id, appliance_id: appliance.id, connector_id: 1, id_tag: idTag, credential_id: credentialId, person_id: anna,
      status: 'active', billing: 'prepaid', metering: 'energy', unit_price_minor: 39, session_fee_minor: 0, vat_rate_bp: 2000, currency: 'EUR',
    } as never).returning('id').executeTakeFirstOrThrow();
    return session.id;
  });
}

describe('a change reaches the cache at once', () => {
  it('refuses a badge immediately after it is reported lost', async () => {
    const uid = newUid();
    const badge = await addBadge(ctx.deps.db, heimbau, { idTag: uid, personId: anna }, ctx.deps.authorization.cache);
    await tap(heimbau, uid);
    expect(await tap(heimbau, uid)).toMatchObject({ status: 'Accepted', cached: true });
    const heard = invalidationOf(ctx.deps.authorization.cache, `${heimbau}:${uid}`);
    await inTenant(ctx.deps.db, heimbau, (tx) => changeCredentialStatus(tx, heimbau, badge.id, 'lost', { userId: null, actor: 'resident', reason: 'lost on the bus', now: new Date() }));
    await heard; // PostgreSQL delivers the NOTIFY on the listening connection a moment after the commit
    expect(await tap(heimbau, uid)).toMatchObject({ status: 'Blocked', reason: 'lost', cached: false });
  });

  it('accepts a badge as soon as it is unblocked, and forgets an unknown tag once it is issued', async () => {
    const uid = newUid();
    const badge = await addBadge(ctx.deps.db, heimbau, { idTag: uid, personId: anna, status: 'blocked' }, ctx.deps.authorization.cache);
    expect(await tap(heimbau, uid)).toMatchObject({ status: 'Blocked', reason: 'blocked' });
    const heard = invalidationOf(ctx.deps.authorization.cache, `${heimbau}:${uid}`);
    await inTenant(ctx.deps.db, heimbau, (tx) => changeCredentialStatus(tx, heimbau, badge.id, 'active', { userId: null, actor: 'staff', reason: null, now: new Date() }));
    await heard;
    expect(await tap(heimbau, uid)).toMatchObject({ status: 'Accepted' });

    const later = newUid();
    expect(await tap(heimbau, later)).toMatchObject({ status: 'Invalid' });
    await addBadge(ctx.deps.db, heimbau, { idTag: later, personId: lukas }, ctx.deps.authorization.cache);
    expect(await tap(heimbau, later)).toMatchObject({ status: 'Accepted', personId: lukas });
  });
});

describe('the staff routes', () => {
  it('lets staff check a tag as a terminal would, without registering it, and nobody else', async () => {
    const uid = newUid();
    await addBadge(ctx.deps.db, heimbau, { idTag: uid, personId: anna, status: 'lost' }, ctx.deps.authorization.cache);
    const staff = await login(ctx.app, 'staff@demo.test');
    const res = await staff.request('GET', `/api/authorization/check?idTag=${uid}&purpose=laundry`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'Blocked', reason: 'lost', personId: anna });
    expect((await staff.request('GET', '/api/authorization/check?idTag=abc&purpose=shower')).status).toBe(400);
    const resident = await login(ctx.app, 'resident@demo.test');
    expect((await resident.request('GET', `/api/authorization/check?idTag=${uid}&purpose=laundry`)).status).toBe(403);
    expect((await resident.request('GET', '/api/device-lists')).status).toBe(403);
  });
});

describe.runIf(testDatabaseKind() === 'postgres')('a tap while every pooled connection is busy', () => {
  it('is answered on the tap\'s own connections, balance and busy check included', async () => {
    const uid = newUid();
    await addBadge(ctx.deps.db, heimbau, { idTag: uid, personId: anna }, ctx.deps.authorization.cache);
    await tap(heimbau, uid); // the tag now in memory; its balance read again below, the clock past the TTL
    ctx.clock.advance(2_001);
    // Every connection of the main pool (4 in tests) sits inside a transaction until released.
    let release!: () => void;
    const released = new Promise<void>((resolve) => { release = resolve; });
    const holders = Array.from({ length: 4 }, () => inTenant(ctx.deps.db, heimbau, async () => { await released; }));
    try {
      const answer = await Promise.race([tap(heimbau, uid), new Promise((resolve) => setTimeout(() => resolve('timed out'), 5_000))]);
      expect(answer).toMatchObject({ status: 'Accepted', cached: true });
    } finally {
      release();
      await Promise.all(holders);
    }
  });
});
