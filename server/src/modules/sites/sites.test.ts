import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, login, type TestContext } from '../../test/app.ts';

let ctx: TestContext;
beforeAll(async () => { ctx = await createTestContext(); });
afterAll(async () => { await ctx.close(); });

describe('sites', () => {
  it('lets a manager create, change and delete a site, each change in the audit log', async () => {
    const manager = await login(ctx.app, 'manager@demo.test');
    const created = await manager.request('POST', '/api/sites', { name: 'Neubau Floridsdorf', street: 'Brünner Straße 1', postalCode: '1210', city: 'Wien', country: 'AT' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Neubau Floridsdorf', unitCount: 0 });

    const changed = await manager.request('PATCH', `/api/sites/${created.body.id}`, { city: 'Wien-Floridsdorf' });
    expect(changed.body.city).toBe('Wien-Floridsdorf');

    const list = await manager.request('GET', '/api/sites');
    expect(list.body.map((s: { name: string }) => s.name)).toContain('Neubau Floridsdorf');

    expect((await manager.request('DELETE', `/api/sites/${created.body.id}`)).status).toBe(200);
    expect((await manager.request('GET', `/api/sites/${created.body.id}`)).status).toBe(404);
  });

  it('prints a site\'s instructions in the manager\'s default language until the manager picks others', async () => {
    const manager = await login(ctx.app, 'manager@demo.test');
    const created = await manager.request('POST', '/api/sites', { name: 'Wohnhaus Stadlau', street: 'Erzherzog-Karl-Straße 5', postalCode: '1220', city: 'Wien', country: 'AT' });
    expect(created.body.languages).toEqual(['de']);
    const [existing] = (await manager.request('GET', '/api/sites')).body;
    expect(existing.languages).toEqual(['de']);

    const changed = await manager.request('PATCH', `/api/sites/${created.body.id}`, { languages: ['de', 'en', 'pl'] });
    expect(changed.body.languages).toEqual(['de', 'en', 'pl']);
    for (const languages of [[], ['de', 'xx'], ['de', 'de']]) {
      const refused = await manager.request('PATCH', `/api/sites/${created.body.id}`, { languages });
      expect(refused.status).toBe(400);
      expect(refused.body.error.fields[0].field).toMatch(/^languages/);
    }
    expect((await manager.request('GET', `/api/sites/${created.body.id}`)).body.languages).toEqual(['de', 'en', 'pl']);
    await manager.request('DELETE', `/api/sites/${created.body.id}`);
  });

  it('refuses to delete a site that still has units', async () => {
    const manager = await login(ctx.app, 'manager@demo.test');
    const [site] = (await manager.request('GET', '/api/sites')).body;
    const response = await manager.request('DELETE', `/api/sites/${site.id}`);
    expect(response).toMatchObject({ status: 409, body: { error: { code: 'sites.has_units' } } });
  });

  it('shows a manager only its own sites and answers 404 for another tenant\'s site', async () => {
    const heimbau = await login(ctx.app, 'manager@demo.test');
    const regie = await login(ctx.app, 'regie@demo.test');
    const regieSites = (await regie.request('GET', '/api/sites')).body;
    const heimbauSites = (await heimbau.request('GET', '/api/sites')).body;
    expect(heimbauSites.map((s: { city: string }) => s.city)).not.toContain('Lausanne');
    expect((await heimbau.request('GET', `/api/sites/${regieSites[0].id}`)).status).toBe(404);
    expect((await heimbau.request('PATCH', `/api/sites/${regieSites[0].id}`, { name: 'x' })).status).toBe(404);
  });

  it('does not let a resident manage sites', async () => {
    const resident = await login(ctx.app, 'resident@demo.test');
    expect((await resident.request('GET', '/api/sites')).status).toBe(403);
  });

  it('refuses a state change without the CSRF token', async () => {
    const manager = await login(ctx.app, 'manager@demo.test');
    const response = await ctx.app.inject({ method: 'POST', url: '/api/sites', headers: { cookie: manager.cookie },
      payload: { name: 'x', street: 'y', postalCode: '1', city: 'z', country: 'AT' } });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('auth.csrf');
  });
});
