// Phase 1: devices connected and held idle. The load process opens the connections (Basic auth,
// ocpp1.6, BootNotification each), holds them for a while with nothing but WebSocket pings, and
// counts how many are still open; the server's memory, settled by garbage collection, is read
// before and after, so the difference per connection is what an idle device costs. The same
// against the bare server is the floor (ocpp-rpc and ws alone).
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { GOALS, options, print, progress, type Bench } from './context.ts';
import { settledMemory } from './memory.ts';
import type { ConnectResult, Usage } from './protocol.ts';
import { round, summarize } from './stats.ts';
import { DEVICE_PASSWORD } from './world.ts';

interface Held {
  connect: ConnectResult;
  /** Still open after the hold, as the devices see it and as the server does. */
  openAtDevices: number;
  heldByServer: number;
  /** Ours: devices the devices table shows connected to this node. */
  inDatabase: number | null;
  rssPerConnectionKib: number;
  heapPerConnectionKib: number;
  externalPerConnectionKib: number;
  loadRssBytes: number;
  fdLimit: number | null;
}

const connectedInDatabase = (bench: Bench) =>
  bench.handle.asOwner(async (owner) => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM devices WHERE connected_node IS NOT NULL`.execute(owner)).rows[0]!.n);

async function holdIdle(bench: Bench, target: 'ours' | 'bare', identities: string[]): Promise<Held> {
  const url = target === 'ours' ? bench.ours.url : bench.bare.url;
  const serverCount = () => (target === 'ours' ? bench.ours.gateway.connections.size : bench.bare.connections());
  const group = `idle-${target}`;
  const before = await settledMemory();
  progress(`${target}: connecting ${identities.length} devices`);
  const connect = await bench.load.request<ConnectResult>({ kind: 'connect', group, url, identities, password: DEVICE_PASSWORD, concurrency: options.connectConcurrency });
  progress(`${target}: ${connect.connected} connected in ${round(connect.elapsedMs / 1000)} s; holding ${options.holdSeconds} s`);
  await sleep(options.holdSeconds * 1000);
  const after = await settledMemory();
  const heldByServer = serverCount();
  const openAtDevices = await bench.load.request<number>({ kind: 'count', group });
  const inDatabase = target === 'ours' ? await connectedInDatabase(bench) : null;
  const usage = await bench.load.request<Usage>({ kind: 'usage' });
  await bench.load.request({ kind: 'close', group });
  for (let i = 0; i < 300 && serverCount() > 0; i++) await sleep(100);
  // Each disconnection is written to the devices table; let those writes finish before what follows.
  if (target === 'ours') for (let i = 0; i < 600 && (await connectedInDatabase(bench)) > 0; i++) await sleep(100);
  const per = (bytes: number) => round(bytes / Math.max(1, heldByServer) / 1024, 2);
  return {
    connect, openAtDevices, heldByServer, inDatabase,
    rssPerConnectionKib: per(after.rssBytes - before.rssBytes),
    heapPerConnectionKib: per(after.heapUsedBytes - before.heapUsedBytes),
    externalPerConnectionKib: per(after.externalBytes - before.externalBytes),
    loadRssBytes: usage.rssBytes, fdLimit: usage.fdLimit,
  };
}

const connectRate = (connect: ConnectResult) => round(connect.connected / (connect.elapsedMs / 1000));

function serverFdLimit(): number | null {
  return Number(/Max open files\s+(\d+)/.exec(readFileSync('/proc/self/limits', 'utf8'))?.[1]) || null;
}

export async function benchConnections(bench: Bench): Promise<void> {
  const { idle } = bench.world;
  const bare = await holdIdle(bench, 'bare', idle);
  const ours = await holdIdle(bench, 'ours', idle);
  const recorded = await bench.handle.asOwner(async (owner) => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM devices WHERE last_boot_at IS NOT NULL AND identity LIKE 'BT-%'`.execute(owner)).rows[0]!.n);
  const perSecond = (held: Held) => connectRate(held.connect);

  print('devices_connected', {
    value: ours.heldByServer, baseline: bare.heldByServer, ratio: round(ours.heldByServer / Math.max(1, bare.heldByServer), 3), goal: GOALS.devices,
    attempted: idle.length, open_at_devices: ours.openAtDevices, connected_in_database: ours.inDatabase, boots_recorded: recorded, hold_s: options.holdSeconds,
    connect_failures: ours.connect.failures, fd_limit_server: serverFdLimit(), fd_limit_load: ours.fdLimit,
  });
  print('connections_per_s', {
    value: perSecond(ours), baseline: perSecond(bare), ratio: round(perSecond(ours) / perSecond(bare), 3),
    p99_ms: summarize(ours.connect.bootLatency).p99Ms, baseline_p99_ms: summarize(bare.connect.bootLatency).p99Ms, concurrency: options.connectConcurrency,
  });
  print('memory_per_idle_connection_kib', {
    value: ours.rssPerConnectionKib, baseline: bare.rssPerConnectionKib, ratio: round(ours.rssPerConnectionKib / bare.rssPerConnectionKib, 3),
    heap_kib: ours.heapPerConnectionKib, baseline_heap_kib: bare.heapPerConnectionKib,
    external_kib: ours.externalPerConnectionKib, baseline_external_kib: bare.externalPerConnectionKib,
    load_process_rss_mib: round(ours.loadRssBytes / 2 ** 20),
  });

  // A device's first connection to a process pays the argon2id check at production parameters;
  // this is what a gateway restart costs while every device reconnects.
  if (bench.world.argon.length > 0) {
    progress(`first connections with the production argon2id hash: ${bench.world.argon.length}`);
    const connectAll = () => bench.load.request<ConnectResult>({ kind: 'connect', group: 'argon', url: bench.ours.url, identities: bench.world.argon, password: DEVICE_PASSWORD, concurrency: 50 });
    const first = await connectAll();
    await bench.load.request({ kind: 'close', group: 'argon' });
    const again = await connectAll();
    await bench.load.request({ kind: 'close', group: 'argon' });
    print('first_connections_per_s_argon2', {
      value: connectRate(first), p99_ms: summarize(first.bootLatency).p99Ms, devices: bench.world.argon.length,
      reconnections_per_s: connectRate(again), reconnection_p99_ms: summarize(again.bootLatency).p99Ms, failures: first.failures.count + again.failures.count,
    });
  }
}
