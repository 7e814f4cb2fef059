// Where the time of a phase goes: the statements the server sent (every pg round trip, counted
// by a wrapper around pg's Client.query installed before the pool opens), what PostgreSQL's
// backends were doing (pg_stat_activity sampled every 100 ms), and the CPU each process used —
// the server's Node process, the load processes, the database's backends and whatever else
// runs on the machine.
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { round } from './stats.ts';

const statements = new Map<string, number>();
let roundTrips = 0;
/** While a trace runs: every statement in the order sent. */
let tracing: string[] | null = null;
/** The profiler's own connections, left out of the counts. */
const uncounted = new WeakSet<pg.Client>();

/** What a statement is, for counting: BEGIN/COMMIT, a function called, or the verb and first table. */
function statementKey(text: string): string {
  const t = text.trimStart();
  const control = /^(begin|commit|rollback|savepoint|release)/i.exec(t);
  if (control) return control[1]!.toUpperCase();
  const call = /^select\s+([a-z_]+)\(/i.exec(t);
  if (call) return `select ${call[1]}()`;
  const verb = /^(select|insert|update|delete|with)/i.exec(t)?.[1]?.toLowerCase() ?? t.slice(0, 20);
  const table = /\b(?:from|into|update)\s+"?([a-z_]+)"?/i.exec(t)?.[1];
  return table ? `${verb} ${table}` : verb;
}

/** Counts every query any pg client of this process sends from now on. */
export function countRoundTrips(): void {
  const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    if (uncounted.has(this)) return query.apply(this, args);
    roundTrips++;
    const first = args[0];
    const text = typeof first === 'string' ? first : (first as { text?: string } | undefined)?.text ?? '';
    const key = statementKey(text);
    tracing?.push(key);
    statements.set(key, (statements.get(key) ?? 0) + 1);
    return query.apply(this, args);
  } as typeof pg.Client.prototype.query;
}

/** Records the statements sent from now until the returned function is called, which returns them. */
export function traceStatements(): () => string[] {
  const trace: string[] = [];
  tracing = trace;
  return () => {
    tracing = null;
    return trace;
  };
}

function machineBusyMs(): number {
  return cpus().reduce((sum, cpu) => sum + cpu.times.user + cpu.times.nice + cpu.times.sys + cpu.times.irq, 0);
}

const TICK_MS = 10; // USER_HZ is 100 on Linux
function processCpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return 0; // gone meanwhile
  }
}

export interface PhaseProfile {
  roundTrips: number;
  statements: Record<string, number>;
  /** How many of the benchmark database's client backends were in each state (and wait), on average over the samples. */
  backends: Record<string, number>;
  /** Of the whole machine (100 = every core busy); postgres: the benchmark database's backends. */
  cpuPercent: { machine: number; server: number; load: number; postgres: number; other: number };
  eventLoopUtilization: number;
  /** CPU time of this (the server's) process over the phase. */
  serverCpuMs: number;
  elapsedMs: number;
}

export interface Profiling {
  stop(): Promise<PhaseProfile>;
}

/** Starts watching a phase; `loadPids` are the load processes. */
export async function profilePhase(databaseUrl: string, loadPids: number[]): Promise<Profiling> {
  const monitor = new pg.Client({ connectionString: databaseUrl });
  uncounted.add(monitor);
  await monitor.connect();
  const statementsBefore = new Map(statements);
  const roundTripsBefore = roundTrips;
  const cpuBefore = { machine: machineBusyMs(), server: processCpuMs(process.pid), load: loadPids.map(processCpuMs) };
  const eluBefore = performance.eventLoopUtilization();
  const started = performance.now();

  // The pool opens and closes connections (idle ones after 10 s), so backends are followed as they come and go.
  const backendCpu = new Map<number, { first: number; last: number }>();
  const backends = new Map<string, number>();
  let samples = 0;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      const { rows } = await monitor.query<{ pid: number; what: string; client: boolean }>(`
        SELECT pid, state || coalesce(' ' || wait_event_type || '/' || wait_event, '') AS what,
          backend_type = 'client backend' AND query NOT LIKE 'LISTEN%' AS client
        FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`);
      // CPU is read once a second (and for each new backend): the sampler runs in the server's process.
      const readCpu = samples++ % 10 === 0;
      for (const row of rows) {
        const seen = backendCpu.get(row.pid);
        if (!seen) backendCpu.set(row.pid, { first: processCpuMs(row.pid), last: 0 });
        else if (readCpu) seen.last = processCpuMs(row.pid) || seen.last;
        if (row.client) backends.set(row.what, (backends.get(row.what) ?? 0) + 1);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();

  return {
    async stop() {
      sampling = false;
      await sampler;
      for (const [pid, cpu] of backendCpu) cpu.last = Math.max(cpu.first, processCpuMs(pid) || cpu.last);
      await monitor.end();
      const elapsedMs = performance.now() - started;
      const budget = elapsedMs * cpus().length / 100; // ms of CPU that make one percent of the machine
      const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
      const machine = (machineBusyMs() - cpuBefore.machine) / budget;
      const server = (processCpuMs(process.pid) - cpuBefore.server) / budget;
      const load = sum(loadPids.map((pid, i) => processCpuMs(pid) - cpuBefore.load[i]!)) / budget;
      const postgres = sum([...backendCpu.values()].map((c) => c.last - c.first)) / budget;
      const delta: Record<string, number> = {};
      for (const [key, n] of [...statements].sort((a, b) => b[1] - a[1])) {
        const d = n - (statementsBefore.get(key) ?? 0);
        if (d > 0) delta[key] = d;
      }
      const shares: Record<string, number> = {};
      for (const [what, n] of [...backends].sort((a, b) => b[1] - a[1])) shares[what] = round(n / Math.max(1, samples), 2);
      return {
        roundTrips: roundTrips - roundTripsBefore,
        statements: delta,
        backends: shares,
        cpuPercent: {
          machine: round(machine), server: round(server), load: round(load), postgres: round(postgres),
          other: round(Math.max(0, machine - server - load - postgres)),
        },
        eventLoopUtilization: round(performance.eventLoopUtilization(eluBefore).utilization, 2),
        serverCpuMs: processCpuMs(process.pid) - cpuBefore.server,
        elapsedMs: round(elapsedMs, 0),
      };
    },
  };
}
