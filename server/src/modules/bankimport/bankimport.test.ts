import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asPlatform, inTenant } from '../../db/scope.ts';
import { createTestContext, login, type Session, type TestContext } from '../../test/app.ts';
import { walletOf } from '../ledger/ledger.usecases.ts';
import { fixture } from './fixtures/fixtures.ts';

let ctx: TestContext;
let staff: Session;
let regie: Session;
const tenantIds: Record<string, string> = {};

beforeAll(async () => {
  ctx = await createTestContext();
  [staff, regie] = await Promise.all([login(ctx.app, 'staff@demo.test'), login(ctx.app, 'regie@demo.test')]);
  for (const t of await asPlatform(ctx.deps.db, (tx) => tx.selectFrom('tenants').select(['id', 'short_code']).execute())) tenantIds[t.short_code] = t.id;
});
afterAll(async () => { await ctx?.close(); });

async function upload(session: Session, xml: string, options: { fileName?: string; contentType?: string } = {}) {
  const res = await ctx.app.inject({
    method: 'POST', url: `/api/bank/statements${options.fileName ? `?fileName=${encodeURIComponent(options.fileName)}` : ''}`,
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': options.contentType ?? 'application/xml' },
    payload: xml,
  });
  return { status: res.statusCode, body: res.json() };
}

/** Available wallet balance per customer number of a tenant, in minor units. */
async function balances(shortCode: string): Promise<Record<string, number>> {
  const tenantId = tenantIds[shortCode]!;
  return inTenant(ctx.deps.db, tenantId, async (tx) => {
    const people = await tx.selectFrom('people').select(['id', 'customer_number']).where('tenant_id', '=', tenantId).execute();
    const result: Record<string, number> = {};
    for (const p of people) result[p.customer_number] = (await walletOf(tx, tenantId, p.id)).available;
    return result;
  });
}

function changes(before: Record<string, number>, after: Record<string, number>) {
  return Object.fromEntries(Object.keys(after).filter((k) => after[k] !== before[k]).map((k) => [k, after[k]! - (before[k] ?? 0)]));
}

async function statementCount(shortCode: string) {
  const tenantId = tenantIds[shortCode]!;
  return inTenant(ctx.deps.db, tenantId, async (tx) => (await tx.selectFrom('bank_statements').select('id').where('tenant_id', '=', tenantId).execute()).length);
}

