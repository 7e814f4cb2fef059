import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestContext, login, type TestContext } from '../../test/app.ts';
import { TRANSFER_REQUEST_TIMEOUT_SECONDS } from '../../modules/wallets/wallets.usecases.ts';
import { expireHoldsEverywhere } from './expireHolds.ts';

let ctx: TestContext;
beforeAll(async () => { ctx = await createTestContext(); });
afterAll(async () => { await ctx.close(); });

it('returns the money of a transfer nobody accepted once its hold expires, and closes the request', async () => {
  const manager = await login(ctx.app, 'manager@demo.test');
  let anna = await login(ctx.app, 'resident@demo.test');
  const annaId = (await anna.request('GET', '/api/wallet')).body.personId;
  await manager.request('POST', `/api/wallets/${annaId}/adjustments`, { id: randomUUID(), amountMinor: 1000, reason: 'Bareinzahlung' });
  await anna.request('POST', '/api/wallet/transfers', { id: randomUUID(), to: 'HEIMBAU-10002', amountMinor: 400 });
  expect((await anna.request('GET', '/api/wallet')).body.available).toBe(600);

  expect(await expireHoldsEverywhere(ctx.deps)).toBe(0);
  ctx.clock.advance((TRANSFER_REQUEST_TIMEOUT_SECONDS + 60) * 1000);
  expect(await expireHoldsEverywhere(ctx.deps)).toBe(1);
  anna = await login(ctx.app, 'resident@demo.test'); // a week later the old session has expired
  expect((await anna.request('GET', '/api/wallet')).body).toMatchObject({ available: 1000, pendingDebits: 0 });
  expect((await anna.request('GET', '/api/wallet/transfers')).body[0].status).toBe('cancelled');
});
