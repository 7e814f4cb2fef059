// Phase 4: meter values. Every charger starts a transaction (prepaid, without a pre-selection:
// the server holds a first step and checks at every reading whether another is due), then all
// report readings as fast as they are answered. What counts is what is stored: the rows added to
// meter_samples per second. Against the bare server the same messages, in alternating rounds.
import { sql } from 'kysely';
import { GOALS, options, print, progress, type Bench } from './context.ts';
import { startCpuProfile } from './cpuprofile.ts';
import { profilePhase, type PhaseProfile } from './profile.ts';
import type { ConnectResult, Failures, MeterResult } from './protocol.ts';
import { FailureCount, round, summarize } from './stats.ts';
import { badges, DEVICE_PASSWORD } from './world.ts';

type Target = 'ours' | 'bare';

const storedSamples = (bench: Bench) =>
  bench.handle.asOwner(async (owner) => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM meter_samples`.execute(owner)).rows[0]!.n);

interface Round {
  result: MeterResult;
  stored: number;
  profile: PhaseProfile;
}

export async function benchMeterValues(bench: Bench): Promise<void> {
  const chargers = bench.world.chargers;
  for (const target of ['ours', 'bare'] as const) {
    const url = target === 'ours' ? bench.ours.url : bench.bare.url;
    const group = `chargers-${target}`;
    const connected = await bench.load.request<ConnectResult>({ kind: 'connect', group, url, identities: chargers.map((c) => c.identity), password: DEVICE_PASSWORD, concurrency: 100 });
    const started = await bench.load.request<{ started: number; failures: Failures }>({ kind: 'startCharging', group, idTags: badges(chargers) });
    progress(`${target}: ${connected.connected} chargers connected, ${started.started} charging${started.failures.count ? `, failures ${JSON.stringify(started.failures)}` : ''}`);
  }

  const rounds = { ours: [] as Round[], bare: [] as Round[] };
  const roundMs = (options.meterSeconds * 1000) / options.rounds;
  for (let r = 0; r < options.rounds; r++) {
    for (const target of ['bare', 'ours'] as const) {
      const before = target === 'ours' ? await storedSamples(bench) : 0;
      const profiling = await profilePhase(bench.handle.connectionString!, [bench.load.pid]);
      const cpu = target === 'ours' && r === options.rounds - 1 && options.cpuProfileDir ? await startCpuProfile(options.cpuProfileDir) : undefined;
      const result = await bench.load.request<MeterResult>({ kind: 'meter', group: `chargers-${target}`, durationMs: roundMs, readingsPerMessage: options.readingsPerMessage });
      if (cpu) print('cpu_profile', { phase: 'meter_values', ...(await cpu.stop('meter_values')) });
      const profile = await profiling.stop();
      const stored = target === 'ours' ? (await storedSamples(bench)) - before : result.readings;
      progress(`${target}: ${result.messages} MeterValues in ${round(result.elapsedMs / 1000)} s (${round(result.messages / (result.elapsedMs / 1000))}/s), ${stored} stored`);
      rounds[target].push({ result, stored, profile });
    }
  }

  const stopped = await bench.load.request<{ stopped: number; failures: Failures }>({ kind: 'stopCharging', group: 'chargers-ours' });
  await bench.load.request({ kind: 'stopCharging', group: 'chargers-bare' });
  for (const target of ['ours', 'bare'] as const) await bench.load.request({ kind: 'close', group: `chargers-${target}` });

  const sum = (rs: Round[], f: (r: Round) => number) => rs.reduce((s, r) => s + f(r), 0);
  const seconds = (rs: Round[]) => sum(rs, (r) => r.result.elapsedMs) / 1000;
  const storedPerSecond = round(sum(rounds.ours, (r) => r.stored) / seconds(rounds.ours));
  const messagesPerSecond = round(sum(rounds.ours, (r) => r.result.messages) / seconds(rounds.ours));
  const bareMessagesPerSecond = round(sum(rounds.bare, (r) => r.result.messages) / seconds(rounds.bare));
  print('meter_values_per_s', {
    value: storedPerSecond, baseline: round(sum(rounds.bare, (r) => r.result.readings) / seconds(rounds.bare)),
    ratio: round(messagesPerSecond / bareMessagesPerSecond, 3), p99_ms: summarize(...rounds.ours.map((r) => r.result.latency)).p99Ms,
    baseline_p99_ms: summarize(...rounds.bare.map((r) => r.result.latency)).p99Ms, goal: GOALS.meterValuesPerSecond,
    messages_per_s: messagesPerSecond, readings_per_message: options.readingsPerMessage, chargers: chargers.length,
    stored_rows: sum(rounds.ours, (r) => r.stored), answered_readings: sum(rounds.ours, (r) => r.result.readings),
    failures: FailureCount.merge(...rounds.ours.map((r) => r.result.failures)), stopped: stopped.stopped, stop_failures: stopped.failures.count,
  });
  const messages = sum(rounds.ours, (r) => r.result.messages);
  const statements: Record<string, number> = {};
  for (const r of rounds.ours) for (const [key, n] of Object.entries(r.profile.statements)) statements[key] = (statements[key] ?? 0) + n;
  const last = rounds.ours[rounds.ours.length - 1]!.profile;
  const cpuPerMessage = (rs: Round[]) => round(sum(rs, (r) => r.profile.serverCpuMs) / Math.max(1, sum(rs, (r) => r.result.messages)), 3);
  print('profile', {
    phase: 'meter_values', round_trips_per_message: round(sum(rounds.ours, (r) => r.profile.roundTrips) / messages, 2),
    statements_per_message: Object.fromEntries(Object.entries(statements).sort((a, b) => b[1] - a[1]).map(([k, n]) => [k, round(n / messages, 2)])),
    server_cpu_ms_per_message: cpuPerMessage(rounds.ours), baseline_server_cpu_ms_per_message: cpuPerMessage(rounds.bare),
    backends_last_round: last.backends, cpu_percent_last_round: last.cpuPercent, event_loop_utilization_last_round: last.eventLoopUtilization,
  });
}
