// Prepaid codes through the HTTP API: the operator makes batches and reads what became of them;
// lock owners redeem codes for their locks and accounts, with every refusal leaving the code
// unused and the licence untouched, wrong codes rate limited, and one code redeemed once however
// many try at the same moment.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { asPlatform } from '../../db/scope.ts';
import { createTestContext, login, type Session, type TestContext } from '../../test/app.ts';
import { addMonths, type Licence } from '../locks/locks.licence.ts';
import { generateCsv, parseGenerate } from './prepaidcodes.cli.ts';
import { insertLock, licenceRows, makeCodes, partyLogin, tenantIdOf } from './prepaidcodes.fixtures.ts';
import { ALPHABET, codeHash, displayCode, generateCode } from './prepaidcodes.format.ts';

const DAY = 86_400_000;
let ctx: TestContext;
let operator: Session;
let manager: Session;
let staff: Session;
let regie: Session;
let owner: { session: Session; partyId: string; email: string };
let heimbau: string;

beforeAll(async () => {
  ctx = await createTestContext();
  [operator, manager, staff, regie] = await Promise.all(['operator@demo.test', 'manager@demo.test', 'staff@demo.test', 'regie@demo.test'].map((e) => login(ctx.app, e))) as Session[] as [Session, Session, Session, Session];
  heimbau = await tenantIdOf(ctx, 'heimbau');
  owner = await partyLogin(ctx, heimbau, 'lock_owner', 'Karin Schlosser');
});
afterAll(() => ctx?.close());
// Each test starts outside the rate limit's window of the one before.
afterEach(() => ctx.clock.advance(16 * 60_000));

const redeem = (who: Session, code: string, target: { lockId?: string; partyId?: string } = {}) => who.request('POST', '/api/prepaid-codes/redeem', { code, ...target });
const redeemedAt = async (code: string) => (await asPlatform(ctx.deps.db, (tx) => tx.selectFrom('prepaid_codes').select('redeemed_at')
  .where('code_hash', '=', codeHash(code.replace(/-/g, ''))).executeTakeFirstOrThrow())).redeemed_at;
const paidLicence = (): Licence => {
  const now = ctx.clock.now();
  return { freeUntil: new Date(now.getTime() - 100 * DAY), managedUntil: addMonths(now, 24), orgOptionUntil: addMonths(now, 24), purchasedKeys: 10, keySlotsUsed: 1 };
};
/** A code that passes its check character but was never issued. */
const unissued = () => displayCode(generateCode());

