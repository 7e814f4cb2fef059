// The lock gateway (docs/protocol.md "Lock protocol"), end to end over real WebSockets, on PGlite
// and, when BENCH_DATABASE_URL or TEST_DATABASE_URL names a PostgreSQL server, on a fresh
// database there. The server is built as main.ts builds it (the HTTP app, the lock gateway on its
// server, the notifications hub). Parts:
//   delta_sync   a 2,500-key whitelist after 10 changes: `sync since` the version before them,
//                answered with the 10 changed keys; baseline: JSON.stringify of the same 10 entries.
//   full_sync    the same lock's full list (`sync since 0`); baseline: JSON.stringify of the 2,500.
//                Both from one connected lock in this process, many repetitions in alternating
//                rounds with their baseline; p50/p95 and the ratio of the p50s.
//   reconnect    BENCH_LOCKS_STORM locks (default 10,000) reconnecting at once, from two child
//                processes (bench/locks/storm.ts) so the clients' work is not the server's: each
//                opens its socket, waits for the welcome and syncs since the version it holds.
//                Time until all are synced, p50/p99 per lock, connection errors. A first round
//                connects them cold (full sync), the measured one is the reconnect after.
// Prints JSON lines; never fails on a time.
import { fork, type ChildProcess } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { createHash } from 'node:crypto';
import pino from 'pino';
import { sql } from 'kysely';
import { createApp } from '../server/src/app.ts';
import { loadConfig } from '../server/src/config.ts';
import { openDatabase, type DatabaseHandle } from '../server/src/db/client.ts';
import { migrate } from '../server/src/db/migrate.ts';
import { startNotifications } from '../server/src/db/notifications.ts';
import { asPlatform, inTenant } from '../server/src/db/scope.ts';
import { seedDemo } from '../server/src/demo/seed.ts';
import { systemClock, type Deps } from '../server/src/deps.ts';
import { attachLockGateway } from '../server/src/gateway/locks/gateway.ts';
import { addParty, issueKey, issueKeys, registerLock, revokeKey } from '../server/src/gateway/locks/locks.fixtures.ts';
import { startAuthorization } from '../server/src/modules/authorization/authorization.runtime.ts';
import { createLedgerBatcher } from '../server/src/modules/ledger/ledger.batcher.ts';
import { createMailer } from '../server/src/modules/mail/mail.usecases.ts';
import { SimulatedLock } from '../server/src/simulator/lock.ts';
import { withFreshPostgres } from './lib/database.ts';

const env = (name: string, fallback: number) => Number(process.env[name] || fallback);
const KEYS = 2_500;
const DELTA_REPS = env('BENCH_LOCKS_DELTA_REPS', 400);
const FULL_REPS = env('BENCH_LOCKS_FULL_REPS', 100);
const ROUNDS = 5;
const STORM = env('BENCH_LOCKS_STORM', 10_000);
const CHILDREN = 2;
const HERE = dirname(fileURLToPath(import.meta.url));

const progress = (message: string) => console.error(`[locks ${new Date().toISOString().slice(11, 19)}] ${message}`);
const round = (value: number, digits = 2) => Number(value.toFixed(digits));
function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * p) - 1))] ?? 0;
}

async function startServer(handle: DatabaseHandle) {
  const log = pino({ level: 'warn' }, pino.destination(2));
  const config = loadConfig({ LOG_LEVEL: 'warn' });
  const deps: Deps = {
    db: handle.db, config, clock: systemClock, log, payments: null, ledger: createLedgerBatcher(handle.db),
    mailer: createMailer({ db: handle.db, smtpUrl: undefined, from: config.mailFrom }),
    authorization: await startAuthorization(handle, { log }), notifications: await startNotifications(handle, { log }),
  };
  const app = await createApp(deps);
  const gateway = attachLockGateway(app.server, deps);
  await app.listen({ port: 0, host: '127.0.0.1', backlog: 4096 });
  return {
    url: `ws://127.0.0.1:${(app.server.address() as AddressInfo).port}`, deps, gateway,
    async close() {
      const closed = app.close();
      await gateway.close();
      await closed;
      await deps.authorization.close();
      await deps.notifications.close();
    },
  };
}

