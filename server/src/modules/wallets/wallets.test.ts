import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, login, type Session, type TestContext } from '../../test/app.ts';

let ctx: TestContext;
let manager: Session;
let anna: Session; // resident@demo.test, HEIMBAU-10001
let annaId: string;
let lukasId: string;
beforeAll(async () => {
  ctx = await createTestContext();
  manager = await login(ctx.app, 'manager@demo.test');
  anna = await login(ctx.app, 'resident@demo.test');
  const found = (await manager.request('GET', '/api/wallets?search=HEIMBAU-1000')).body;
  annaId = found.find((w: { customerNumber: string }) => w.customerNumber === 'HEIMBAU-10001').personId;
  lukasId = found.find((w: { customerNumber: string }) => w.customerNumber === 'HEIMBAU-10002').personId;
});
afterAll(async () => { await ctx.close(); });

const credit = (personId: string, amountMinor: number, id = randomUUID()) =>
  manager.request('POST', `/api/wallets/${personId}/adjustments`, { id, amountMinor, reason: 'Einzahlung am Schalter' });

describe('wallets', () => {
  it('lets staff credit and debit a wallet with a reason, audited, and the resident sees the balance', async () => {
    expect((await credit(annaId, 2500)).body).toMatchObject({ posted: 2500, available: 2500, currency: 'EUR' });
    expect((await credit(annaId, -500)).body.available).toBe(2000);
    expect((await anna.request('GET', '/api/wallet')).body).toMatchObject({ customerNumber: 'HEIMBAU-10001', available: 2000, inDebt: false });
    const audit = (await manager.request('GET', '/api/audit?entityType=wallet')).body;
    expect(JSON.stringify(audit)).toContain('Einzahlung am Schalter');
  });

  it('refuses a debit beyond the balance and a retried adjustment applies once', async () => {
    expect((await credit(annaId, -999_999)).body.error.code).toBe('ledger.insufficient_funds');
    const id = randomUUID();
    await credit(lukasId, 1000, id);
    await credit(lukasId, 1000, id);
    expect((await manager.request('GET', `/api/wallets/${lukasId}`)).body.available).toBe(1000);
  });

  it('charges a fee and shows every movement with a running balance in the statement, as CSV and PDF', async () => {
    const fee = await manager.request('POST', `/api/wallets/${annaId}/fees`, { id: randomUUID(), amountMinor: 650, description: 'Waschkarte' });
    expect(fee.body.available).toBe(1350);
    const statement = (await anna.request('GET', '/api/wallet/statement')).body;
    expect(statement.lines.map((l: { amount: number }) => l.amount)).toEqual([2500, -500, -650]);
    expect(statement.lines.map((l: { balance: number }) => l.balance)).toEqual([2500, 2000, 1350]);
    expect(statement.closing).toBe(1350);

    const csv = await ctx.app.inject({ method: 'GET', url: '/api/wallet/statement?format=csv', headers: { cookie: anna.cookie } });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('Gebühr: Waschkarte');
    expect(csv.body).toContain('-6.50,13.50');

    const pdf = await ctx.app.inject({ method: 'GET', url: '/api/wallet/statement?format=pdf', headers: { cookie: anna.cookie } });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    const future = (await anna.request('GET', '/api/wallet/statement?from=2099-01-01')).body;
    expect(future).toMatchObject({ opening: 1350, closing: 1350, lines: [] });
  });

  it('holds a transfer to a neighbour until the neighbour accepts; a declined one returns the money', async () => {
    await credit(annaId, 1000);
    const before = (await anna.request('GET', '/api/wallet')).body.available;
    const sent = await anna.request('POST', '/api/wallet/transfers', { id: randomUUID(), to: 'heimbau-10002', amountMinor: 300 });
    expect(sent).toMatchObject({ status: 201, body: { status: 'pending', receiverName: 'Lukas Gruber' } });
    expect((await anna.request('GET', '/api/wallet')).body.available).toBe(before - 300);

    const lukasUser = await acceptInvitationAs('lukas.gruber@demo.test', lukasId);
    expect((await lukasUser.request('POST', `/api/wallet/transfers/${sent.body.id}/accept`)).body.status).toBe('accepted');
    expect((await manager.request('GET', `/api/wallets/${lukasId}`)).body.available).toBe(1300);
    expect((await lukasUser.request('POST', `/api/wallet/transfers/${sent.body.id}/decline`)).body.error.code).toBe('wallets.transfer_decided');

    const second = await anna.request('POST', '/api/wallet/transfers', { id: randomUUID(), to: 'HEIMBAU-10002', amountMinor: 200 });
    await lukasUser.request('POST', `/api/wallet/transfers/${second.body.id}/decline`);
    expect((await anna.request('GET', '/api/wallet')).body.available).toBe(before - 300);
    expect((await anna.request('POST', '/api/wallet/transfers', { id: randomUUID(), to: 'HEIMBAU-10001', amountMinor: 1 })).body.error.code).toBe('wallets.self_transfer');
    expect((await anna.request('POST', '/api/wallet/transfers', { id: randomUUID(), to: 'REGIELAC-10001', amountMinor: 1 })).body.error.code).toBe('wallets.receiver_not_found');
  });

  it('keeps wallets to staff and to their owner', async () => {
    expect((await anna.request('GET', `/api/wallets/${lukasId}`)).status).toBe(403);
    expect((await anna.request('POST', `/api/wallets/${annaId}/adjustments`, { id: randomUUID(), amountMinor: 100, reason: 'gift' })).status).toBe(403);
    const regie = await login(ctx.app, 'regie@demo.test');
    expect((await regie.request('GET', `/api/wallets/${annaId}`)).status).toBe(404);
    expect((await manager.request('GET', '/api/wallet')).body.error.code).toBe('wallets.no_person');
    const request = await anna.request('POST', '/api/wallet/transfers', { id: randomUUID(), to: 'HEIMBAU-10002', amountMinor: 1 });
    const camille = await login(ctx.app, 'resident.ch@demo.test');
    for (const decision of ['accept', 'decline', 'cancel']) {
      expect((await camille.request('POST', `/api/wallet/transfers/${request.body.id}/${decision}`)).status).toBe(404);
    }
    expect((await anna.request('POST', `/api/wallet/transfers/${request.body.id}/accept`)).status).toBe(404); // only the receiver accepts
  });
});

/** Gives a demo person without login a resident login through the invitation flow. */
async function acceptInvitationAs(email: string, personId: string): Promise<Session> {
  await manager.request('POST', '/api/invitations', { email, role: 'resident', personId });
  const mail = ctx.mails.filter((m) => m.to === email).at(-1)!;
  const token = /token=([A-Za-z0-9_-]+)/.exec(mail.text)![1]!;
  const accepted = await ctx.app.inject({ method: 'POST', url: '/api/invitations/accept', payload: { token, password: 'lukas-password-1', displayName: 'Lukas Gruber' } });
  expect(accepted.statusCode).toBe(200);
  return login(ctx.app, email, 'lukas-password-1');
}
