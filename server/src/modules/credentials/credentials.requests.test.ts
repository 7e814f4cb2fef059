// Badge requests: residents ask (first, additional, replacement after a loss; a private charger
// names its parking space or serial), staff approve (order and fee, optionally issued from stock
// at once) or reject with a reason; the resident sees the state and gets a mail in their language.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, login, type Session, type TestContext } from '../../test/app.ts';
import { addStock, demoIds } from './credentials.fixtures.ts';

let ctx: TestContext;
let staff: Session;
let regie: Session;
let anna: Session;
let camille: Session;
let ids: Awaited<ReturnType<typeof demoIds>>;

beforeAll(async () => {
  ctx = await createTestContext();
  ids = await demoIds(ctx.deps.db);
  [staff, regie, anna, camille] = await Promise.all([
    login(ctx.app, 'staff@demo.test'), login(ctx.app, 'regie@demo.test'), login(ctx.app, 'resident@demo.test'), login(ctx.app, 'resident.ch@demo.test'),
  ]);
  await addStock(ctx.deps.db, ids.heimbau, [{ uid: '04A224B2C35E80', label: 'ID*heimbau*1001' }, { uid: '04A224B2C35E81', label: 'ID*heimbau*1002' }]);
});
afterAll(async () => { await ctx?.close(); });

const ask = (session: Session, body: object) => session.request('POST', '/api/me/badge-requests', { id: randomUUID(), ...body });
const queue = async () => (await staff.request('GET', '/api/badge-requests?status=pending')).body as { id: string }[];

describe('asking for a badge', () => {
  it('needs a parking space or serial number for a private charger, keeps what was asked, and is idempotent', async () => {
    expect(await ask(anna, { kind: 'first', purpose: 'private_charger' })).toMatchObject({ status: 400, body: { error: { code: 'badge_requests.charger_location_required' } } });
    expect((await ask(anna, { kind: 'first', purpose: 'private_charger', parkingSpace: '   ' })).status).toBe(400);
    expect((await ask(anna, { kind: 'first', purpose: 'laundry', extra: 1 })).body.error.code).toBe('request.invalid_body');
    const body = { id: randomUUID(), kind: 'first', purpose: 'private_charger', parkingSpace: ' Stellplatz 14 ', note: 'Wallbox kommt im Mai' };
    const created = await anna.request('POST', '/api/me/badge-requests', body);
    expect(created).toMatchObject({ status: 201, body: { kind: 'first', purpose: 'private_charger', parkingSpace: 'Stellplatz 14', chargerSerial: null, status: 'pending', name: 'Anna Huber' } });
    expect((await anna.request('POST', '/api/me/badge-requests', body)).body.id).toBe(body.id);
    // Where it is for is only kept for a private charger.
    const laundry = await ask(anna, { kind: 'additional', purpose: 'laundry', parkingSpace: 'P1' });
    expect(laundry.body).toMatchObject({ purpose: 'laundry', parkingSpace: null });
    expect((await anna.request('GET', '/api/me/badge-requests')).body.map((r: { id: string }) => r.id)).toEqual([laundry.body.id, body.id]);
    expect((await queue()).map((r) => r.id)).toEqual([body.id, laundry.body.id]);
    // Staff do not ask for themselves; residents do not see the queue.
    expect((await ask(staff, { kind: 'first', purpose: 'laundry' })).body.error.code).toBe('credentials.no_person');
    expect((await anna.request('GET', '/api/badge-requests')).status).toBe(403);
  });

  it('refuses a replacement without a badge reported lost, and a "first" badge to someone who holds one', async () => {
    expect(await ask(camille, { kind: 'replacement', purpose: 'laundry' })).toMatchObject({ status: 409, body: { error: { code: 'badge_requests.no_lost_badge' } } });
    await regie.request('POST', '/api/credentials/orders', { personId: ids.people['REGIELAC-10001'] });
    expect(await ask(camille, { kind: 'first', purpose: 'laundry' })).toMatchObject({ status: 409, body: { error: { code: 'badge_requests.not_first' } } });
    expect((await ask(camille, { kind: 'additional', purpose: 'charging' })).status).toBe(201);
  });
});

