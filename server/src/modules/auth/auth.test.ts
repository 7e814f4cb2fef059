import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, login, type TestContext } from '../../test/app.ts';

let ctx: TestContext;
beforeAll(async () => { ctx = await createTestContext(); });
afterAll(async () => { await ctx.close(); });

describe('login and /api/me', () => {
  it.each([
    ['operator@demo.test', null, null, 'operator_admin'],
    ['manager@demo.test', 'manager_admin', 'Heimbau', null],
    ['staff@demo.test', 'manager_staff', 'Heimbau', null],
    ['regie@demo.test', 'manager_admin', 'Régie du Lac', null],
    ['resident@demo.test', 'resident', 'Heimbau', null],
    ['resident.ch@demo.test', 'resident', 'Régie du Lac', null],
  ])('logs in %s with the demo password and reports role %s at %s', async (email, role, tenant, platformRole) => {
    const session = await login(ctx.app, email);
    const me = await session.request('GET', '/api/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ user: { email }, role, platformRole, tenant: tenant ? { name: tenant } : null });
  });

  it('shows a resident its customer number and tenant currency', async () => {
    const me = (await (await login(ctx.app, 'resident.ch@demo.test')).request('GET', '/api/me')).body;
    expect(me.customerNumber).toMatch(/^REGIELAC-\d+$/);
    expect(me.tenant.currency).toBe('CHF');
  });

  it('sets an HttpOnly, SameSite=Lax session cookie and ends the session at logout', async () => {
    const response = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'manager@demo.test', password: 'demo-password' } });
    const cookie = String(response.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const session = await login(ctx.app, 'manager@demo.test');
    expect((await session.request('POST', '/api/auth/logout')).status).toBe(200);
    expect((await session.request('GET', '/api/me')).status).toBe(401);
  });

  it('answers a wrong password with a stable code and no session', async () => {
    const response = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'manager@demo.test', password: 'nope' } });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('auth.invalid_credentials');
    expect(response.headers['set-cookie']).toBeUndefined();
  });
});
