// The device gateway under load, on PostgreSQL (BENCH_DATABASE_URL or TEST_DATABASE_URL): the
// real server (HTTP app + gateway + ledger batcher + authorisation cache + notifications, as
// main.ts builds it) in this process, the devices in two other processes (bench/gateway/load.ts).
//   1. devices connected and held idle, memory per idle connection (and first connections at
//      the production argon2id parameters);
//   2. complete laundry sessions per second, every terminal back to back;
//   3. Authorize p99 from separate terminals while sessions run (at saturation, at the goal's
//      rate of sessions, and at half the saturated rate);
//   4. meter values stored per second from chargers with a transaction each;
// then the ledger's invariants and the charged totals. Before the load, one session and one
// charge are traced message by message (the statements each sends to PostgreSQL). Baseline: the
// same devices and messages against a bare ocpp-rpc server in this process answering constants
// (bench/gateway/bare.ts), in alternating rounds. Sizes: bench/gateway/context.ts. Prints JSON
// lines (docs/PERFORMANCE.md explains them); never fails on a time.
import { cpus, loadavg } from 'node:os';
import { sql } from 'kysely';
import { migrate } from '../server/src/db/migrate.ts';
import { startBareServer } from './gateway/bare.ts';
import { checkMoney } from './gateway/checks.ts';
import { LoadProcess } from './gateway/children.ts';
import { benchConnections } from './gateway/connections.ts';
import { options, print, progress, type Bench } from './gateway/context.ts';
import { benchMeterValues } from './gateway/meter.ts';
import { countRoundTrips } from './gateway/profile.ts';
import { startGateway } from './gateway/server.ts';
import { benchSessions } from './gateway/sessions.ts';
import { traceMessages } from './gateway/trace.ts';
import { seedWorld } from './gateway/world.ts';
import { withFreshPostgres } from './lib/database.ts';

const postgresUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;

function machine(when: string, handle?: { version: string }) {
  const [one, five, fifteen] = loadavg().map((l) => Number(l.toFixed(2)));
  print('machine', { when, cpus: cpus().length, cpu_model: cpus()[0]?.model, load_average: [one, five, fifteen], node: process.version, ...(handle ? { postgres: handle.version } : {}), options });
}

if (!postgresUrl) {
  console.error('gateway benchmark skipped: set BENCH_DATABASE_URL or TEST_DATABASE_URL (it runs on PostgreSQL only)');
} else {
  countRoundTrips();
  const started = performance.now();
  await withFreshPostgres(postgresUrl, options.pool, async (handle) => {
    await migrate(handle);
    const version = await handle.asOwner(async (owner) => (await sql<{ v: string }>`SELECT current_setting('server_version') AS v`.execute(owner)).rows[0]!.v);
    machine('start', { version: `PostgreSQL ${version}` });
    progress('seeding devices and residents');
    const connections = options.phases.includes('connections');
    const world = await seedWorld(handle, {
      tenants: options.tenants, idle: connections ? options.devices : 0, argon: connections ? options.argonDevices : 0,
      sessionTerminals: options.terminals, probes: options.probes, chargers: options.chargers,
    });
    const ours = await startGateway(handle);
    const bare = await startBareServer();
    const bench: Bench = { handle, world, ours, bare, load: LoadProcess.start('load'), probe: LoadProcess.start('probe') };
    try {
      let laundryCompleted = 2; // the traced terminal's two sessions
      await traceMessages(bench, world.traced.terminal, world.traced.charger);
      if (connections) await benchConnections(bench);
      if (options.phases.includes('sessions')) laundryCompleted += (await benchSessions(bench)).completed;
      if (options.phases.includes('meter')) {
        // What autovacuum would have done by now (this server runs without it): the sessions
        // phase leaves thousands of dead row versions and statistics from before it.
        await handle.asOwner((owner) => sql`VACUUM (ANALYZE)`.execute(owner));
        await benchMeterValues(bench);
      }
      await checkMoney(bench, laundryCompleted);
    } finally {
      await bench.load.stop();
      await bench.probe.stop();
      await bare.close();
      await ours.close();
    }
    machine('end');
  });
  progress(`done in ${Math.round((performance.now() - started) / 1000)} s`);
}
