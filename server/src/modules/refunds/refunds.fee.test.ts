// Residents see the refund fee before they ask (the portal states it); only an admin changes it.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestContext, login, type TestContext } from '../../test/app.ts';

let ctx: TestContext;
beforeAll(async () => { ctx = await createTestContext(); });
afterAll(async () => { await ctx.close(); });

it('lets a resident read the refund fee but not change it', async () => {
  const resident = await login(ctx.app, 'resident@demo.test');
  const read = await resident.request('GET', '/api/tenant/refund-settings');
  expect(read.status).toBe(200);
  expect(read.body).toEqual({ refundFeeMinor: 150 });
  expect((await resident.request('PUT', '/api/tenant/refund-settings', { refundFeeMinor: 0 })).status).toBe(403);
  const staff = await login(ctx.app, 'staff@demo.test');
  expect((await staff.request('PUT', '/api/tenant/refund-settings', { refundFeeMinor: 0 })).status).toBe(403);
  expect((await resident.request('GET', '/api/tenant/refund-settings')).body).toEqual({ refundFeeMinor: 150 });
});
