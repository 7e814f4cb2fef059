import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, login, type TestContext } from '../../test/app.ts';

let ctx: TestContext;
beforeAll(async () => { ctx = await createTestContext(); });
afterAll(async () => { await ctx.close(); });

const call = async (token: string, method: 'GET' | 'POST', url: string, payload?: object) => {
  const res = await ctx.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload && { payload }) });
  return { status: res.statusCode, body: res.json() };
};

describe('API tokens', () => {
  it('shows a token once, lets it read what its scopes allow and nothing else, until revoked', async () => {
    const manager = await login(ctx.app, 'manager@demo.test');
    const created = await manager.request('POST', '/api/api-tokens', { name: 'Hausverwaltungssoftware', scopes: ['sites:read'] });
    expect(created.status).toBe(201);
    const token: string = created.body.token;
    expect(token).toMatch(/^cz_/);
    expect(created.body.prefix).toBe(token.slice(0, 10));

    const sites = await call(token, 'GET', '/api/sites');
    expect(sites.status).toBe(200);
    expect(sites.body.map((s: { city: string }) => s.city)).toEqual(['Wien', 'Wien']);
    expect(await call(token, 'GET', '/api/people')).toMatchObject({ status: 403, body: { error: { code: 'auth.token_scope' } } });
    expect(await call(token, 'POST', '/api/sites', { name: 'x', street: 'y', postalCode: '1', city: 'z', country: 'AT' }))
      .toMatchObject({ status: 403, body: { error: { code: 'auth.token_scope' } } });
    expect((await call(token, 'GET', '/api/api-tokens')).status).toBe(403);

    const listed = (await manager.request('GET', '/api/api-tokens')).body;
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ name: 'Hausverwaltungssoftware', scopes: ['sites:read'], revokedAt: null });
    expect(listed[0].lastUsedAt).not.toBeNull();
    expect(listed[0].token).toBeUndefined();

    expect((await manager.request('DELETE', `/api/api-tokens/${created.body.id}`)).status).toBe(200);
    expect((await call(token, 'GET', '/api/sites')).status).toBe(401);
    expect((await manager.request('GET', '/api/api-tokens')).body[0].revokedAt).not.toBeNull();
  });

  it('reads people with the people:read scope', async () => {
    const manager = await login(ctx.app, 'manager@demo.test');
    const { token } = (await manager.request('POST', '/api/api-tokens', { name: 'CRM', scopes: ['people:read'] })).body;
    const people = await call(token, 'GET', '/api/people?search=Huber');
    expect(people.status).toBe(200);
    expect(people.body[0].lastName).toBe('Huber');
    expect((await call(token, 'GET', '/api/sites')).status).toBe(403);
  });

  it('refuses unknown scopes and non-admins', async () => {
    const manager = await login(ctx.app, 'manager@demo.test');
    const bad = await manager.request('POST', '/api/api-tokens', { name: 'x', scopes: ['everything'] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].field).toMatch(/^scopes/);
    const staff = await login(ctx.app, 'staff@demo.test');
    expect((await staff.request('POST', '/api/api-tokens', { name: 'x', scopes: ['sites:read'] })).status).toBe(403);
    expect((await staff.request('GET', '/api/api-tokens')).status).toBe(403);
  });
});
