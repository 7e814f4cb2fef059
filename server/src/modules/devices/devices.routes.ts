import { Type } from 'typebox';
import type { Deps } from '../../deps.ts';
import { requireTenantActor } from '../../http/actor.ts';
import { IdParams, Ok, type App } from '../../http/types.ts';
import { addAppliance, deleteAppliance, updateAppliance } from './devices.appliances.usecases.ts';
import { presentDevice } from './devices.presenters.ts';
import { ApplianceInput, ApplianceOut, ApplianceParams, ApplianceUpdate, CreatedDeviceOut, DeviceInput, DeviceListQuery, DeviceOut, DeviceUpdate, PasswordOut } from './devices.schemas.ts';
import { decideRegistration, deleteDevice, getDevice, listDevices, registerDevice, resetDevicePassword, updateDevice } from './devices.usecases.ts';

const tags = ['devices'];
const present = (view: Awaited<ReturnType<typeof getDevice>>) => presentDevice(view.device, view.appliances);

export function devicesRoutes(app: App, deps: Deps): void {
  app.get('/api/devices', { schema: { tags, summary: 'Terminals and chargers with their appliances and live status', querystring: DeviceListQuery, response: { 200: Type.Array(DeviceOut) } } }, async (request) => {
    return (await listDevices(deps, requireTenantActor(request.actor), request.query)).map(present);
  });

  app.post('/api/devices', { schema: { tags, summary: 'Register a device; answers its password once', body: DeviceInput, response: { 201: CreatedDeviceOut } } }, async (request, reply) => {
    const { view, password } = await registerDevice(deps, requireTenantActor(request.actor), request.body);
    return reply.status(201).send({ device: present(view), password });
  });

  app.get('/api/devices/:id', { schema: { tags, summary: 'One device, with what it reported at boot', params: IdParams, response: { 200: DeviceOut } } }, async (request) => {
    return present(await getDevice(deps, requireTenantActor(request.actor), request.params.id));
  });

  app.patch('/api/devices/:id', { schema: { tags, summary: 'Change a device\'s name, room and timings', params: IdParams, body: DeviceUpdate, response: { 200: DeviceOut } } }, async (request) => {
    return present(await updateDevice(deps, requireTenantActor(request.actor), request.params.id, request.body));
  });

  app.delete('/api/devices/:id', { schema: { tags, summary: 'Delete a device that was never used', params: IdParams, response: { 200: Ok } } }, async (request) => {
    await deleteDevice(deps, requireTenantActor(request.actor), request.params.id);
    return { ok: true as const };
  });

  app.post('/api/devices/:id/password', { schema: { tags, summary: 'Give a device a new password, answered once', params: IdParams, response: { 200: PasswordOut } } }, async (request) => {
    return { password: await resetDevicePassword(deps, requireTenantActor(request.actor), request.params.id) };
  });

  app.post('/api/devices/:id/accept', { schema: { tags, summary: 'Accept a device that is waiting after its boot', params: IdParams, response: { 200: DeviceOut } } }, async (request) => {
    return present(await decideRegistration(deps, requireTenantActor(request.actor), request.params.id, 'accepted'));
  });

  app.post('/api/devices/:id/reject', { schema: { tags, summary: 'Turn a device away', params: IdParams, response: { 200: DeviceOut } } }, async (request) => {
    return present(await decideRegistration(deps, requireTenantActor(request.actor), request.params.id, 'rejected'));
  });

  app.post('/api/devices/:id/appliances', { schema: { tags, summary: 'Add an appliance on a connector', params: IdParams, body: ApplianceInput, response: { 201: ApplianceOut } } }, async (request, reply) => {
    return reply.status(201).send(await addAppliance(deps, requireTenantActor(request.actor), request.params.id, request.body));
  });

  app.patch('/api/devices/:id/appliances/:applianceId', { schema: { tags, summary: 'Change an appliance', params: ApplianceParams, body: ApplianceUpdate, response: { 200: ApplianceOut } } }, async (request) => {
    return updateAppliance(deps, requireTenantActor(request.actor), request.params.id, request.params.applianceId, request.body);
  });

  app.delete('/api/devices/:id/appliances/:applianceId', { schema: { tags, summary: 'Remove an appliance that was never used', params: ApplianceParams, response: { 200: Ok } } }, async (request) => {
    await deleteAppliance(deps, requireTenantActor(request.actor), request.params.id, request.params.applianceId);
    return { ok: true as const };
  });
}
