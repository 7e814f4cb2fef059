import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestContext, login, type TestContext } from '../test/app.ts';
import { checkLedgerInvariants } from '../modules/ledger/ledger.invariants.ts';

let ctx: TestContext;
beforeAll(async () => { ctx = await createTestContext({ demoWallets: true }); });
afterAll(async () => { await ctx.close(); });

it('gives demo residents wallets with balances and weeks of history, on a consistent ledger', async () => {
  const resident = await login(ctx.app, 'resident@demo.test');
  const wallet = (await resident.request('GET', '/api/wallet')).body;
  expect(wallet.available).toBeGreaterThan(0);
  const statement = (await resident.request('GET', '/api/wallet/statement')).body;
  expect(statement.lines.length).toBeGreaterThanOrEqual(9);
  expect(statement.closing).toBe(wallet.posted);
  const firstDay = new Date(statement.lines[0].at).getTime();
  expect(Date.now() - firstDay).toBeGreaterThan(30 * 86_400_000);
  const swiss = (await (await login(ctx.app, 'resident.ch@demo.test')).request('GET', '/api/wallet')).body;
  expect(swiss).toMatchObject({ currency: 'CHF' });
  expect(await ctx.handle.asOwner((db) => checkLedgerInvariants(db))).toEqual([]);
});