/** Alternating rounds of a measured task and its baseline; each sample's time in ms. */
async function alternate(reps: number, task: () => Promise<unknown>, baseline: () => unknown) {
  const value: number[] = [];
  const base: number[] = [];
  const perRound = Math.ceil(reps / ROUNDS);
  for (let done = 0; done < reps; done += perRound) {
    for (let i = 0; i < perRound; i++) { const t0 = performance.now(); baseline(); base.push(performance.now() - t0); }
    for (let i = 0; i < perRound; i++) { const t0 = performance.now(); await task(); value.push(performance.now() - t0); }
  }
  const p50 = percentile(value, 0.5);
  const baseP50 = percentile(base, 0.5);
  return { reps: value.length, p50_ms: round(p50, 3), p95_ms: round(percentile(value, 0.95), 3), baseline_p50_ms: round(baseP50, 4), baseline_p95_ms: round(percentile(base, 0.95), 4), ratio_p50: round(p50 / baseP50, 1) };
}

/** Many locks straight into the tables (as the platform): hardware, registration, two keys each. */
async function seedStorm(handle: DatabaseHandle, tenantId: string, ownerId: string, count: number) {
  const secret = 'storm-secret';
  const hash = createHash('sha256').update(secret).digest('hex');
  const serials = Array.from({ length: count }, (_, i) => `STORM-${String(i).padStart(6, '0')}`);
  await asPlatform(handle.db, async (tx) => {
    for (let i = 0; i < count; i += 1_000) {
      const batch = serials.slice(i, i + 1_000);
      await tx.insertInto('lock_hardware').values(batch.map((serial) => ({ serial, secret_hash: hash, model: 'sim' }))).execute();
      const now = new Date();
      const locks = await tx.insertInto('locks').values(batch.map((serial) => ({ tenant_id: tenantId, serial, name: serial, owner_party_id: ownerId, site_id: null, unit_id: null,
        registered_at: now, registered_by: null, free_until: new Date(now.getTime() + 365 * 86_400_000), purchased_keys: 2500, key_slots_used: 2, whitelist_version: 1 })))
        .returning(['id', 'serial']).execute();
      await sql`UPDATE lock_hardware h SET tenant_id = ${tenantId}::uuid, lock_id = l.id FROM locks l WHERE l.serial = h.serial AND l.tenant_id = ${tenantId}::uuid AND h.serial = ANY(${batch})`.execute(tx);
      await tx.insertInto('lock_keys').values(locks.flatMap((l, j) => [0, 1].map((k) => ({ tenant_id: tenantId, lock_id: l.id, holder_name: 'Storm', medium: 'rfid' as const,
        identifier: `S${i + j}-${k}`, issued_at: now, version: 1, pseudonym: (0xA00000 + (i + j) * 2 + k).toString(16).toUpperCase() })))).execute();
    }
  });
  return serials.map((serial) => ({ serial, secret, since: 0 }));
}

