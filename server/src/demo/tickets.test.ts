import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestContext, login, type TestContext } from '../test/app.ts';

let ctx: TestContext;
beforeAll(async () => { ctx = await createTestContext({ demoWallets: true }); });
afterAll(async () => { await ctx.close(); });

it('gives Anna a fault ticket with the office\'s reply and a charger request awaiting approval, and a technician login without sites', async () => {
  const anna = await login(ctx.app, 'resident@demo.test');
  const { tickets } = (await anna.request('GET', '/api/tickets')).body;
  expect(tickets.map((t: { category: string; status: string }) => [t.category, t.status]).sort())
    .toEqual([['appliance_fault', 'in_progress'], ['charger_installation', 'awaiting_approval']]);
  const fault = (await anna.request('GET', `/api/tickets/${tickets.find((t: { category: string }) => t.category === 'appliance_fault').id}`)).body;
  expect(fault.events.find((e: { kind: string }) => e.kind === 'comment')).toMatchObject({ authorName: 'Michael Berger' });
  const technician = await login(ctx.app, 'technician@demo.test');
  expect((await technician.request('GET', '/api/tickets')).body.total).toBe(0);
  expect((await technician.request('GET', '/api/sites')).body).toEqual([]);
});
