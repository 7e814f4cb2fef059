import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, login, type Session, type TestContext } from '../../test/app.ts';

let ctx: TestContext;
let manager: Session;
const byEmail = (list: { email: string }[], email: string) => list.find((s) => s.email === email)! as any;
beforeAll(async () => {
  ctx = await createTestContext();
  manager = await login(ctx.app, 'manager@demo.test');
});
afterAll(async () => { await ctx.close(); });

describe('staff', () => {
  it('lists staff without residents', async () => {
    const staff = (await manager.request('GET', '/api/staff')).body;
    expect(staff.map((s: { email: string }) => s.email).sort()).toEqual(['manager@demo.test', 'staff@demo.test']);
    expect(byEmail(staff, 'staff@demo.test')).toMatchObject({ displayName: 'Sabine Moser', role: 'manager_staff', siteIds: [] });
  });

  it('makes a technician who then sees only the assigned site', async () => {
    const staff = (await manager.request('GET', '/api/staff')).body;
    const sabine = byEmail(staff, 'staff@demo.test');
    expect((await manager.request('PATCH', `/api/staff/${sabine.userId}`, { role: 'technician' })).body.role).toBe('technician');
    const sites = (await manager.request('GET', '/api/sites')).body;
    const assigned = await manager.request('PUT', `/api/staff/${sabine.userId}/sites`, { siteIds: [sites[0].id] });
    expect(assigned.body.siteIds).toEqual([sites[0].id]);
    const technician = await login(ctx.app, 'staff@demo.test');
    expect((await technician.request('GET', '/api/sites')).body.map((s: { id: string }) => s.id)).toEqual([sites[0].id]);
    expect((await technician.request('GET', `/api/sites/${sites[1].id}/units`)).status).toBe(404);
    expect((await technician.request('PATCH', `/api/staff/${sabine.userId}`, { role: 'manager_admin' })).status).toBe(403);
    // Back to office staff: the site list no longer applies.
    expect((await manager.request('PATCH', `/api/staff/${sabine.userId}`, { role: 'manager_staff' })).body.siteIds).toEqual([]);
    expect((await manager.request('PUT', `/api/staff/${sabine.userId}/sites`, { siteIds: [] })).body.error.code).toBe('staff.not_technician');
  });

  it('never removes or demotes the last admin', async () => {
    const staff = (await manager.request('GET', '/api/staff')).body;
    const michael = byEmail(staff, 'manager@demo.test');
    const sabine = byEmail(staff, 'staff@demo.test');
    expect(await manager.request('PATCH', `/api/staff/${michael.userId}`, { role: 'manager_staff' })).toMatchObject({ status: 409, body: { error: { code: 'staff.last_admin' } } });
    expect(await manager.request('DELETE', `/api/staff/${michael.userId}`)).toMatchObject({ status: 409, body: { error: { code: 'staff.last_admin' } } });
    // With a second admin, the first may step down.
    await manager.request('PATCH', `/api/staff/${sabine.userId}`, { role: 'manager_admin' });
    expect((await manager.request('DELETE', `/api/staff/${sabine.userId}`)).status).toBe(200);
    expect((await manager.request('GET', '/api/staff')).body).toHaveLength(1);
    const actions = (await manager.request('GET', '/api/audit?entityType=membership')).body.events.map((e: { action: string }) => e.action);
    expect(actions.slice(0, 2)).toEqual(['staff.removed', 'staff.role_changed']);
  });

  it('answers 404 for staff of another property manager', async () => {
    const regie = await login(ctx.app, 'regie@demo.test');
    const heimbauStaff = (await manager.request('GET', '/api/staff')).body;
    expect((await regie.request('PATCH', `/api/staff/${heimbauStaff[0].userId}`, { role: 'technician' })).status).toBe(404);
  });
});
