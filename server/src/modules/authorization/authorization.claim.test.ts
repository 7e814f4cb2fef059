// Claiming: a badge registered at its first tap, topped up by a bank transfer quoting its label,
// is claimed by a resident with that label; the badge and its balance move to the resident.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../../db/scope.ts';
import { createTestContext, login, type Session, type TestContext } from '../../test/app.ts';
import { fixture } from '../bankimport/fixtures/fixtures.ts';
import { addStock, demoIds } from '../credentials/credentials.fixtures.ts';
import { history } from '../credentials/credentials.repository.ts';
import { checkLedgerInvariants } from '../ledger/ledger.invariants.ts';
import { transferId, walletOf } from '../ledger/ledger.usecases.ts';
import { addBadge, invalidationOf } from './authorization.testing.ts';
import { authorize } from './authorization.usecases.ts';

let ctx: TestContext;
let heimbau: string;
let anna: string;
let lukas: string;
let staff: Session;
let resident: Session;
let autoBadge: { credentialId: string; personId: string };

beforeAll(async () => {
  ctx = await createTestContext({ demoWallets: false });
  const ids = await demoIds(ctx.deps.db);
  heimbau = ids.heimbau;
  [anna, lukas] = [ids.people['HEIMBAU-10001']!, ids.people['HEIMBAU-10002']!];
  [staff, resident] = await Promise.all([login(ctx.app, 'staff@demo.test'), login(ctx.app, 'resident@demo.test')]);
  await addStock(ctx.deps.db, heimbau, [{ uid: '04F10000006001', label: 'ID*heimbau*6001' }]);
  const answer = await tap('04F10000006001');
  expect(answer.status).toBe('Accepted');
  autoBadge = { credentialId: answer.credentialId!, personId: answer.personId! };
  await addBadge(ctx.deps.db, heimbau, { idTag: '04F10000006002', personId: lukas, label: 'ID*heimbau*6002' }, ctx.deps.authorization.cache);
});
afterAll(async () => { await ctx?.close(); });

const tap = (idTag: string) => authorize(ctx.deps, { tenantId: heimbau, deviceId: 'WASCH-1', purpose: 'laundry', idTag });
const available = (personId: string) => inTenant(ctx.deps.db, heimbau, async (tx) => (await walletOf(tx, heimbau, personId)).available);

