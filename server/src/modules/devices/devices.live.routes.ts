// GET /api/live/appliances: Server-Sent Events with each appliance's live status, first all of
// them, then every change. A comment line every 25 s keeps proxies from closing a quiet stream.
import { Type } from 'typebox';
import type { Deps } from '../../deps.ts';
import { requireTenantActor } from '../../http/actor.ts';
import { Uuid, type App } from '../../http/types.ts';
import { openApplianceFeed, type ApplianceEvent } from './devices.live.ts';

export const HEARTBEAT_MS = 25_000;
const LiveQuery = Type.Object({ siteId: Type.Optional(Uuid) }, { additionalProperties: false });

export function liveApplianceRoutes(app: App, deps: Deps, options: { heartbeatMs?: number } = {}): void {
  const streams = new Set<() => void>();
  // Open streams would keep the server from closing.
  app.addHook('preClose', async () => { for (const end of [...streams]) end(); });

  app.get('/api/live/appliances', {
    schema: { tags: ['devices'], summary: 'Live appliance status as Server-Sent Events (event: appliance)', querystring: LiveQuery, produces: ['text/event-stream'] },
  }, async (request, reply) => {
    // Refusals (not logged in, foreign site) still answer as JSON: the stream starts only after.
    const feed = await openApplianceFeed(deps, requireTenantActor(request.actor), request.query);
    reply.hijack();
    const response = reply.raw;
    response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    const send = (event: ApplianceEvent) => { response.write(`event: appliance\ndata: ${JSON.stringify(event)}\n\n`); };
    response.write('retry: 5000\n\n');
    feed.snapshot.forEach(send);
    feed.listen(send);
    const heartbeat = setInterval(() => response.write(': heartbeat\n\n'), options.heartbeatMs ?? HEARTBEAT_MS);
    const end = () => {
      clearInterval(heartbeat);
      feed.close();
      streams.delete(end);
      if (!response.writableEnded) response.end();
    };
    streams.add(end);
    response.on('close', end);
  });
}
