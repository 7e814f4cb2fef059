import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, login, type TestContext } from '../../test/app.ts';

let ctx: TestContext;
beforeAll(async () => { ctx = await createTestContext(); });
afterAll(async () => { await ctx.close(); });

describe('parties', () => {
  it('keeps organisations and lock owners, linked to a person where there is one', async () => {
    const manager = await login(ctx.app, 'manager@demo.test');
    const [anna] = (await manager.request('GET', '/api/people?search=Anna')).body;
    const org = await manager.request('POST', '/api/parties', { kind: 'organisation', name: 'Hausbetreuung Wien GmbH', email: 'office@hb.test' });
    const owner = await manager.request('POST', '/api/parties', { kind: 'lock_owner', name: 'Anna Huber', personId: anna.id });
    expect(org).toMatchObject({ status: 201, body: { kind: 'organisation', personId: null, email: 'office@hb.test' } });
    expect(owner.body.personId).toBe(anna.id);
    expect((await manager.request('GET', '/api/parties?kind=lock_owner')).body.map((p: { name: string }) => p.name)).toEqual(['Anna Huber', 'Karin Schlosser']);
    const renamed = await manager.request('PATCH', `/api/parties/${org.body.id}`, { name: 'Hausbetreuung Wien' });
    expect(renamed.body.name).toBe('Hausbetreuung Wien');
    expect((await manager.request('GET', `/api/parties/${org.body.id}`)).body.name).toBe('Hausbetreuung Wien');
  });

  it('answers 404 when linking another property manager\'s person', async () => {
    const manager = await login(ctx.app, 'manager@demo.test');
    const regie = await login(ctx.app, 'regie@demo.test');
    const [foreign] = (await regie.request('GET', '/api/people')).body;
    const response = await manager.request('POST', '/api/parties', { kind: 'lock_owner', name: 'x', personId: foreign.id });
    expect(response).toMatchObject({ status: 404, body: { error: { code: 'people.not_found' } } });
  });
});