async function importCamt(xml: string) {
  const res = await ctx.app.inject({ method: 'POST', url: '/api/bank/statements', payload: xml,
    headers: { cookie: staff.cookie, 'x-csrf-token': staff.csrf, 'content-type': 'application/xml' } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('a bank transfer quoting a badge label', () => {
  it('tops up the wallet of whoever holds the badge; an unknown label waits for review', async () => {
    const result = await importCamt(fixture('heimbau-badges-camt054-v02.xml'));
    expect(result).toMatchObject({ newEntries: 3, matched: 2, toReview: 1, credited: { EUR: 3200 } });
    expect(await available(autoBadge.personId)).toBe(1200);
    expect(await available(lukas)).toBe(2000);
    const queue = (await staff.request('GET', '/api/bank/entries?status=review')).body;
    expect(queue).toEqual([expect.objectContaining({ freeText: 'Karte ID*heimbau*6099', reviewReason: 'no_match' })]);
    const entries = (await staff.request('GET', '/api/bank/entries')).body;
    expect(entries.filter((e: any) => e.matchedBy === 'badge').map((e: any) => e.person.customerNumber).sort())
      .toEqual(['HEIMBAU-10002', expect.stringMatching(/^HEIMBAU-\d+$/)].sort());
  });
});

describe('claiming an auto-registered badge', () => {
  it('moves the badge and its balance to the resident who has its label', async () => {
    const heard = invalidationOf(ctx.deps.authorization.cache, `${heimbau}:04F10000006001`);
    const annaBefore = await available(anna);
    const res = await resident.request('POST', '/api/me/credentials/claim', { label: ' id*HEIMBAU*6001 ' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ credentialId: autoBadge.credentialId, label: 'ID*heimbau*6001', status: 'active', movedMinor: 1200, currency: 'EUR' });
    expect(await available(anna)).toBe(annaBefore + 1200);
    expect(await available(autoBadge.personId)).toBe(0);

    await inTenant(ctx.deps.db, heimbau, async (tx) => {
      const transfer = await tx.selectFrom('ledger_transfers').select(['code', 'amount'])
        .where('id', '=', transferId('badge-claim', `${autoBadge.credentialId}:${autoBadge.personId}`)).executeTakeFirstOrThrow();
      expect(transfer).toEqual({ code: 'transfer', amount: 1200 });
      const events = await history(tx, heimbau, autoBadge.credentialId);
      expect(events.at(-1)).toMatchObject({ actor: 'resident', from_status: 'active', to_status: 'active', reason: expect.stringMatching(/^claimed from HEIMBAU-\d+$/) });
      // The empty account stays, marked, without credentials.
      const left = await tx.selectFrom('people').select('auto_registered').where('id', '=', autoBadge.personId).executeTakeFirstOrThrow();
      expect(left.auto_registered).toBe(true);
      expect(await tx.selectFrom('credentials').select('id').where('person_id', '=', autoBadge.personId).execute()).toEqual([]);
    });
    await heard;
    expect(await tap('04F10000006001')).toMatchObject({ status: 'Accepted', personId: anna });
    const audit = await staff.request('GET', '/api/audit?entityType=credential');
    expect(audit.body.events).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'credential.claimed', entityId: autoBadge.credentialId })]));
    expect(await checkLedgerInvariants(ctx.deps.db, heimbau)).toEqual([]);
  });

  it('answers a repeated claim with the badge and nothing moved', async () => {
    const res = await resident.request('POST', '/api/me/credentials/claim', { label: 'ID*heimbau*6001' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ credentialId: autoBadge.credentialId, movedMinor: 0 });
  });

  it('sends later transfers quoting the label to the resident', async () => {
    const before = await available(anna);
    const nextDay = fixture('heimbau-badges-camt054-v02.xml').replaceAll('20240422', '20240423').replaceAll('240422AT', '240423AT');
    await importCamt(nextDay);
    expect(await available(anna)).toBe(before + 1200);
  });

  it('refuses a wrong label, a badge that belongs to someone, another tenant\'s badge, and non-residents', async () => {
    const wrong = await resident.request('POST', '/api/me/credentials/claim', { label: 'ID*heimbau*7777' });
    expect([wrong.status, wrong.body.error.code]).toEqual([404, 'credentials.claim_unknown_label']);
    const owned = await resident.request('POST', '/api/me/credentials/claim', { label: 'ID*heimbau*6002' });
    expect([owned.status, owned.body.error.code]).toEqual([409, 'credentials.claim_not_claimable']);
    expect(await tap('04F10000006002')).toMatchObject({ personId: lukas });

    const camille = await login(ctx.app, 'resident.ch@demo.test');
    const foreign = await camille.request('POST', '/api/me/credentials/claim', { label: 'ID*heimbau*6001' });
    expect([foreign.status, foreign.body.error.code]).toEqual([404, 'credentials.claim_unknown_label']);
    const byStaff = await staff.request('POST', '/api/me/credentials/claim', { label: 'ID*heimbau*6001' });
    expect([byStaff.status, byStaff.body.error.code]).toEqual([403, 'credentials.claim_residents_only']);
    for (const body of [{}, { label: '' }, { label: 'ID*heimbau*6001', personId: lukas }, { label: 6001 }]) {
      expect((await resident.request('POST', '/api/me/credentials/claim', body)).status, JSON.stringify(body)).toBe(400);
    }
  });

  it('slows down guessing labels: after ten claims in a quarter of an hour the next waits', async () => {
    const camille = await login(ctx.app, 'resident.ch@demo.test'); // one claim so far (above)
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await camille.request('POST', '/api/me/credentials/claim', { label: `ID*regielac*${100 + i}` })).status);
    expect(statuses.slice(0, 9)).toEqual(Array(9).fill(404));
    expect(statuses.slice(9)).toContain(429);
  });
});