function child(): ChildProcess {
  // Each socket is a descriptor; a child raises its own soft limit to its hard limit, nothing system-wide.
  return fork(join(HERE, 'locks', 'storm.ts'), [], { execArgv: ['--import', 'tsx'], cwd: join(HERE, '..'), stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}
const ask = <T>(proc: ChildProcess, command: object) => new Promise<T>((resolve) => { proc.once('message', (m) => resolve(m as T)); proc.send(command); });

async function storm(url: string, locks: { serial: string; secret: string; since: number }[], procs: ChildProcess[]) {
  const started = performance.now();
  const shares = procs.map((_, p) => locks.filter((_, i) => i % procs.length === p));
  const results = await Promise.all(procs.map((proc, p) => ask<{ latencies: number[]; errors: Record<string, number>; elapsedMs: number }>(proc, { cmd: 'connect', url, locks: shares[p] })));
  const elapsed = performance.now() - started;
  const latencies = results.flatMap((r) => r.latencies);
  const errors: Record<string, number> = {};
  for (const r of results) for (const [k, v] of Object.entries(r.errors)) errors[k] = (errors[k] ?? 0) + v;
  return { locks: locks.length, synced: latencies.length, all_synced_s: round(elapsed / 1000, 2), p50_ms: round(percentile(latencies, 0.5), 1), p99_ms: round(percentile(latencies, 0.99), 1), max_ms: round(Math.max(...latencies), 1), errors };
}

async function bench(scenario: string, handle: DatabaseHandle) {
  const print = (metric: string, fields: object) => console.log(JSON.stringify({ bench: 'locks', scenario, metric, ...fields }));
  await migrate(handle);
  await seedDemo(handle.db);
  const tenantId = (await asPlatform(handle.db, (tx) => tx.selectFrom('tenants').select('id').where('short_code', '=', 'heimbau').executeTakeFirstOrThrow())).id;
  const ownerId = await addParty(handle.db, tenantId, 'lock_owner');
  const server = await startServer(handle);
  try {
    progress(`${scenario}: a lock with ${KEYS} keys, then 10 changes`);
    const lock = await registerLock(handle.db, tenantId, ownerId);
    const { keyIds } = await issueKeys(handle.db, lock, Array.from({ length: KEYS }, (_, i) => ({ medium: 'rfid' as const, identifier: `TAG-${i}`, weekdays: 31, minutesFrom: 420, minutesUntil: 1200 })));
    const before = 1;
    for (let i = 0; i < 5; i++) await revokeKey(handle.db, lock, keyIds[i]!);
    for (let i = 0; i < 5; i++) await issueKey(handle.db, lock, { medium: 'pin', pin: `90${i}1` });
    const sim = new SimulatedLock({ url: server.url, serial: lock.serial, secret: lock.secret });
    await sim.connect();
    const delta = await sim.request({ type: 'sync', since: before });
    const full = await sim.request({ type: 'sync', since: 0 });
    if (delta.keys.length + delta.removed.length !== 10 || full.keys.length !== KEYS) throw new Error(`unexpected whitelist: ${delta.keys.length}+${delta.removed.length}, ${full.keys.length}`);
    print('delta_sync', { keys: KEYS, changes: 10, bytes: JSON.stringify(delta).length, ...(await alternate(DELTA_REPS, () => sim.request({ type: 'sync', since: before }), () => JSON.stringify(delta.keys) + JSON.stringify(delta.removed))) });
    print('full_sync', { keys: KEYS, bytes: JSON.stringify(full).length, ...(await alternate(FULL_REPS, () => sim.request({ type: 'sync', since: 0 }), () => JSON.stringify(full.keys))) });
    await sim.disconnect();

    progress(`${scenario}: seeding ${STORM} locks for the reconnect storm`);
    const locks = await seedStorm(handle, tenantId, ownerId, STORM);
    const procs = Array.from({ length: CHILDREN }, child);
    try {
      progress(`${scenario}: first connection of ${STORM} locks (full sync)`);
      print('connect_cold', await storm(server.url, locks, procs));
      await Promise.all(procs.map((p) => ask(p, { cmd: 'close' })));
      await server.gateway.flush();
      progress(`${scenario}: ${STORM} locks reconnecting at once`);
      print('reconnect_storm', await storm(server.url, locks.map((l) => ({ ...l, since: 1 })), procs));
      await server.gateway.flush();
      const synced = await inTenant(handle.db, tenantId, (tx) => tx.selectFrom('locks').select((eb) => eb.fn.countAll<number>().as('n')).where('serial', 'like', 'STORM-%').where('synced_version', '=', 1).executeTakeFirstOrThrow());
      print('reconnect_recorded', { locks_with_synced_version: Number(synced.n) });
      await Promise.all(procs.map((p) => ask(p, { cmd: 'close' })));
    } finally {
      for (const p of procs) p.disconnect();
    }
  } finally {
    await server.close();
  }
}

const [one, five] = loadavg();
console.log(JSON.stringify({ bench: 'locks', metric: 'machine', cpus: cpus().length, cpu_model: cpus()[0]?.model, load_average: [round(one!), round(five!)], node: process.version, storm: STORM }));
const pglite = await openDatabase({});
try {
  await bench('pglite', pglite);
} finally {
  await pglite.close();
}
const postgresUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
if (postgresUrl) await withFreshPostgres(postgresUrl, 10, (handle) => bench('postgres', handle));
else console.error('postgres scenario skipped: set BENCH_DATABASE_URL, TEST_DATABASE_URL or DATABASE_URL');
