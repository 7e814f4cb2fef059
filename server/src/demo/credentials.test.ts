// The demo shows every badge state a resident meets: a working badge, a lost one, and a
// replacement waiting for its fee, which works once the fee is paid from the balance.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestContext, login, type TestContext } from '../test/app.ts';

let ctx: TestContext;
beforeAll(async () => { ctx = await createTestContext({ demoWallets: true }); });
afterAll(async () => { await ctx?.close(); });

it('gives Anna a working badge, a lost one and a replacement awaiting its fee, which works once she pays', async () => {
  const anna = await login(ctx.app, 'resident@demo.test');
  const badges = (await anna.request('GET', '/api/me/credentials')).body as { id: string; label: string; status: string }[];
  expect(badges.map((b) => [b.label, b.status]).sort()).toEqual([
    ['ID*heimbau*1001', 'active'], ['ID*heimbau*1002', 'lost'], ['ID*heimbau*1003', 'awaiting_fee'],
  ]);
  const fees = (await anna.request('GET', '/api/me/fees')).body;
  expect(fees).toHaveLength(1);
  expect(fees[0]).toMatchObject({ status: 'open', amountMinor: 800, currency: 'EUR', items: [{ description: 'Badge (Karte)', amountMinor: 650 }, { description: 'Versand', amountMinor: 150 }] });
  expect((await anna.request('GET', '/api/wallet')).body.available).toBeGreaterThanOrEqual(800);

  expect((await anna.request('POST', `/api/me/fees/${fees[0].id}/pay`)).status).toBe(200);
  const after = (await anna.request('GET', '/api/me/credentials')).body as { label: string; status: string }[];
  expect(after.find((b) => b.label === 'ID*heimbau*1003')?.status).toBe('active');
});

it('stocks both managers and gives Camille her badge and the building\'s door badge', async () => {
  const staff = await login(ctx.app, 'staff@demo.test');
  const stock = (await staff.request('GET', '/api/badge-stock')).body;
  expect(stock.total).toBe(17);
  expect(stock.badges[0]).toMatchObject({ label: 'ID*heimbau*1004' });
  const camille = await login(ctx.app, 'resident.ch@demo.test');
  const badges = (await camille.request('GET', '/api/me/credentials')).body as { label: string | null; status: string; origin: string }[];
  expect(badges.map((b) => [b.label, b.status, b.origin]).sort()).toEqual([[null, 'active', 'building'], ['ID*regielac*0001', 'active', 'platform']]);
});