describe('batches of codes (operator)', () => {
  it('makes a batch, shows its codes once, and keeps only their digests', async () => {
    const res = await operator.request('POST', '/api/operator/prepaid-code-batches', { product: 'key_pack', quantity: 3, keysPerCode: 25, label: 'Reseller A' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.codes).toHaveLength(3);
    for (const code of res.body.codes) expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(res.body.batch).toMatchObject({ product: 'key_pack', keysPerCode: 25, quantity: 3, redeemed: 0, label: 'Reseller A', createdBy: 'operator@demo.test' });
    const stored = await asPlatform(ctx.deps.db, (tx) => tx.selectFrom('prepaid_codes').selectAll().where('batch_id', '=', res.body.batch.id).execute());
    expect(stored.map((c) => c.code_hash).sort()).toEqual(res.body.codes.map((c: string) => codeHash(c.replace(/-/g, ''))).sort());
    expect(stored.map((c) => c.hint).sort()).toEqual(res.body.codes.map((c: string) => c.slice(-4)).sort());
    expect(JSON.stringify(stored)).not.toContain(res.body.codes[0].slice(0, 9));
    const listed = (await operator.request('GET', '/api/operator/prepaid-code-batches')).body;
    expect(listed.find((b: { id: string }) => b.id === res.body.batch.id)).toEqual(res.body.batch);
    expect(JSON.stringify((await operator.request('GET', `/api/operator/prepaid-code-batches/${res.body.batch.id}`)).body)).not.toContain(res.body.codes[0]);
  });

  it('refuses key counts that do not fit the product, too many codes, and anyone but the operator', async () => {
    const make = (body: object, who = operator) => who.request('POST', '/api/operator/prepaid-code-batches', body);
    expect((await make({ product: 'key_pack', quantity: 1 })).body.error).toMatchObject({ code: 'prepaid_codes.keys_required', fields: [{ field: 'keysPerCode' }] });
    expect((await make({ product: 'management_5y', quantity: 1, keysPerCode: 5 })).body.error.code).toBe('prepaid_codes.keys_not_allowed');
    expect((await make({ product: 'key_pack', quantity: 1, keysPerCode: 2501 })).body.error.code).toBe('request.invalid_body');
    expect((await make({ product: 'management_5y', quantity: 10_001 })).body.error.code).toBe('request.invalid_body');
    expect((await make({ product: 'gold', quantity: 1 })).body.error.code).toBe('request.invalid_body');
    expect((await make({ product: 'management_5y', quantity: 1 }, manager)).status).toBe(403);
    expect((await manager.request('GET', '/api/operator/prepaid-code-attempts')).status).toBe(403);
    expect((await operator.request('GET', '/api/operator/prepaid-code-batches/00000000-0000-4000-8000-000000000000')).body.error.code).toBe('prepaid_codes.batch_not_found');
  });

  it('writes the CSV the command line prints, under the first operator', async () => {
    const options = parseGenerate(['generate', '--product', 'key_pack', '--quantity', '3', '--keys', '25', '--label', 'Shop, Vienna']);
    expect(options).toEqual({ product: 'key_pack', quantity: 3, keysPerCode: 25, label: 'Shop, Vienna' });
    expect(parseGenerate(['generate', '--product', 'gold', '--quantity', '3'])).toEqual({ error: expect.stringContaining('Not a product: gold') });
    expect(parseGenerate(['generate', '--product', 'key_pack', '--quantity', '0'])).toEqual({ error: expect.stringContaining('--quantity') });
    let out = '';
    const batchId = await generateCsv(ctx.deps.db, options as Exclude<typeof options, { error: string }>, (text) => { out += text; });
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toBe('code,product,keys_per_code,batch_id,label');
    expect(lines.slice(1)).toHaveLength(3);
    for (const line of lines.slice(1)) expect(line).toMatch(new RegExp(`^[0-9A-Z]{4}(-[0-9A-Z]{4}){3},key_pack,25,${batchId},"Shop, Vienna"$`));
    const batch = (await operator.request('GET', `/api/operator/prepaid-code-batches/${batchId}`)).body.batch;
    expect(batch).toMatchObject({ quantity: 3, createdBy: 'operator@demo.test', label: 'Shop, Vienna' });
    // The codes work like any other.
    const lock = await insertLock(ctx, heimbau, owner.partyId);
    expect((await redeem(owner.session, lines[1]!.split(',')[0]!, { lockId: lock.id })).body.lock.purchasedKeys).toBe(35);
  });
});

describe('redeeming for a lock', () => {
  it('extends the paid management by five years in the lock and the registry, and makes revoked keys issuable again', async () => {
    const lock = await insertLock(ctx, heimbau, owner.partyId, { licence: { ...paidLicence(), keySlotsUsed: 7 }, activeKeys: 2 });
    const before = await licenceRows(ctx, lock.serial);
    const [code] = await makeCodes(operator, 'management_5y');
    const res = await redeem(owner.session, code!.toLowerCase().replace(/-/g, ' '), { lockId: lock.id });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const managedUntil = addMonths(before.lock.managed_until!, 60);
    expect(res.body).toEqual({ product: 'management_5y', lock: {
      id: lock.id, serial: lock.serial, freeUntil: before.lock.free_until.toISOString(), managedUntil: managedUntil.toISOString(),
      orgOptionUntil: before.lock.org_option_until!.toISOString(), purchasedKeys: 10, keySlotsUsed: 2,
    } });
    const after = await licenceRows(ctx, lock.serial);
    expect(after.lock).toEqual({ ...before.lock, managed_until: managedUntil, key_slots_used: 2 });
    expect(after.hardware).toEqual(after.lock);

    // The operator sees the redemption and the attempt; the manager's audit log the change.
    const batchId = (await operator.request('GET', '/api/operator/prepaid-code-batches')).body[0].id;
    const detail = (await operator.request('GET', `/api/operator/prepaid-code-batches/${batchId}`)).body;
    expect(detail.batch.redeemed).toBe(1);
    expect(detail.redemptions).toEqual([{ hint: code!.slice(-4), redeemedAt: expect.any(String), by: owner.email, manager: expect.any(String), lockSerial: lock.serial, partyName: null }]);
    const attempts = (await operator.request('GET', '/api/operator/prepaid-code-attempts?limit=1')).body;
    expect(attempts).toEqual([{ at: expect.any(String), user: owner.email, outcome: 'redeemed', hint: code!.slice(-4), lockSerial: lock.serial }]);
    const audit = await asPlatform(ctx.deps.db, (tx) => tx.selectFrom('audit_events').select(['action', 'entity_id', 'actor_label', 'after'])
      .where('tenant_id', '=', heimbau).where('action', '=', 'prepaid_code.redeemed').where('entity_id', '=', lock.id).execute());
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_label: owner.email, after: expect.objectContaining({ product: 'management_5y', code: code!.slice(-4) }) });
  });

  it('adds a key pack\'s keys, and refuses one that would pass 2,500 keys before the code is used', async () => {
    const lock = await insertLock(ctx, heimbau, owner.partyId);
    const [pack] = await makeCodes(operator, 'key_pack', 1, 25);
    expect((await redeem(manager, pack!, { lockId: lock.id })).body.lock).toMatchObject({ purchasedKeys: 35, keySlotsUsed: 0 });
    expect((await licenceRows(ctx, lock.serial)).hardware.purchased_keys).toBe(35);
    const [big] = await makeCodes(operator, 'key_pack', 1, 2500);
    expect((await redeem(owner.session, big!, { lockId: lock.id })).body.error.code).toBe('locks.key_pack_too_large');
    expect(await redeemedAt(big!)).toBeNull();
  });

  it('refuses the organisation option in the free period, keeps the code unused and the lock unchanged, and takes it once management is paid', async () => {
    const lock = await insertLock(ctx, heimbau, owner.partyId);
    const before = await licenceRows(ctx, lock.serial);
    const [option] = await makeCodes(operator, 'organisation_option');
    const refused = await redeem(owner.session, option!, { lockId: lock.id });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'locks.option_needs_management', fields: [{ field: 'code' }] });
    expect(await redeemedAt(option!)).toBeNull();
    expect(await licenceRows(ctx, lock.serial)).toEqual(before);
    const [attempt] = (await operator.request('GET', '/api/operator/prepaid-code-attempts?limit=1')).body;
    expect(attempt).toMatchObject({ user: owner.email, outcome: 'locks.option_needs_management', hint: option!.slice(-4), lockSerial: lock.serial });

    await redeem(owner.session, (await makeCodes(operator, 'management_5y'))[0]!, { lockId: lock.id });
    const taken = await redeem(owner.session, option!, { lockId: lock.id });
    expect(taken.status, JSON.stringify(taken.body)).toBe(200);
    expect(taken.body.lock.orgOptionUntil).not.toBeNull();
    expect((await licenceRows(ctx, lock.serial)).hardware.org_option_until).toEqual(new Date(taken.body.lock.orgOptionUntil));
  });

  it('answers a lock of another property manager as not found, and a removed lock too', async () => {
    const lock = await insertLock(ctx, heimbau, owner.partyId);
    const [code] = await makeCodes(operator, 'management_5y');
    expect((await redeem(regie, code!, { lockId: lock.id })).body.error.code).toBe('locks.not_found');
    await asPlatform(ctx.deps.db, (tx) => tx.updateTable('locks').set({ removed_at: ctx.clock.now() }).where('id', '=', lock.id).execute());
    expect((await redeem(owner.session, code!, { lockId: lock.id })).body.error.code).toBe('locks.not_found');
    expect(await redeemedAt(code!)).toBeNull();
  });

  it('lets neither an organisation sharing the lock nor the manager\'s staff redeem for it', async () => {
    const org = await partyLogin(ctx, heimbau, 'organisation', 'Hausbetreuung', new Date(ctx.clock.now().getTime() - DAY));
    const lock = await insertLock(ctx, heimbau, owner.partyId, { licence: paidLicence() });
    await asPlatform(ctx.deps.db, (tx) => tx.insertInto('lock_keys').values({ tenant_id: heimbau, lock_id: lock.id, holder_name: 'Hausbetreuung', person_id: null,
      organisation_id: org.partyId, medium: null, identifier: null, pin_hash: null, credential_id: null, issued_at: ctx.clock.now(), issued_by: null, version: 1, pseudonym: 'ABC123' }).execute());
    expect((await org.session.request('GET', `/api/locks/${lock.id}`)).body.right).toBe('shared');
    const [code] = await makeCodes(operator, 'key_pack', 1, 5);
    for (const who of [org.session, staff]) {
      const res = await redeem(who, code!, { lockId: lock.id });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('auth.forbidden');
    }
    expect(await redeemedAt(code!)).toBeNull();
  });

  it('redeems a code once when two people redeem it at the same moment', async () => {
    const lock = await insertLock(ctx, heimbau, owner.partyId, { licence: paidLicence() });
    const before = await licenceRows(ctx, lock.serial);
    const [code] = await makeCodes(operator, 'management_5y');
    const answers = await Promise.all([redeem(owner.session, code!, { lockId: lock.id }), redeem(manager, code!, { lockId: lock.id })]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(answers.find((a) => a.status === 409)!.body.error.code).toBe('prepaid_codes.used');
    const after = await licenceRows(ctx, lock.serial);
    expect(after.lock.managed_until).toEqual(addMonths(before.lock.managed_until!, 60));
    expect(after.hardware).toEqual(after.lock);
  });
});