describe('bank statement import', () => {
  it('credits matched entries to the right wallets and queues the rest for review', async () => {
    const before = await balances('heimbau');
    const res = await upload(staff, fixture('heimbau-camt053-v02.xml'), { fileName: 'März 15.xml' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      format: 'camt.053.001.02', alreadyImported: false, newEntries: 8, matched: 4, toReview: 4, duplicatesSkipped: 0, ignored: 1,
      credited: { EUR: 13500 },
    });
    expect(changes(before, await balances('heimbau'))).toEqual({
      'HEIMBAU-10001': 5000, // RF reference
      'HEIMBAU-10002': 2500, // customer number in the free text
      'HEIMBAU-10003': 2000, // batch, first transfer
      'HEIMBAU-10004': 4000, // batch, second transfer
    });

    const queue = await staff.request('GET', '/api/bank/entries?status=review');
    expect(queue.status).toBe(200);
    const reasons = Object.fromEntries(queue.body.map((e: any) => [e.freeText ?? e.reference, [e.amount, e.currency, e.reviewReason]]));
    expect(reasons).toEqual({
      'Guthaben Waschkarte ID*heimbau*1234': [3000, 'EUR', 'no_match'],
      'Miete März Top 7 Restbetrag': [1234, 'EUR', 'no_match'],
      RF81HEIMBAU10099: [800, 'EUR', 'unknown_customer'],
      RF97HEIMBAU10005: [1500, 'CHF', 'currency'],
    });

    const statements = await staff.request('GET', '/api/bank/statements');
    expect(statements.body[0]).toMatchObject({ fileName: 'März 15.xml', importedBy: 'staff@demo.test', matched: 4, toReview: 4, credits: 8 });
  });

  it('leaves a badge label nobody holds here for review', async () => {
    const queue = await staff.request('GET', '/api/bank/entries?status=review');
    const badge = queue.body.find((e: any) => e.freeText?.includes('ID*heimbau*1234'));
    expect(badge).toMatchObject({ status: 'review', person: null });
  });

  it('reports the same file again as already imported and changes nothing', async () => {
    const before = await balances('heimbau');
    const count = await statementCount('heimbau');
    const res = await upload(staff, fixture('heimbau-camt053-v02.xml'), { contentType: 'text/xml' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ alreadyImported: true, newEntries: 0, matched: 0, credited: {} });
    expect(await balances('heimbau')).toEqual(before);
    expect(await statementCount('heimbau')).toBe(count);
  });

  it('accepts files above the API\'s usual 1 MiB and skips entries already known from another file', async () => {
    const padded = fixture('heimbau-camt053-v02.xml').replace('<BkToCstmrStmt>', `<!-- ${'x'.repeat(3 * 1024 * 1024)} --><BkToCstmrStmt>`);
    const before = await balances('heimbau');
    const res = await upload(staff, padded);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ alreadyImported: false, newEntries: 0, duplicatesSkipped: 8, credited: {} });
    expect(await balances('heimbau')).toEqual(before);
  });

  it('credits only the new bookings of an overlapping camt.054 of the same day', async () => {
    const before = await balances('heimbau');
    const res = await upload(staff, fixture('heimbau-camt054-v02.xml'));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ format: 'camt.054.001.02', newEntries: 1, matched: 1, duplicatesSkipped: 3, ignored: 1, credited: { EUR: 1000 } });
    expect(changes(before, await balances('heimbau'))).toEqual({ 'HEIMBAU-10005': 1000 });
  });

  it('does the same for Swiss camt.053.001.08 and camt.054.001.08, in either order', async () => {
    const before = await balances('regielac');
    const first = await upload(regie, fixture('regielac-camt054-v08.xml'));
    expect(first.body).toMatchObject({ newEntries: 2, matched: 2, credited: { CHF: 14000 } });
    const second = await upload(regie, fixture('regielac-camt053-v08.xml'));
    expect(second.body).toMatchObject({ newEntries: 5, matched: 4, toReview: 1, duplicatesSkipped: 1, credited: { CHF: 11500 } });
    expect(changes(before, await balances('regielac'))).toEqual({ 'REGIELAC-10001': 14000, 'REGIELAC-10002': 8000, 'REGIELAC-10003': 3500 });
    // Heimbau's staff see none of it.
    const heimbauQueue = await staff.request('GET', '/api/bank/entries');
    expect(heimbauQueue.body.every((e: any) => e.currency === 'EUR' || e.reference === 'RF97HEIMBAU10005')).toBe(true);
  });

  it('credits overlapping files imported at the same moment exactly once', async () => {
    // The Swiss pair again, for the next day: new bookings, the same overlap.
    const nextDay = (name: string) => fixture(name).replaceAll('CH240402', 'CH240403').replaceAll('20240402', '20240403');
    const before = await balances('regielac');
    const [a, b] = await Promise.all([upload(regie, nextDay('regielac-camt053-v08.xml')), upload(regie, nextDay('regielac-camt054-v08.xml'))]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.newEntries + b.body.newEntries).toBe(7);
    expect(a.body.duplicatesSkipped + b.body.duplicatesSkipped).toBe(1);
    expect(changes(before, await balances('regielac'))).toEqual({ 'REGIELAC-10001': 14000, 'REGIELAC-10002': 8000, 'REGIELAC-10003': 3500 });
  });

  it('refuses malformed files with the problem named, writing nothing', async () => {
    const count = await statementCount('heimbau');
    const before = await balances('heimbau');
    const broken = fixture('heimbau-camt054-v02.xml').replace('<Amt Ccy="EUR">10.00</Amt>', '');
    const cases: [string, string][] = [
      ['not a bank file', 'not well-formed XML'],
      [fixture('heimbau-camt054-v02.xml').replace('xsd:camt.054.001.02', 'xsd:camt.054.001.99'), 'unsupported namespace urn:iso:std:iso:20022:tech:xsd:camt.054.001.99'],
      [broken, 'Ntfctn[1]/Ntry[3]/Amt is missing'],
      ['<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><Document>&e;</Document>', 'DOCTYPE'],
    ];
    for (const [xml, problem] of cases) {
      const res = await upload(staff, xml);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('bankimport.malformed');
      expect(res.body.error.message).toContain(problem);
    }
    expect(await statementCount('heimbau')).toBe(count);
    expect(await balances('heimbau')).toEqual(before);
  });

  it('refuses uploads from residents and bodies that are not XML', async () => {
    const resident = await login(ctx.app, 'resident@demo.test');
    expect((await upload(resident, fixture('heimbau-camt053-v02.xml'))).status).toBe(403);
    expect((await resident.request('GET', '/api/bank/entries?status=review')).status).toBe(403);
    const json = await staff.request('POST', '/api/bank/statements', { xml: '<Document/>' });
    expect(json.status).toBe(400);
    expect((await staff.request('GET', '/api/bank/entries?status=pending')).body.error.code).toBe('request.invalid_query');
  });
});

