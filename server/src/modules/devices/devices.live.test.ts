// The live feed over a real HTTP connection: the snapshot, a change announced by NOTIFY, and the
// cleanup when the page goes away.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, login, type Session, type TestContext } from '../../test/app.ts';
import { heimbauRooms, registerTerminal, simulateConnection, simulateStatus, type Rooms } from './devices.fixtures.ts';

let ctx: TestContext;
let manager: Session;
let rooms: Rooms;
let tenantId: string;
let baseUrl: string;
let terminal: { id: string };
let washers: { id: string }[];
let subscribed = 0;

beforeAll(async () => {
  ctx = await createTestContext();
  manager = await login(ctx.app, 'manager@demo.test');
  rooms = await heimbauRooms(manager);
  tenantId = (await manager.request('GET', '/api/tenant')).body.id;
  terminal = await registerTerminal(manager, rooms);
  washers = [];
  for (const connectorId of [1, 2]) {
    washers.push((await manager.request('POST', `/api/devices/${terminal.id}/appliances`, { connectorId, kind: 'washer', metering: 'energy', name: `W${connectorId}` })).body);
  }
  await manager.request('POST', `/api/devices/${terminal.id}/accept`);
  await simulateConnection(ctx, terminal.id, { connected: true });
  for (const w of washers) await simulateStatus(ctx, w.id, 'Available');
  // Counts the feed's live subscriptions, to see them end with the connection.
  const hub = ctx.deps.notifications;
  ctx.deps.notifications = { ...hub, subscribe(channel, handler) { subscribed++; const off = hub.subscribe(channel, handler); return () => { subscribed--; off(); }; } };
  baseUrl = await ctx.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => { await ctx?.close(); });

interface Event { deviceId: string; applianceId: string; status: string; ocppStatus: string | null; errorCode: string | null; at: string | null }

/** Opens the stream as the manager's browser; next() resolves with each `appliance` event in turn. */
async function openFeed(query = '') {
  const abort = new AbortController();
  const response = await fetch(`${baseUrl}/api/live/appliances${query}`, { headers: { cookie: manager.cookie }, signal: abort.signal });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const queue: Event[] = [];
  let buffer = '';
  const next = async (): Promise<Event> => {
    while (queue.length === 0) {
      const { value, done } = await reader.read();
      if (done) throw new Error('stream ended');
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (frame.startsWith('event: appliance\n')) queue.push(JSON.parse(frame.split('\ndata: ')[1]!));
      }
    }
    return queue.shift()!;
  };
  /** The first events: one per appliance the page may see. */
  const snapshot = async (listQuery = '') => {
    const devices = (await manager.request('GET', `/api/devices${listQuery}`)).body as { appliances: unknown[] }[];
    const events: Event[] = [];
    for (let i = 0; i < devices.flatMap((d) => d.appliances).length; i++) events.push(await next());
    return events;
  };
  return { response, next, snapshot, close: () => abort.abort() };
}

const announce = (payload: object) => sql`SELECT pg_notify('appliance_status', ${JSON.stringify(payload)})`.execute(ctx.deps.db);
const withTimeout = <T,>(promise: Promise<T>, ms = 5000) => Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('no event in time')), ms))]);

describe('the live appliance feed', () => {
  it('sends every appliance first, then only what changed when the gateway announces it', async () => {
    const feed = await openFeed(`?siteId=${rooms.siteId}`);
    expect(feed.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const snapshot = await feed.snapshot(`?siteId=${rooms.siteId}`);
    expect(snapshot.filter((e) => e.deviceId === terminal.id)).toEqual(washers.map((w) => expect.objectContaining({ applianceId: w.id, status: 'free', ocppStatus: 'Available' })));

    await simulateStatus(ctx, washers[1]!.id, 'Faulted', 'GroundFailure');
    // Another tenant's announcement of the same device is not this page's business.
    await announce({ tenantId: '00000000-0000-4000-8000-000000000000', deviceId: terminal.id });
    await announce({ tenantId, deviceId: terminal.id });
    const change = await withTimeout(feed.next());
    expect(change).toMatchObject({ applianceId: washers[1]!.id, status: 'fault', ocppStatus: 'Faulted', errorCode: 'GroundFailure' });
    expect(Date.parse(change.at!)).not.toBeNaN();

    await simulateConnection(ctx, terminal.id, { connected: false });
    await announce({ tenantId, deviceId: terminal.id });
    const offline = [await withTimeout(feed.next()), await withTimeout(feed.next())];
    expect(offline.map((e) => e.status)).toEqual(['offline', 'offline']);
    feed.close();
    await simulateConnection(ctx, terminal.id, { connected: true });
  });

  it('hears staff\'s own changes too: a new appliance appears', async () => {
    const other = await registerTerminal(manager, rooms);
    const feed = await openFeed();
    await feed.snapshot();
    const added = (await manager.request('POST', `/api/devices/${other.id}/appliances`, { connectorId: 1, kind: 'dryer', metering: 'time', name: 'T1' })).body;
    const event = await withTimeout(feed.next());
    expect(event).toMatchObject({ deviceId: other.id, applianceId: added.id, status: 'offline' });
    feed.close();
  });

  it('ends its subscription when the page goes away', async () => {
    await expect.poll(() => subscribed).toBe(0);
    const feed = await openFeed();
    await feed.next();
    expect(subscribed).toBe(1);
    feed.close();
    await expect.poll(() => subscribed).toBe(0);
  });

  it('refuses before streaming: another tenant\'s site, a resident, no login', async () => {
    const regie = await login(ctx.app, 'regie@demo.test');
    const regieSite = (await regie.request('GET', '/api/sites')).body[0].id;
    const foreign = await fetch(`${baseUrl}/api/live/appliances?siteId=${regieSite}`, { headers: { cookie: manager.cookie } });
    expect(foreign.status).toBe(404);
    expect((await foreign.json()).error.code).toBe('sites.not_found');
    const resident = await login(ctx.app, 'resident@demo.test');
    expect((await fetch(`${baseUrl}/api/live/appliances`, { headers: { cookie: resident.cookie } })).status).toBe(403);
    expect((await fetch(`${baseUrl}/api/live/appliances`)).status).toBe(401);
    expect(subscribed).toBe(0);
  });
});
