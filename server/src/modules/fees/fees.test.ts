import { randomUUID } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../../db/scope.ts';
import { createTestContext, login, type Session, type TestContext } from '../../test/app.ts';
import { checkLedgerInvariants } from '../ledger/ledger.invariants.ts';
import { getAccount, systemAccount } from '../ledger/ledger.usecases.ts';
import { createFee } from './fees.usecases.ts';

let ctx: TestContext;
let manager: Session;
let staff: Session;
let regie: Session;
let anna: Session; // resident@demo.test, HEIMBAU-10001
let camille: Session; // resident.ch@demo.test, REGIELAC-10001
let annaId: string;
let lukasId: string;
let camilleId: string;
let heimbauId: string;

const BADGE = [{ description: 'Badge', amountMinor: 650 }, { description: 'Shipping', amountMinor: 150 }];

beforeAll(async () => {
  ctx = await createTestContext();
  [manager, staff, regie, anna, camille] = await Promise.all([
    login(ctx.app, 'manager@demo.test'), login(ctx.app, 'staff@demo.test'), login(ctx.app, 'regie@demo.test'),
    login(ctx.app, 'resident@demo.test'), login(ctx.app, 'resident.ch@demo.test'),
  ]);
  const people = (await manager.request('GET', '/api/wallets?search=HEIMBAU-1000')).body;
  annaId = people.find((w: { customerNumber: string }) => w.customerNumber === 'HEIMBAU-10001').personId;
  lukasId = people.find((w: { customerNumber: string }) => w.customerNumber === 'HEIMBAU-10002').personId;
  camilleId = (await camille.request('GET', '/api/wallet')).body.personId;
  heimbauId = (await manager.request('GET', '/api/tenant')).body.id;
});
afterAll(async () => { await ctx?.close(); });

const bill = (session: Session, personId: string, items = BADGE, id = randomUUID()) => session.request('POST', '/api/fees', { id, personId, items });
const credit = (session: Session, personId: string, amountMinor: number) =>
  session.request('POST', `/api/wallets/${personId}/adjustments`, { id: randomUUID(), amountMinor, reason: 'Bareinzahlung' });
const balance = async (session: Session) => (await session.request('GET', '/api/wallet')).body.available as number;
const revenue = () => inTenant(ctx.deps.db, heimbauId, async (tx) => (await getAccount(tx, heimbauId, await systemAccount(tx, heimbauId, 'revenue'))).posted);

/** The text drawn in built-in fonts: pdfkit writes it as hex strings inside deflated content streams. */
function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  let text = '';
  for (const match of raw.matchAll(/stream\r?\n/g)) {
    const start = match.index! + match[0].length;
    try {
      const content = inflateSync(pdf.subarray(start, raw.indexOf('endstream', start))).toString('latin1');
      for (const hex of content.matchAll(/<([0-9a-fA-F]+)>/g)) text += Buffer.from(hex[1]!, 'hex').toString('latin1');
    } catch { /* not a deflated stream */ }
  }
  return text.replace(/\s+/g, '');
}

