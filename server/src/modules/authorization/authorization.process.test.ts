// "A lost badge is refused immediately after the report — also when the report reaches another
// server process": a real `concierge start` and this test process share one PostgreSQL database,
// each with its own cache and LISTEN connection. A report made through one process's portal is
// refused by the other's cache; a change made here is refused by the spawned server's check.
// PostgreSQL only: PGlite is one process's database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../db/client.ts';
import { inTenant } from '../../db/scope.ts';
import { systemClock } from '../../deps.ts';
import { testDatabaseKind } from '../../test/database.ts';
import { freePort, freshInstallation, spawnConcierge, waitForHealth, type Installation } from '../../test/processes.ts';
import { demoIds } from '../credentials/credentials.fixtures.ts';
import { changeCredentialStatus } from '../credentials/credentials.lifecycle.ts';
import { startAuthorization, type Authorization } from './authorization.runtime.ts';
import { addBadge, invalidationOf } from './authorization.testing.ts';
import { authorize } from './authorization.usecases.ts';

const postgres = testDatabaseKind() === 'postgres';

let installation: Installation;
let server: ReturnType<typeof spawnConcierge> | undefined;
let base: string;
let handle: DatabaseHandle;
let authorization: Authorization;
let heimbau: string;
let anna: string;

/** A browser session on the spawned server. */
async function loginThere(email: string) {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'demo-password' }) });
  expect(res.status).toBe(200);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = await res.json() as { csrfToken: string };
  return async (method: 'GET' | 'POST', path: string, body?: unknown) => {
    const response = await fetch(`${base}${path}`, {
      method, headers: { cookie, 'x-csrf-token': csrfToken, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    return { status: response.status, body: await response.json() as any };
  };
}

beforeAll(async () => {
  if (!postgres) return;
  installation = await freshInstallation();
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawnConcierge(['start'], { ...installation.env, PORT: String(port), HOST: '127.0.0.1', DEMO: '1', ROLES: 'api', LOG_LEVEL: 'warn' });
  await waitForHealth(base, Date.now() + 80_000, () => (server!.child.exitCode !== null ? server!.output.stderr + server!.output.stdout : null));
  handle = await openDatabase({ databaseUrl: installation.env.DATABASE_URL!, poolSize: 2 });
  authorization = await startAuthorization(handle);
  const ids = await demoIds(handle.db);
  heimbau = ids.heimbau;
  anna = ids.people['HEIMBAU-10001']!;
}, 120_000);

afterAll(async () => {
  if (!postgres) return;
  await authorization?.close();
  await handle?.close();
  if (server && server.child.exitCode === null) {
    server.child.kill('SIGTERM');
    await server.exited;
  }
  await installation?.remove();
});

const tapHere = (idTag: string) => authorize({ db: handle.db, clock: systemClock, authorization }, { tenantId: heimbau, deviceId: 'W1', purpose: 'laundry', idTag });

describe.skipIf(!postgres)('two server processes on one database', () => {
  it('refuses a badge here as soon as its holder reports it lost through the other server\'s portal', { timeout: 30_000 }, async () => {
    const badge = await addBadge(handle.db, heimbau, { idTag: '04BEEF00000001', personId: anna, label: 'ID*heimbau*9001' }, authorization.cache);
    await tapHere('04BEEF00000001');
    expect(await tapHere('04BEEF00000001')).toMatchObject({ status: 'Accepted', cached: true });

    const resident = await loginThere('resident@demo.test');
    const heard = invalidationOf(authorization.cache, `${heimbau}:04BEEF00000001`);
    const report = await resident('POST', `/api/me/credentials/${badge.id}/report-lost`, { reason: 'verloren' });
    expect(report.status, JSON.stringify(report.body)).toBe(200);
    await heard;
    expect(await tapHere('04BEEF00000001')).toMatchObject({ status: 'Blocked', reason: 'lost' });
  });

  it('the other server refuses a badge as soon as it is reported lost here', { timeout: 30_000 }, async () => {
    const badge = await addBadge(handle.db, heimbau, { idTag: '04BEEF00000002', personId: anna, label: 'ID*heimbau*9002' }, authorization.cache);
    const staff = await loginThere('staff@demo.test');
    const check = () => staff('GET', '/api/authorization/check?idTag=04BEEF00000002&purpose=laundry');
    // The spawned server may still be hearing of the new badge: ask until it answers from memory.
    let answer = await check();
    for (let i = 0; i < 50 && !answer.body.cached; i++) answer = await check();
    expect(answer.body).toMatchObject({ status: 'Accepted', cached: true, credentialId: badge.id });

    await inTenant(handle.db, heimbau, (tx) => changeCredentialStatus(tx, heimbau, badge.id, 'lost', { userId: null, actor: 'resident', reason: null, now: new Date() }));
    // Its cache keeps entries for minutes: only the notification can make it refuse now.
    const deadline = Date.now() + 5_000;
    do answer = await check(); while (answer.body.status === 'Accepted' && Date.now() < deadline);
    expect(answer.body).toMatchObject({ status: 'Blocked', reason: 'lost' });
  });
});
