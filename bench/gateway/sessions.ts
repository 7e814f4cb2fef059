// Phases 2 and 3: complete laundry sessions (Authorize, GetBalance, Preselect, StartTransaction,
// one MeterValues, StopTransaction), each terminal with its own resident, and Authorize timed by
// separate terminals in another process while the sessions run.
//   Phase 2: every terminal starts its next session as soon as one ends — the most the server
//   completes per second (and Authorize at that saturation).
//   Phase 3: sessions started on a schedule — Authorize under that load: at the goal's rate, and
//   at half the rate the server completed in phase 2 (a load it carries without queues).
// Each against the bare server too, in alternating rounds.
import { GOALS, options, print, progress, type Bench } from './context.ts';
import { startCpuProfile } from './cpuprofile.ts';
import { profilePhase, type PhaseProfile } from './profile.ts';
import type { ConnectResult, ProbeResult, SessionsResult } from './protocol.ts';
import { FailureCount, round, summarize } from './stats.ts';
import { badges, DEVICE_PASSWORD } from './world.ts';

type Target = 'ours' | 'bare';

interface Run {
  sessions: SessionsResult;
  probe: ProbeResult;
  profile: PhaseProfile;
}

async function run(bench: Bench, target: Target, durationMs: number, ratePerSecond: number | null, cpuLabel?: string): Promise<Run> {
  const profiling = await profilePhase(bench.handle.connectionString!, [bench.load.pid, bench.probe.pid]);
  const cpu = cpuLabel && options.cpuProfileDir ? await startCpuProfile(options.cpuProfileDir) : undefined;
  const [sessions, probe] = await Promise.all([
    bench.load.request<SessionsResult>({ kind: 'sessions', group: `sessions-${target}`, idTags: badges(bench.world.sessionTerminals), durationMs, ratePerSecond }),
    bench.probe.request<ProbeResult>({ kind: 'probe', group: `probe-${target}`, idTags: badges(bench.world.probes), intervalMs: options.probeIntervalMs, durationMs }),
  ]);
  if (cpu) print('cpu_profile', { phase: cpuLabel, ...(await cpu.stop(cpuLabel!)) });
  const profile = await profiling.stop();
  progress(`${target}: ${sessions.completed} sessions in ${round(sessions.elapsedMs / 1000)} s (${round(sessions.completed / (sessions.elapsedMs / 1000))}/s), ${sessions.failures.count} failed`);
  return { sessions, probe, profile };
}

function totals(runs: Run[]) {
  const completed = runs.reduce((sum, r) => sum + r.sessions.completed, 0);
  const elapsedMs = runs.reduce((sum, r) => sum + r.sessions.elapsedMs, 0);
  return {
    completed,
    perSecond: round(completed / (elapsedMs / 1000)),
    session: summarize(...runs.map((r) => r.sessions.session)),
    tapAuthorize: summarize(...runs.map((r) => r.sessions.actions.Authorize ?? [])),
    actionP99Ms: Object.fromEntries(Object.keys(runs[0]!.sessions.actions).map((action) => [action, summarize(...runs.map((r) => r.sessions.actions[action] ?? [])).p99Ms])),
    actionP50Ms: Object.fromEntries(Object.keys(runs[0]!.sessions.actions).map((action) => [action, summarize(...runs.map((r) => r.sessions.actions[action] ?? [])).p50Ms])),
    probeAuthorize: summarize(...runs.map((r) => r.probe.authorize)),
    failures: FailureCount.merge(...runs.map((r) => r.sessions.failures), ...runs.map((r) => r.probe.failures)),
    late: runs.reduce((sum, r) => sum + r.sessions.late, 0),
  };
}

/** The server's CPU time per completed session (the probes' taps included). */
const cpuPerSession = (runs: Run[]) =>
  round(runs.reduce((sum, r) => sum + r.profile.serverCpuMs, 0) / Math.max(1, runs.reduce((sum, r) => sum + r.sessions.completed, 0)), 2);

/** Per completed session: round trips and statements of the server, and where the time went. */
function printProfile(phase: string, runs: Run[], bareRuns: Run[]): void {
  const completed = runs.reduce((sum, r) => sum + r.sessions.completed, 0);
  const profile = runs[runs.length - 1]!.profile;
  const perSession = (n: number) => round(n / Math.max(1, completed), 2);
  const statements: Record<string, number> = {};
  for (const r of runs) for (const [key, n] of Object.entries(r.profile.statements)) statements[key] = (statements[key] ?? 0) + n;
  print('profile', {
    // The probes' taps run on the same server: their round trips are in the count (about 4 per tap, see the trace).
    phase, round_trips_per_session_with_taps: perSession(runs.reduce((sum, r) => sum + r.profile.roundTrips, 0)),
    probe_taps_per_session: perSession(runs.reduce((sum, r) => sum + r.probe.authorize.length, 0)),
    statements_per_session_with_taps: Object.fromEntries(Object.entries(statements).sort((a, b) => b[1] - a[1]).map(([k, n]) => [k, perSession(n)])),
    server_cpu_ms_per_session: cpuPerSession(runs), baseline_server_cpu_ms_per_session: cpuPerSession(bareRuns),
    backends_last_round: profile.backends, cpu_percent_last_round: profile.cpuPercent, event_loop_utilization_last_round: profile.eventLoopUtilization,
  });
}

