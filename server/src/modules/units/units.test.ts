import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, login, type Session, type TestContext } from '../../test/app.ts';

let ctx: TestContext;
let manager: Session;
let siteId: string;
beforeAll(async () => {
  ctx = await createTestContext();
  manager = await login(ctx.app, 'manager@demo.test');
  siteId = (await manager.request('GET', '/api/sites')).body.find((s: { name: string }) => s.name === 'Wohnpark Simmering').id;
});
afterAll(async () => { await ctx.close(); });

describe('units', () => {
  it('lists the units of a site with their occupancy count', async () => {
    const units = (await manager.request('GET', `/api/sites/${siteId}/units`)).body;
    expect(units.map((u: { label: string }) => u.label)).toEqual(['Stellplatz 3', 'Top 1', 'Top 2', 'Waschküche']);
    expect(units.find((u: { label: string }) => u.label === 'Top 1')).toMatchObject({ kind: 'flat', siteName: 'Wohnpark Simmering', occupancyCount: 1 });
  });

  it('creates, renames and deletes a unit, refusing a label already used on the site', async () => {
    const created = await manager.request('POST', '/api/units', { siteId, kind: 'parking_space', label: 'Stellplatz 4', floor: 'UG' });
    expect(created).toMatchObject({ status: 201, body: { label: 'Stellplatz 4', floor: 'UG', occupancyCount: 0 } });
    const clash = await manager.request('PATCH', `/api/units/${created.body.id}`, { label: 'Stellplatz 3' });
    expect(clash).toMatchObject({ status: 409, body: { error: { code: 'units.label_taken', fields: [{ field: 'label' }] } } });
    expect((await manager.request('PATCH', `/api/units/${created.body.id}`, { label: 'Stellplatz 5' })).body.label).toBe('Stellplatz 5');
    expect((await manager.request('DELETE', `/api/units/${created.body.id}`)).status).toBe(200);
    expect((await manager.request('GET', `/api/units/${created.body.id}`)).status).toBe(404);
    const audit = (await manager.request('GET', `/api/audit?entityType=unit`)).body.events;
    expect(audit.filter((e: { entityId: string }) => e.entityId === created.body.id).map((e: { action: string }) => e.action))
      .toEqual(['unit.deleted', 'unit.updated', 'unit.created']);
  });

  it('refuses to delete a unit that people occupy', async () => {
    const top1 = (await manager.request('GET', `/api/sites/${siteId}/units`)).body.find((u: { label: string }) => u.label === 'Top 1');
    expect(await manager.request('DELETE', `/api/units/${top1.id}`)).toMatchObject({ status: 409, body: { error: { code: 'units.has_occupancies' } } });
  });

  it('refuses an unknown kind with the field named', async () => {
    const response = await manager.request('POST', '/api/units', { siteId, kind: 'castle', label: 'Turm' });
    expect(response.status).toBe(400);
    expect(response.body.error.fields[0].field).toBe('kind');
  });

  it('lets office staff read but not a resident', async () => {
    const resident = await login(ctx.app, 'resident@demo.test');
    expect((await resident.request('GET', `/api/sites/${siteId}/units`)).status).toBe(403);
    const staff = await login(ctx.app, 'staff@demo.test');
    expect((await staff.request('GET', `/api/sites/${siteId}/units`)).status).toBe(200);
  });
});
