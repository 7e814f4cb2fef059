// The demo's grant: Heimbau's admin reads the flats' meters under pseudonyms; office staff without
// a grant and Régie du Lac (no option in its contract) read no flat's meter.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestContext, login, type TestContext } from '../test/app.ts';
import { seedDemoPseudonymisedAccess } from './pseudonymised-access.ts';

let ctx: TestContext;
beforeAll(async () => { ctx = await createTestContext(); });
afterAll(async () => { await ctx?.close(); });

it('grants Heimbau\'s admin pseudonymised usage data, and nobody else', async () => {
  const manager = await login(ctx.app, 'manager@demo.test');
  const site = (await manager.request('GET', '/api/sites')).body[0];
  const flat = (await manager.request('GET', `/api/sites/${site.id}/units`)).body.find((u: { label: string }) => u.label === 'Stiege 1 / Top 1');
  const created = await manager.request('POST', '/api/meters', { siteId: site.id, unitId: flat.id, name: 'Heizung Top 1', serial: 'DEMO-GRANT-1', medium: 'heat', unit: 'kWh', kind: 'register' });
  expect(created.status).toBe(201);
  expect((await manager.request('GET', '/api/meters')).body).toEqual([]);

  await seedDemoPseudonymisedAccess(ctx.deps.db);
  await seedDemoPseudonymisedAccess(ctx.deps.db); // a second run changes nothing
  const staff = (await manager.request('GET', '/api/staff')).body as { email: string; pseudonymisedAccess: boolean }[];
  expect(staff.map((s) => [s.email, s.pseudonymisedAccess]).sort()).toEqual([['manager@demo.test', true], ['staff@demo.test', false]]);
  const [meter] = (await manager.request('GET', '/api/meters')).body;
  expect(meter).toMatchObject({ id: created.body.id, serial: null, unitId: null, unitLabel: null, pseudonym: expect.stringMatching(/^[0-9A-F]{6}$/) });
  expect((await (await login(ctx.app, 'staff@demo.test')).request('GET', '/api/meters')).body).toEqual([]);
  expect((await (await login(ctx.app, 'regie@demo.test')).request('GET', '/api/pseudonymised-access')).body).toMatchObject({ available: false, userIds: [] });
});