export async function benchSessions(bench: Bench): Promise<{ completed: number }> {
  const identities = bench.world.sessionTerminals.map((t) => t.identity);
  const probes = bench.world.probes.map((p) => p.identity);
  for (const target of ['ours', 'bare'] as const) {
    const url = target === 'ours' ? bench.ours.url : bench.bare.url;
    const connected = await bench.load.request<ConnectResult>({ kind: 'connect', group: `sessions-${target}`, url, identities, password: DEVICE_PASSWORD, concurrency: 100 });
    const probing = await bench.probe.request<ConnectResult>({ kind: 'connect', group: `probe-${target}`, url, identities: probes, password: DEVICE_PASSWORD, concurrency: 20 });
    if (connected.failures.count + probing.failures.count > 0) progress(`${target}: some terminals did not connect: ${JSON.stringify([connected.failures, probing.failures])}`);
  }

  const saturated = { ours: [] as Run[], bare: [] as Run[] };
  const roundMs = (options.sessionSeconds * 1000) / options.rounds;
  for (let r = 0; r < options.rounds; r++) {
    for (const target of ['bare', 'ours'] as const) {
      const last = target === 'ours' && r === options.rounds - 1;
      saturated[target].push(await run(bench, target, roundMs, null, last ? 'sessions' : undefined));
    }
  }
  const ours = totals(saturated.ours);
  const bare = totals(saturated.bare);
  print('sessions_per_s', {
    value: ours.perSecond, baseline: bare.perSecond, ratio: round(ours.perSecond / bare.perSecond, 3), p99_ms: ours.session.p99Ms, goal: GOALS.sessionsPerSecond,
    terminals: identities.length, completed: ours.completed, failures: ours.failures,
    message_p50_ms: ours.actionP50Ms, message_p99_ms: ours.actionP99Ms, baseline_message_p99_ms: bare.actionP99Ms,
    rounds: saturated.ours.map((r) => round(r.sessions.completed / (r.sessions.elapsedMs / 1000))), baseline_rounds: saturated.bare.map((r) => round(r.sessions.completed / (r.sessions.elapsedMs / 1000))),
  });
  print('authorize_p99_ms_saturated', {
    value: ours.probeAuthorize.p99Ms, baseline: bare.probeAuthorize.p99Ms, p50_ms: ours.probeAuthorize.p50Ms, max_ms: ours.probeAuthorize.maxMs, taps: ours.probeAuthorize.count,
    terminals_authorize_p99_ms: ours.tapAuthorize.p99Ms, goal: GOALS.authorizeP99Ms,
  });
  printProfile('sessions_saturated', saturated.ours, saturated.bare);

  // At the goal's rate, and at half the rate this server completed flat out (a load it carries).
  const atGoal = await benchPaced(bench, 'authorize_p99_ms', options.pacedRate);
  const atHalf = await benchPaced(bench, 'authorize_p99_ms_half_load', Math.max(1, Math.round(ours.perSecond / 2)));

  for (const target of ['ours', 'bare'] as const) {
    await bench.load.request({ kind: 'close', group: `sessions-${target}` });
    await bench.probe.request({ kind: 'close', group: `probe-${target}` });
  }
  return { completed: ours.completed + atGoal + atHalf };
}

/** Sessions started on schedule at `rate` per second while the probes tap; returns our completed sessions. */
async function benchPaced(bench: Bench, metric: string, rate: number): Promise<number> {
  const paced = { bare: await run(bench, 'bare', options.pacedSeconds * 1000, rate), ours: await run(bench, 'ours', options.pacedSeconds * 1000, rate) };
  const ours = totals([paced.ours]);
  const bare = totals([paced.bare]);
  print(metric, {
    value: ours.probeAuthorize.p99Ms, baseline: bare.probeAuthorize.p99Ms, p50_ms: ours.probeAuthorize.p50Ms, max_ms: ours.probeAuthorize.maxMs,
    taps: ours.probeAuthorize.count, terminals_authorize_p99_ms: ours.tapAuthorize.p99Ms, goal: GOALS.authorizeP99Ms,
    load_sessions_per_s: ours.perSecond, baseline_load_sessions_per_s: bare.perSecond, scheduled_per_s: rate,
    late_starts: ours.late, session_p99_ms: ours.session.p99Ms, message_p99_ms: ours.actionP99Ms, failures: ours.failures,
  });
  printProfile(metric, [paced.ours], [paced.bare]);
  return ours.completed;
}
