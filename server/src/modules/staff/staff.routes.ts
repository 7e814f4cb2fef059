import { Type } from 'typebox';
import type { Deps } from '../../deps.ts';
import { requireTenantActor } from '../../http/actor.ts';
import { Ok, type App } from '../../http/types.ts';
import { presentStaff } from './staff.presenters.ts';
import { StaffOut, StaffUpdate, TechnicianSites, UserIdParams } from './staff.schemas.ts';
import { assignTechnicianSites, changeRole, listStaff, removeStaff } from './staff.usecases.ts';

const tags = ['staff'];

export function staffRoutes(app: App, deps: Deps): void {
  app.get('/api/staff', { schema: { tags, summary: 'Admins, office staff and technicians', response: { 200: Type.Array(StaffOut) } } }, async (request) => {
    return (await listStaff(deps, requireTenantActor(request.actor))).map(presentStaff);
  });

  app.patch('/api/staff/:userId', { schema: { tags, summary: 'Change a staff member\'s role', params: UserIdParams, body: StaffUpdate, response: { 200: StaffOut } } }, async (request) => {
    return presentStaff(await changeRole(deps, requireTenantActor(request.actor), request.params.userId, request.body.role));
  });

  app.delete('/api/staff/:userId', { schema: { tags, summary: 'Remove a staff member from this property manager', params: UserIdParams, response: { 200: Ok } } }, async (request) => {
    await removeStaff(deps, requireTenantActor(request.actor), request.params.userId);
    return { ok: true as const };
  });

  app.put('/api/staff/:userId/sites', { schema: { tags, summary: 'Sites a technician works on', params: UserIdParams, body: TechnicianSites, response: { 200: StaffOut } } }, async (request) => {
    return presentStaff(await assignTechnicianSites(deps, requireTenantActor(request.actor), request.params.userId, request.body.siteIds));
  });
}