describe('codes that are wrong', () => {
  it('tells a used, unknown, mistyped and malformed code apart, each on the field code', async () => {
    const lock = await insertLock(ctx, heimbau, owner.partyId);
    const [code] = await makeCodes(operator, 'key_pack', 1, 5);
    expect((await redeem(owner.session, code!, { lockId: lock.id })).status).toBe(200);
    const plain = code!.replace(/-/g, '');
    const typo = plain.slice(0, 5) + ALPHABET[(ALPHABET.indexOf(plain[5]!) + 1) % 32] + plain.slice(6);
    const cases: [string, number, string][] = [
      [code!, 409, 'prepaid_codes.used'],
      [unissued(), 400, 'prepaid_codes.unknown'],
      [typo, 400, 'prepaid_codes.check_failed'],
      [`${plain}X`, 400, 'prepaid_codes.malformed'],
    ];
    for (const [given, status, errorCode] of cases) {
      const res = await redeem(owner.session, given, { lockId: lock.id });
      expect({ given, status: res.status, code: res.body.error.code, fields: res.body.error.fields }).toEqual({ given, status, code: errorCode, fields: [{ field: 'code', message: expect.any(String) }] });
    }
    expect((await licenceRows(ctx, lock.serial)).lock.purchased_keys).toBe(15);
  });

  it('refuses a lock product without a lock and an account product for a lock, naming the product', async () => {
    const lock = await insertLock(ctx, heimbau, owner.partyId);
    const [management] = await makeCodes(operator, 'management_5y');
    expect((await redeem(owner.session, management!)).body.error).toMatchObject({ code: 'prepaid_codes.lock_required', fields: [{ field: 'lockId' }] });
    const [account] = await makeCodes(operator, 'organisation_management');
    const wrong = await redeem(owner.session, account!, { lockId: lock.id });
    expect(wrong.status).toBe(409);
    expect(wrong.body.error).toMatchObject({ code: 'prepaid_codes.wrong_product', fields: [{ field: 'code' }] });
    expect(wrong.body.error.message).toContain('organisation management');
    expect(await redeemedAt(management!)).toBeNull();
    expect(await redeemedAt(account!)).toBeNull();
  });

  it('refuses every attempt after five wrong ones in 15 minutes, a good code too, and lets the login try again later', async () => {
    const someone = await partyLogin(ctx, heimbau, 'lock_owner', 'Guesser');
    const lock = await insertLock(ctx, heimbau, someone.partyId);
    for (let i = 0; i < 5; i += 1) {
      expect((await redeem(someone.session, unissued(), { lockId: lock.id })).body.error.code).toBe('prepaid_codes.unknown');
      ctx.clock.advance(60_000);
    }
    const [good] = await makeCodes(operator, 'key_pack', 1, 5);
    const limited = await redeem(someone.session, good!, { lockId: lock.id });
    expect(limited.status).toBe(429);
    expect(limited.body.error).toMatchObject({ code: 'prepaid_codes.rate_limited', fields: [{ field: 'retry_after' }] });
    // The oldest failure was 5 minutes (and the requests' own milliseconds) ago: 10 minutes to wait.
    expect(Number(limited.body.error.fields[0].message)).toBeGreaterThan(9 * 60);
    expect(Number(limited.body.error.fields[0].message)).toBeLessThanOrEqual(10 * 60);
    expect(limited.body.error.message).toContain('Try again in 10 minute');
    expect(await redeemedAt(good!)).toBeNull();
    // Another login is not affected; the refused one is, until its oldest failure is 15 minutes old.
    ctx.clock.advance(9 * 60_000);
    expect((await redeem(someone.session, good!, { lockId: lock.id })).status).toBe(429);
    ctx.clock.advance(60_000);
    expect((await redeem(someone.session, good!, { lockId: lock.id })).status).toBe(200);
    const outcomes = (await operator.request('GET', '/api/operator/prepaid-code-attempts?limit=3')).body.map((a: { outcome: string }) => a.outcome);
    expect(outcomes).toEqual(['redeemed', 'prepaid_codes.rate_limited', 'prepaid_codes.rate_limited']);
  });
});

