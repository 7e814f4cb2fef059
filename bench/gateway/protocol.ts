// What the benchmark's server process asks its load processes to do (over the child's IPC
// channel), and what they answer. The devices of a group stay connected between commands, so a
// phase can start transactions in one command and report readings on them in the next.

export interface ConnectCommand {
  kind: 'connect';
  group: string;
  url: string;
  identities: string[];
  password: string;
  /** Connections being opened at once. */
  concurrency: number;
}

/** Laundry terminals, each running complete sessions with its own resident's badge on connector 1. */
export interface SessionsCommand {
  kind: 'sessions';
  group: string;
  /** Each terminal's resident's badge, by the terminal's identity. */
  idTags: Record<string, string>;
  durationMs: number;
  /** Sessions per second over the whole group; null: each terminal starts the next session as soon as one ends. */
  ratePerSecond: number | null;
}

/** Taps at a fixed pace, measuring how long Authorize takes (open loop: a slow answer does not delay the next tap). */
export interface ProbeCommand {
  kind: 'probe';
  group: string;
  idTags: Record<string, string>;
  intervalMs: number;
  durationMs: number;
}

export interface StartChargingCommand {
  kind: 'startCharging';
  group: string;
  idTags: Record<string, string>;
}

/** Every charger of the group reports readings on its transaction as fast as they are answered. */
export interface MeterCommand {
  kind: 'meter';
  group: string;
  durationMs: number;
  readingsPerMessage: number;
}

export type Command =
  | ConnectCommand | SessionsCommand | ProbeCommand | StartChargingCommand | MeterCommand
  | { kind: 'count'; group: string }
  | { kind: 'stopCharging'; group: string }
  | { kind: 'close'; group: string }
  | { kind: 'usage' };

/** Latencies in ms, one per call or session, summarised by the server process (stats.ts). */
export type Samples = number[];

export interface Failures {
  count: number;
  /** Up to a few distinct reasons with how often each occurred. */
  reasons: Record<string, number>;
}

export interface ConnectResult {
  connected: number;
  failures: Failures;
  elapsedMs: number;
  /** Open, Basic auth, BootNotification answered. */
  bootLatency: Samples;
}

export interface SessionsResult {
  completed: number;
  failures: Failures;
  elapsedMs: number;
  session: Samples;
  /** Each message of the sessions by its action (Authorize, GetBalance, Preselect, ...). */
  actions: Record<string, Samples>;
  /** Paced runs: sessions that started late because the one before had not ended. */
  late: number;
}

export interface ProbeResult {
  authorize: Samples;
  failures: Failures;
}

export interface MeterResult {
  messages: number;
  readings: number;
  failures: Failures;
  elapsedMs: number;
  latency: Samples;
}

export interface Usage {
  rssBytes: number;
  /** CPU time (user + system) since the process started, in ms. */
  cpuMs: number;
  fdLimit: number | null;
}

export type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };
