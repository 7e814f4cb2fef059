import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, login, type TestContext } from '../../test/app.ts';

let ctx: TestContext;
beforeAll(async () => { ctx = await createTestContext(); });
afterAll(async () => { await ctx.close(); });

describe('audit log', () => {
  it('shows who changed what, filterable by actor, action and day, only within the tenant', async () => {
    const manager = await login(ctx.app, 'manager@demo.test');
    const staff = await login(ctx.app, 'staff@demo.test');
    const site = (await manager.request('POST', '/api/sites', { name: 'A', street: 'B', postalCode: '1', city: 'Wien', country: 'AT' })).body;
    await staff.request('PATCH', `/api/sites/${site.id}`, { name: 'A2' });

    const all = (await manager.request('GET', '/api/audit')).body;
    expect(all.events.map((e: { action: string; actor: string }) => [e.action, e.actor]).slice(0, 2))
      .toEqual([['site.updated', 'staff@demo.test'], ['site.created', 'manager@demo.test']]);
    expect(all.events[0]).toMatchObject({ entityType: 'site', entityId: site.id, before: { name: 'A' }, after: { name: 'A2' } });

    expect((await staff.request('GET', '/api/audit?actor=manager@')).body.events.map((e: { action: string }) => e.action)).toEqual(['site.created']);
    const today = ctx.clock.now().toISOString().slice(0, 10);
    expect((await manager.request('GET', `/api/audit?from=${today}&to=${today}`)).body.events).toHaveLength(2);
    expect((await manager.request('GET', '/api/audit?to=2020-01-01')).body.events).toHaveLength(0);
    expect((await manager.request('GET', '/api/audit?page=2')).body).toMatchObject({ page: 2, events: [] });

    const regie = await login(ctx.app, 'regie@demo.test');
    expect((await regie.request('GET', '/api/audit')).body.events).toEqual([]);
    const resident = await login(ctx.app, 'resident@demo.test');
    expect((await resident.request('GET', '/api/audit')).status).toBe(403);
  });
});
