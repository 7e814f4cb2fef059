import { Type, type Static } from 'typebox';
import type { Deps } from '../../deps.ts';
import { requireTenantActor } from '../../http/actor.ts';
import { IdParams, type App } from '../../http/types.ts';
import { CommandAnswer, CommandOut, DeviceCommandBody, type DeviceCommand } from './devices.commands.schemas.ts';
import { commandDevice, listCommands } from './devices.commands.usecases.ts';

const tags = ['devices'];
const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

export function deviceCommandsRoutes(app: App, deps: Deps): void {
  app.post('/api/devices/:id/commands', { schema: { tags, summary: 'Send a device an OCPP command and wait for its answer', params: IdParams, body: DeviceCommandBody, response: { 200: CommandAnswer } } }, async (request) => {
    // The schema's anyOf has matched the payload to its action.
    return commandDevice(deps, requireTenantActor(request.actor), request.params.id, request.body as DeviceCommand);
  });

  app.get('/api/devices/:id/commands', { schema: { tags, summary: 'The device\'s recent commands and answers', params: IdParams, response: { 200: Type.Array(CommandOut) } } }, async (request) => {
    const commands = await listCommands(deps, requireTenantActor(request.actor), request.params.id);
    return commands.map(({ row, requestedBy }): Static<typeof CommandOut> => ({
      id: row.id, action: row.action, payload: row.payload, status: row.status, result: row.result ?? null, error: row.error,
      requestedBy, createdAt: iso(row.created_at)!, answeredAt: iso(row.answered_at),
    }));
  });
}
