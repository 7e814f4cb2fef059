// What every phase of the gateway benchmark works with, the sizes (from the environment,
// defaulting to the goals), and how a result line is printed.
import type { DatabaseHandle } from '../../server/src/db/client.ts';
import type { BareServer } from './bare.ts';
import type { LoadProcess } from './children.ts';
import type { GatewayUnderTest } from './server.ts';
import type { BenchWorld } from './world.ts';

const number = (name: string, fallback: number) => {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number, got "${raw}"`);
  return value;
};

export const options = {
  /** Devices connected and held idle (phase 1). */
  devices: number('BENCH_GATEWAY_DEVICES', 10_000),
  /** Past 30 s, so that every connection has had a WebSocket ping from each side. */
  holdSeconds: number('BENCH_GATEWAY_HOLD_S', 35),
  connectConcurrency: number('BENCH_GATEWAY_CONNECT_CONCURRENCY', 200),
  /** Devices whose first connection runs the production argon2id check. */
  argonDevices: number('BENCH_GATEWAY_ARGON_DEVICES', 100),
  /** Laundry terminals running sessions back to back (phases 2 and 3). */
  terminals: number('BENCH_GATEWAY_TERMINALS', 400),
  sessionSeconds: number('BENCH_GATEWAY_SESSIONS_S', 20),
  /** Phase 3: sessions per second started on schedule, while Authorize is measured. */
  pacedRate: number('BENCH_GATEWAY_PACED_RATE', 300),
  pacedSeconds: number('BENCH_GATEWAY_PACED_S', 15),
  probes: number('BENCH_GATEWAY_PROBES', 10),
  probeIntervalMs: number('BENCH_GATEWAY_PROBE_INTERVAL_MS', 100),
  /** Chargers each with a transaction reporting meter values (phase 4). */
  chargers: number('BENCH_GATEWAY_CHARGERS', 1000),
  meterSeconds: number('BENCH_GATEWAY_METER_S', 20),
  readingsPerMessage: number('BENCH_GATEWAY_READINGS', 1),
  /** Rounds per timed phase, alternating the bare server and ours. */
  rounds: Math.max(1, number('BENCH_GATEWAY_ROUNDS', 2)),
  tenants: Math.max(1, number('BENCH_GATEWAY_TENANTS', 1)),
  /** The application's pool, as main.ts opens it. */
  pool: number('BENCH_GATEWAY_POOL', 10),
  /** A directory: profile the server's CPU in the last loaded round of each phase (cpuprofile.ts). */
  cpuProfileDir: process.env.BENCH_GATEWAY_CPU_PROFILE || null,
  phases: (process.env.BENCH_GATEWAY_PHASES ?? 'connections,sessions,meter').split(',').map((p) => p.trim()),
};

export const GOALS = { devices: 10_000, sessionsPerSecond: 300, authorizeP99Ms: 50, meterValuesPerSecond: 5_000 };

export interface Bench {
  handle: DatabaseHandle;
  world: BenchWorld;
  ours: GatewayUnderTest;
  bare: BareServer;
  /** Plays the devices under load. */
  load: LoadProcess;
  /** Plays the devices measuring Authorize, apart from the load. */
  probe: LoadProcess;
}

/** One result line on stdout. */
export function print(metric: string, fields: Record<string, unknown>): void {
  console.log(JSON.stringify({ bench: 'gateway', scenario: 'postgres', metric, ...fields }));
}

/** Progress on stderr, so stdout stays JSON. */
export function progress(message: string): void {
  console.error(`[gateway ${new Date().toISOString().slice(11, 19)}] ${message}`);
}
