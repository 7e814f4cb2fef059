// Several caches on one database — on PostgreSQL each with its own pool and LISTEN connection, as
// separate server processes have — all refuse a lost badge once the change is announced; and a
// listener that loses its connection stops answering from memory until it is back.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../db/client.ts';
import { inTenant } from '../../db/scope.ts';
import { systemClock } from '../../deps.ts';
import { createTestContext, type TestContext } from '../../test/app.ts';
import { testDatabaseKind } from '../../test/database.ts';
import { demoIds } from '../credentials/credentials.fixtures.ts';
import { changeCredentialStatus } from '../credentials/credentials.lifecycle.ts';
import { LISTENER_NAME } from './authorization.listener.ts';
import { startAuthorization, type Authorization } from './authorization.runtime.ts';
import { addBadge, invalidationOf } from './authorization.testing.ts';
import { authorize } from './authorization.usecases.ts';

const postgres = testDatabaseKind() === 'postgres';
let ctx: TestContext;
let heimbau: string;
let anna: string;
const opened: { close(): Promise<void> }[] = [];

beforeAll(async () => {
  ctx = await createTestContext({ demoWallets: false });
  const ids = await demoIds(ctx.deps.db);
  heimbau = ids.heimbau;
  anna = ids.people['HEIMBAU-10001']!;
});
afterAll(async () => {
  for (const thing of opened.reverse()) await thing.close();
  await ctx?.close();
});

/** Another "server": on PostgreSQL a handle of its own (pool and listener); on PGlite a second cache on the one instance. */
async function anotherServer(): Promise<{ db: DatabaseHandle['db']; authorization: Authorization }> {
  let handle: DatabaseHandle = ctx.handle;
  if (postgres) {
    handle = await openDatabase({ databaseUrl: ctx.handle.connectionString!, poolSize: 2 });
    opened.push(handle);
  }
  const authorization = await startAuthorization(handle, { minDelayMs: 1_000 });
  opened.push(authorization);
  return { db: handle.db, authorization };
}

const tap = (server: { db: DatabaseHandle['db']; authorization: Authorization }, idTag: string) =>
  authorize({ db: server.db, clock: systemClock, authorization: server.authorization }, { tenantId: heimbau, deviceId: 'W1', purpose: 'laundry', idTag });

const reportLost = (credentialId: string) => inTenant(ctx.deps.db, heimbau, (tx) =>
  changeCredentialStatus(tx, heimbau, credentialId, 'lost', { userId: null, actor: 'resident', reason: null, now: new Date() }));

async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('invalidation across servers', () => {
  it('every cache refuses a lost badge once the report is announced', async () => {
    const servers = [await anotherServer(), await anotherServer()];
    const added = servers.map((s) => invalidationOf(s.authorization.cache, `${heimbau}:04C0FFEE000001`));
    const badge = await addBadge(ctx.deps.db, heimbau, { idTag: '04C0FFEE000001', personId: anna });
    await Promise.all(added);
    for (const server of servers) {
      await tap(server, '04C0FFEE000001');
      expect(await tap(server, '04C0FFEE000001')).toMatchObject({ status: 'Accepted', cached: true });
    }
    const heard = servers.map((s) => invalidationOf(s.authorization.cache, `${heimbau}:04C0FFEE000001`));
    await reportLost(badge.id);
    await Promise.all(heard);
    for (const server of servers) expect(await tap(server, '04C0FFEE000001')).toMatchObject({ status: 'Blocked', reason: 'lost', cached: false });
  });

  it.skipIf(!postgres)('answers from the database while its listener is down, and from memory again once it is back', async () => {
    const server = await anotherServer();
    const badge = await addBadge(ctx.deps.db, heimbau, { idTag: '04C0FFEE000002', personId: anna }, server.authorization.cache);
    await tap(server, '04C0FFEE000002');
    expect(await tap(server, '04C0FFEE000002')).toMatchObject({ status: 'Accepted', cached: true });

    // The listening connections die (a failover, a network cut, an administrator).
    await ctx.handle.asOwner((owner) => sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
      WHERE datname = current_database() AND application_name = ${LISTENER_NAME}`.execute(owner));
    await until(() => !server.authorization.cache.listening, 'the listener to notice');
    // Reported while nobody listens: the notification is lost, the answer is right all the same.
    await reportLost(badge.id);
    expect(await tap(server, '04C0FFEE000002')).toMatchObject({ status: 'Blocked', reason: 'lost', cached: false });
    expect(await tap(server, '04C0FFEE000002')).toMatchObject({ cached: false });

    await until(() => server.authorization.cache.listening, 'the listener to reconnect');
    expect(await tap(server, '04C0FFEE000002')).toMatchObject({ status: 'Blocked', reason: 'lost', cached: false });
    expect(await tap(server, '04C0FFEE000002')).toMatchObject({ status: 'Blocked', reason: 'lost', cached: true });
  });
});