describe('deciding requests', () => {
  it('approves: orders the badge, bills its fee and mails the resident; the badge works once the fee is paid', async () => {
    const request = (await ask(anna, { kind: 'additional', purpose: 'charging' })).body;
    const approved = await staff.request('POST', `/api/badge-requests/${request.id}/approve`, {});
    expect(approved).toMatchObject({ status: 200, body: { status: 'approved', reason: null } });
    expect(approved.body.credentialId).toBeTruthy();
    expect(approved.body.feeId).toBeTruthy();
    expect((await staff.request('POST', `/api/badge-requests/${request.id}/approve`, {})).body.error.code).toBe('badge_requests.already_decided');
    expect((await staff.request('POST', `/api/badge-requests/${request.id}/reject`, { reason: 'x' })).body.error.code).toBe('badge_requests.already_decided');

    const mail = ctx.mails.at(-1)!;
    expect(mail).toMatchObject({ to: 'resident@demo.test', subject: 'Ihr Antrag auf einen Badge wurde genehmigt' });
    expect(mail.text).toContain('8,00');
    expect(mail.text).toContain('/my-badges');

    const badge = (await anna.request('GET', '/api/me/credentials')).body.find((c: { id: string }) => c.id === approved.body.credentialId);
    expect(badge).toMatchObject({ status: 'ordered', requestId: request.id, fee: { id: approved.body.feeId, status: 'open', amountMinor: 800 } });
    // Issued later from stock, paid from the balance: it works.
    expect((await staff.request('POST', `/api/credentials/${badge.id}/fulfil`, { label: 'ID*heimbau*1002' })).body.status).toBe('awaiting_fee');
    await staff.request('POST', `/api/wallets/${ids.people['HEIMBAU-10001']}/adjustments`, { id: randomUUID(), amountMinor: 800, reason: 'Bareinzahlung' });
    expect((await anna.request('POST', `/api/me/fees/${approved.body.feeId}/pay`)).body.status).toBe('paid');
    expect((await anna.request('GET', '/api/me/credentials')).body.find((c: { id: string }) => c.id === badge.id).status).toBe('active');
  });

  it('approves and issues from stock in one step', async () => {
    const request = (await ask(anna, { kind: 'additional', purpose: 'laundry' })).body;
    const approved = await staff.request('POST', `/api/badge-requests/${request.id}/approve`, { fulfil: {} });
    expect(approved.body.status).toBe('approved');
    expect((await staff.request('GET', `/api/credentials/${approved.body.credentialId}`)).body.credential).toMatchObject({ status: 'awaiting_fee', label: 'ID*heimbau*1001' });
  });

  it('leaves the request pending when the stock badge asked for is not there', async () => {
    const request = (await ask(anna, { kind: 'additional', purpose: 'laundry' })).body;
    const fees = (await anna.request('GET', '/api/me/fees')).body.length;
    expect((await staff.request('POST', `/api/badge-requests/${request.id}/approve`, { fulfil: {} })).body.error.code).toBe('credentials.stock_empty');
    expect((await queue()).map((r) => r.id)).toContain(request.id);
    expect((await anna.request('GET', '/api/me/fees')).body.length).toBe(fees);
  });

  it('rejects with a reason the resident reads, in their language', async () => {
    const request = (await ask(camille, { kind: 'additional', purpose: 'private_charger', chargerSerial: 'WB-2024-0042' })).body;
    expect((await regie.request('POST', `/api/badge-requests/${request.id}/reject`, {})).status).toBe(400);
    expect((await regie.request('POST', `/api/badge-requests/${request.id}/reject`, { reason: ' ' })).body.error.code).toBe('credentials.invalid_reason');
    const rejected = await regie.request('POST', `/api/badge-requests/${request.id}/reject`, { reason: 'Pas de borne à cette place' });
    expect(rejected.body).toMatchObject({ status: 'rejected', reason: 'Pas de borne à cette place', credentialId: null, feeId: null });
    expect((await camille.request('GET', '/api/me/badge-requests')).body.find((r: { id: string }) => r.id === request.id))
      .toMatchObject({ status: 'rejected', reason: 'Pas de borne à cette place', chargerSerial: 'WB-2024-0042' });
    expect(ctx.mails.at(-1)).toMatchObject({ to: 'resident.ch@demo.test', subject: 'Votre demande de badge n\'a pas été acceptée' });
    expect(ctx.mails.at(-1)!.text).toContain('Pas de borne à cette place');
  });

  it('lets the resident withdraw a pending request, not a decided one nor anyone else\'s; other tenants\' requests do not exist', async () => {
    const request = (await ask(anna, { kind: 'additional', purpose: 'laundry' })).body;
    expect((await camille.request('POST', `/api/me/badge-requests/${request.id}/cancel`)).status).toBe(404);
    expect((await regie.request('POST', `/api/badge-requests/${request.id}/approve`, {})).status).toBe(404);
    expect((await anna.request('POST', `/api/me/badge-requests/${request.id}/cancel`)).body.status).toBe('cancelled');
    expect((await anna.request('POST', `/api/me/badge-requests/${request.id}/cancel`)).body.error.code).toBe('badge_requests.already_decided');
    expect((await staff.request('POST', `/api/badge-requests/${request.id}/approve`, {})).body.error.code).toBe('badge_requests.already_decided');
  });
});