describe('redeeming for the account', () => {
  it('gives an organisation\'s own login organisation management once', async () => {
    const org = await partyLogin(ctx, heimbau, 'organisation', 'Facility GmbH');
    const [first, second] = await makeCodes(operator, 'organisation_management', 2);
    const res = await redeem(org.session, first!);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ product: 'organisation_management', party: { id: org.partyId, organisationManagementAt: expect.any(String) } });
    const stored = await asPlatform(ctx.deps.db, (tx) => tx.selectFrom('parties').select('organisation_management_at').where('id', '=', org.partyId).executeTakeFirstOrThrow());
    expect(stored.organisation_management_at?.toISOString()).toBe(res.body.party.organisationManagementAt);
    expect((await redeem(org.session, second!)).body.error.code).toBe('prepaid_codes.already_upgraded');
    expect(await redeemedAt(second!)).toBeNull();
    // Another party's account is not the organisation's to upgrade.
    expect((await redeem(org.session, second!, { partyId: owner.partyId })).status).toBe(403);
    const detail = (await operator.request('GET', '/api/operator/prepaid-code-batches')).body[0];
    const redemptions = (await operator.request('GET', `/api/operator/prepaid-code-batches/${detail.id}`)).body.redemptions;
    expect(redemptions).toEqual([expect.objectContaining({ partyName: 'Facility GmbH', lockSerial: null, by: org.email })]);
  });

  it('lets the manager\'s admin upgrade a party it names, of its own property manager only', async () => {
    const party = (await manager.request('POST', '/api/parties', { kind: 'organisation', name: 'Genossenschaft' })).body;
    const foreign = (await regie.request('POST', '/api/parties', { kind: 'organisation', name: 'Conciergerie' })).body;
    const [code] = await makeCodes(operator, 'organisation_management');
    expect((await redeem(manager, code!)).body.error).toMatchObject({ code: 'prepaid_codes.party_required', fields: [{ field: 'partyId' }] });
    expect((await redeem(manager, code!, { partyId: foreign.id })).body.error.code).toBe('parties.not_found');
    expect((await redeem(staff, code!, { partyId: party.id })).status).toBe(403);
    const res = await redeem(manager, code!, { partyId: party.id });
    expect(res.body.party.id).toBe(party.id);
  });
});
