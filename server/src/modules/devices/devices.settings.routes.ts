import type { Deps } from '../../deps.ts';
import { requireTenantActor } from '../../http/actor.ts';
import type { App } from '../../http/types.ts';
import { DeviceSettings } from './devices.schemas.ts';
import { getDeviceSettings, setDeviceSettings } from './devices.settings.usecases.ts';

const tags = ['devices'];

export function deviceSettingsRoutes(app: App, deps: Deps): void {
  app.get('/api/settings/devices', { schema: { tags, summary: 'What a fault triggers, and how prepaid charging holds money', response: { 200: DeviceSettings } } }, async (request) => {
    return getDeviceSettings(deps, requireTenantActor(request.actor));
  });

  app.put('/api/settings/devices', { schema: { tags, summary: 'Change the device settings (admin)', body: DeviceSettings, response: { 200: DeviceSettings } } }, async (request) => {
    return setDeviceSettings(deps, requireTenantActor(request.actor), request.body);
  });
}