describe('review queue', () => {
  const reviewEntry = async (session: Session, match: (e: any) => boolean) =>
    (await session.request('GET', '/api/bank/entries?status=review')).body.find(match);
  const personId = async (shortCode: string, customerNumber: string) => {
    const tenantId = tenantIds[shortCode]!;
    return inTenant(ctx.deps.db, tenantId, async (tx) => (await tx.selectFrom('people').select('id').where('tenant_id', '=', tenantId).where('customer_number', '=', customerNumber).executeTakeFirstOrThrow()).id);
  };

  it('assigns an entry to a person: the wallet is credited once, the decision audited', async () => {
    const entry = await reviewEntry(staff, (e) => e.freeText?.includes('ID*heimbau*1234'));
    const marie = await personId('heimbau', 'HEIMBAU-10003');
    const before = await balances('heimbau');
    const res = await staff.request('POST', `/api/bank/entries/${entry.id}/assign`, { personId: marie });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ status: 'assigned', person: { id: marie, customerNumber: 'HEIMBAU-10003', name: 'Marie Wagner' } });
    expect(res.body.transferId).toEqual(expect.any(String));
    const again = await staff.request('POST', `/api/bank/entries/${entry.id}/assign`, { personId: marie });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('bankimport.not_in_review');
    expect(changes(before, await balances('heimbau'))).toEqual({ 'HEIMBAU-10003': 3000 });
    const audit = await staff.request('GET', '/api/audit?entityType=bank_entry');
    expect(audit.body.events).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'bank.entry_assigned', entityId: entry.id })]));
  });

  it('returns an entry to the payer without touching any wallet', async () => {
    const entry = await reviewEntry(staff, (e) => e.freeText?.startsWith('Miete'));
    const before = await balances('heimbau');
    const res = await staff.request('POST', `/api/bank/entries/${entry.id}/return`, { reason: 'Rent, paid to the wrong account' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'returned', returnReason: 'Rent, paid to the wrong account', person: null, transferId: null });
    expect(await balances('heimbau')).toEqual(before);
    expect(await reviewEntry(staff, (e) => e.id === entry.id)).toBeUndefined();
    expect((await staff.request('POST', `/api/bank/entries/${entry.id}/assign`, { personId: await personId('heimbau', 'HEIMBAU-10001') })).status).toBe(409);
  });

  it('refuses to credit a foreign-currency entry, a person of another tenant, and another tenant\'s entry', async () => {
    const chf = await reviewEntry(staff, (e) => e.currency === 'CHF');
    const anna = await personId('heimbau', 'HEIMBAU-10001');
    const foreign = await staff.request('POST', `/api/bank/entries/${chf.id}/assign`, { personId: anna });
    expect(foreign.status).toBe(409);
    expect(foreign.body.error.code).toBe('bankimport.currency_mismatch');

    const unknown = await reviewEntry(staff, (e) => e.reference === 'RF81HEIMBAU10099');
    const camille = await personId('regielac', 'REGIELAC-10001');
    const otherPerson = await staff.request('POST', `/api/bank/entries/${unknown.id}/assign`, { personId: camille });
    expect(otherPerson.status).toBe(404);
    expect(otherPerson.body.error.code).toBe('bankimport.person_not_found');

    for (const action of ['assign', 'return'] as const) {
      const res = await regie.request('POST', `/api/bank/entries/${unknown.id}/${action}`, action === 'assign' ? { personId: camille } : { reason: 'x' });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('bankimport.entry_not_found');
    }
    expect(await reviewEntry(staff, (e) => e.id === unknown.id)).toMatchObject({ status: 'review' });
  });
});