describe('billing a fee', () => {
  it('lets staff bill a customer; the resident sees it open with its lines and a fee reference', async () => {
    const res = await bill(staff, annaId);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ personId: annaId, customerNumber: 'HEIMBAU-10001', name: 'Anna Huber', currency: 'EUR', amountMinor: 800, items: BADGE, status: 'open', paidVia: null, subject: null });
    expect(res.body.reference).toMatch(/^RF[0-9]{2}HEIMBAUF[0-9]+$/);
    const mine = (await anna.request('GET', '/api/me/fees')).body;
    expect(mine.map((f: { id: string }) => f.id)).toContain(res.body.id);
    const audit = (await manager.request('GET', '/api/audit?entityType=fee')).body.events;
    expect(audit).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'fee.created', entityId: res.body.id })]));
  });

  it('treats a repeated request with the same id as the same fee, and refuses the id for someone else', async () => {
    const id = randomUUID();
    const [first, again] = [await bill(staff, lukasId, BADGE, id), await bill(staff, lukasId, BADGE, id)];
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.body).toEqual(first.body);
    expect((await staff.request('GET', `/api/fees?personId=${lukasId}`)).body.filter((f: { id: string }) => f.id === id)).toHaveLength(1);
    expect((await bill(staff, annaId, BADGE, id)).body.error.code).toBe('fees.id_reused');
  });

  it('refuses bad lines, residents and people of another tenant', async () => {
    for (const items of [[], [{ description: 'Badge', amountMinor: 0 }], [{ description: '', amountMinor: 100 }], [{ description: 'Badge', amountMinor: 650, vat: 20 }]]) {
      expect((await bill(staff, annaId, items as typeof BADGE)).status).toBe(400);
    }
    expect((await bill(staff, annaId, [{ description: '   ', amountMinor: 100 }])).body.error.code).toBe('fees.invalid_items');
    expect((await bill(anna, annaId)).status).toBe(403);
    expect((await anna.request('GET', '/api/fees')).status).toBe(403);
    expect((await bill(staff, camilleId)).body.error.code).toBe('people.not_found');
    expect((await staff.request('GET', '/api/me/fees')).body.error.code).toBe('fees.no_person');
  });

  it('keeps one live fee per subject, the seam the badge order uses', async () => {
    const actor = { userId: '', email: '', displayName: 'badges', language: 'en' as const, platformRole: null, tenantId: heimbauId, role: 'manager_admin' as const, personId: null, via: 'token' as const, sessionId: null, scopes: null };
    const subject = { type: 'example_order', id: randomUUID() };
    const create = (id = randomUUID()) => inTenant(ctx.deps.db, heimbauId, (tx) => createFee(tx, { tenantId: heimbauId, id, personId: lukasId, items: BADGE, subject, actor, now: new Date() }));
    const fee = await create();
    expect(fee.subject_type).toBe('example_order');
    await expect(create()).rejects.toMatchObject({ code: 'fees.subject_has_fee' });
    const listed = (await staff.request('GET', `/api/fees?personId=${lukasId}&status=open`)).body.find((f: { id: string }) => f.id === fee.id);
    expect(listed.subject).toEqual(subject);
    await staff.request('POST', `/api/fees/${fee.id}/cancel`, { reason: 'Badge order withdrawn' });
    expect((await create()).status).toBe('open');
  });
});

describe('paying from the wallet', () => {
  it('refuses while the balance is too low and leaves fee and balance alone', async () => {
    const fee = (await bill(staff, annaId)).body;
    await credit(staff, annaId, 500);
    const before = await balance(anna);
    const res = await anna.request('POST', `/api/me/fees/${fee.id}/pay`);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('fees.insufficient_funds');
    expect(await balance(anna)).toBe(before);
    expect((await anna.request('GET', '/api/me/fees')).body.find((f: { id: string }) => f.id === fee.id).status).toBe('open');
  });

  it('pays the fee to revenue once, however often the request is sent, and the statement names it', async () => {
    await credit(staff, annaId, 2000);
    const fee = (await anna.request('GET', '/api/me/fees')).body.find((f: { status: string }) => f.status === 'open');
    const [before, revenueBefore] = [await balance(anna), await revenue()];
    const results = await Promise.all([1, 2, 3].map(() => anna.request('POST', `/api/me/fees/${fee.id}/pay`)));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(results[0]!.body).toMatchObject({ id: fee.id, status: 'paid', paidVia: 'wallet' });
    expect((await anna.request('POST', `/api/me/fees/${fee.id}/pay`)).body.status).toBe('paid');
    expect(await balance(anna)).toBe(before - 800);
    expect(await revenue()).toBe(revenueBefore + 800);
    const lines = (await anna.request('GET', '/api/wallet/statement')).body.lines;
    expect(lines.filter((l: { code: string; amount: number; note: string }) => l.code === 'fee' && l.amount === -800 && l.note === 'Badge, Shipping')).toHaveLength(1);
    const audit = (await manager.request('GET', '/api/audit?entityType=fee')).body.events;
    expect(audit.filter((e: { action: string; entityId: string }) => e.action === 'fee.paid' && e.entityId === fee.id)).toHaveLength(1);
  });

  it('lets a resident pay only their own fees: another person\'s and another tenant\'s answer 404', async () => {
    const lukasFee = (await bill(staff, lukasId)).body;
    const camilleFee = (await bill(regie, camilleId)).body;
    await credit(staff, annaId, 5000);
    const before = await balance(anna);
    for (const id of [lukasFee.id, camilleFee.id, randomUUID()]) {
      expect((await anna.request('POST', `/api/me/fees/${id}/pay`)).body.error.code).toBe('fees.not_found');
      expect((await anna.request('GET', `/api/me/fees/${id}/slip.pdf`)).status).toBe(404);
    }
    expect((await regie.request('POST', `/api/fees/${lukasFee.id}/cancel`, { reason: 'Not ours' })).body.error.code).toBe('fees.not_found');
    expect((await regie.request('GET', '/api/fees')).body.map((f: { id: string }) => f.id)).not.toContain(lukasFee.id);
    expect((await staff.request('GET', `/api/fees?personId=${camilleId}`)).status).toBe(404);
    expect((await staff.request('POST', `/api/me/fees/${lukasFee.id}/pay`)).status).toBe(403);
    expect(await balance(anna)).toBe(before);
    expect((await staff.request('GET', `/api/fees?personId=${lukasId}&status=open`)).body.map((f: { id: string }) => f.id)).toContain(lukasFee.id);
  });
});

