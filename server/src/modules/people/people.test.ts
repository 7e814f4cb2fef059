import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, login, type Session, type TestContext } from '../../test/app.ts';

let ctx: TestContext;
let manager: Session;
beforeAll(async () => {
  ctx = await createTestContext();
  manager = await login(ctx.app, 'manager@demo.test');
});
afterAll(async () => { await ctx.close(); });

describe('people', () => {
  it('gives each new person the next customer number of its property manager', async () => {
    const first = await manager.request('POST', '/api/people', { firstName: 'Eva', lastName: 'Lang', email: 'eva.lang@example.test', language: 'de' });
    const second = await manager.request('POST', '/api/people', { firstName: 'Ivo', lastName: 'Kern', language: 'en' });
    expect(first.status).toBe(201);
    // The demo created HEIMBAU-10001 … 10005 (two Anna Hubers are one person).
    expect(first.body.customerNumber).toBe('HEIMBAU-10006');
    expect(second.body.customerNumber).toBe('HEIMBAU-10007');
    const regie = await login(ctx.app, 'regie@demo.test');
    const other = await regie.request('POST', '/api/people', { firstName: 'Léa', lastName: 'Blanc', language: 'fr' });
    expect(other.body.customerNumber).toBe('REGIELAC-10004');
  });

  it('finds people by name, customer number, e-mail and site', async () => {
    const byName = (await manager.request('GET', '/api/people?search=huber')).body;
    expect(byName.map((p: { lastName: string }) => p.lastName)).toEqual(['Huber']);
    const byNumber = (await manager.request('GET', `/api/people?search=${byName[0].customerNumber}`)).body;
    expect(byNumber).toHaveLength(1);
    expect((await manager.request('GET', '/api/people?search=tomasz.nowak@')).body[0].firstName).toBe('Tomasz');
    const sites = (await manager.request('GET', '/api/sites')).body;
    const simmering = sites.find((s: { name: string }) => s.name === 'Wohnpark Simmering');
    const atSite = (await manager.request('GET', `/api/people?siteId=${simmering.id}`)).body;
    expect(atSite.map((p: { lastName: string }) => p.lastName)).toEqual(['Yilmaz']);
  });

  it('shows a person with occupancies and records a change in the audit log', async () => {
    const [anna] = (await manager.request('GET', '/api/people?search=Anna Huber')).body;
    const detail = (await manager.request('GET', `/api/people/${anna.id}`)).body;
    expect(detail.occupancies.map((o: { unitLabel: string }) => o.unitLabel).sort()).toEqual(['Stellplatz 14', 'Stiege 1 / Top 1']);
    expect(detail.occupancies[0]).toMatchObject({ siteName: 'Wohnhausanlage Leopoldau', startsOn: '2024-01-01', endsOn: null });
    const changed = await manager.request('PATCH', `/api/people/${anna.id}`, { mobile: '+43 660 1234567' });
    expect(changed.body.mobile).toBe('+43 660 1234567');
    const [event] = (await manager.request('GET', '/api/audit?action=person.updated')).body.events;
    expect(event).toMatchObject({ entityId: anna.id, actor: 'manager@demo.test', before: { mobile: null }, after: { mobile: '+43 660 1234567' } });
  });

  it('refuses a malformed e-mail and keeps people away from residents', async () => {
    const bad = await manager.request('POST', '/api/people', { firstName: 'X', lastName: 'Y', email: 'not-an-email', language: 'de' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].field).toBe('email');
    const resident = await login(ctx.app, 'resident@demo.test');
    expect((await resident.request('GET', '/api/people')).status).toBe(403);
  });
});