describe('cancelling', () => {
  it('lets staff cancel an open fee with a reason (audited); it can then neither be paid nor cancelled again', async () => {
    const fee = (await bill(staff, annaId)).body;
    const res = await staff.request('POST', `/api/fees/${fee.id}/cancel`, { reason: 'Billed twice' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'cancelled', cancelReason: 'Billed twice' });
    const before = await balance(anna);
    expect((await anna.request('POST', `/api/me/fees/${fee.id}/pay`)).body.error.code).toBe('fees.not_open');
    expect(await balance(anna)).toBe(before);
    expect((await staff.request('POST', `/api/fees/${fee.id}/cancel`, { reason: 'Again' })).body.error.code).toBe('fees.not_open');
    const audit = (await manager.request('GET', '/api/audit?entityType=fee')).body.events;
    expect(audit).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'fee.cancelled', entityId: fee.id })]));
  });

  it('never cancels a paid fee (fees are not refunded) and refuses residents and blank reasons', async () => {
    const paid = (await anna.request('GET', '/api/me/fees')).body.find((f: { status: string }) => f.status === 'paid');
    expect((await staff.request('POST', `/api/fees/${paid.id}/cancel`, { reason: 'Refund please' })).body.error.code).toBe('fees.not_open');
    const open = (await bill(staff, annaId)).body;
    expect((await anna.request('POST', `/api/fees/${open.id}/cancel`, { reason: 'Too expensive' })).status).toBe(403);
    expect((await staff.request('POST', `/api/fees/${open.id}/cancel`, { reason: '     ' })).body.error.code).toBe('fees.invalid_reason');
    expect((await staff.request('GET', `/api/fees?personId=${annaId}&status=cancelled`)).body.every((f: { status: string }) => f.status === 'cancelled')).toBe(true);
  });
});

describe('payment slips', () => {
  it('prints an open fee\'s slip with its reference and amount; a paid fee has none', async () => {
    const fee = (await bill(staff, annaId)).body;
    const res = await ctx.app.inject({ method: 'GET', url: `/api/me/fees/${fee.id}/slip.pdf`, headers: { cookie: anna.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = pdfText(res.rawPayload);
    expect(text).toContain(fee.reference);
    expect(text).toContain('AT611904300234573201');
    expect(text).toContain('8.00');
    expect(text).toContain('EUR6.50');
    const paid = (await anna.request('GET', '/api/me/fees')).body.find((f: { status: string }) => f.status === 'paid');
    expect((await anna.request('GET', `/api/me/fees/${paid.id}/slip.pdf`)).body.error.code).toBe('fees.not_open');
  });

  it('gives a Swiss fee a QR reference and a QR-bill with the amount', async () => {
    const fee = (await bill(regie, camilleId)).body;
    expect(fee.reference).toMatch(/^9[0-9]{26}$/);
    const res = await ctx.app.inject({ method: 'GET', url: `/api/me/fees/${fee.id}/slip.pdf`, headers: { cookie: camille.cookie } });
    expect(res.statusCode).toBe(200);
    const text = pdfText(res.rawPayload);
    expect(text).toContain(fee.reference);
    expect(text).toContain('Récépissé');
    expect(text).toContain('8.00');
  });
});

it('leaves the ledger consistent', async () => {
  expect(await ctx.handle.asOwner((db) => checkLedgerInvariants(db))).toEqual([]);
});
