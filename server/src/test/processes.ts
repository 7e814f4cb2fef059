// Runs the `concierge` command as a separate process, the way an operator does, against a
// fresh installation: a PGlite data directory in a temporary folder, or, in the "postgres"
// test project, a new database on the server of TEST_DATABASE_URL; empty, or holding a starting
// point prepared once per run (global-setup.ts) when the command under test needs data around it.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { inject } from 'vitest';
import { openDatabase } from '../db/client.ts';
import { createScratchDatabase } from '../db/scratch.ts';
import { testDatabaseKind, type StartingPoint } from './database.ts';

export const REPO_ROOT = resolve(import.meta.dirname, '../../..');
const BIN = join(REPO_ROOT, 'bin/concierge.js');

export interface Installation {
  env: Record<string, string>;
  remove(): Promise<void>;
}

/**
 * `start`: what the database holds at first. Empty by default (the commands that set one up are
 * what is tested); or one of the starting points, where a command needs an installation around it
 * and spawning `concierge seed-demo` for each file would only repeat the same setup.
 */
export async function freshInstallation(options: { start?: StartingPoint } = {}): Promise<Installation> {
  const dataDir = mkdtempSync(join(tmpdir(), 'concierge-'));
  const env: Record<string, string> = { DATA_DIR: dataDir, LOG_LEVEL: 'info' };
  let dropDatabase = async () => {};
  if (testDatabaseKind() === 'postgres') {
    const serverUrl = process.env.TEST_DATABASE_URL!;
    const template = options.start ? inject('postgresTemplates')[options.start] : undefined;
    const scratch = await createScratchDatabase(serverUrl, 'concierge_cli', { template });
    env.DATABASE_URL = scratch.url;
    dropDatabase = scratch.drop;
  } else if (options.start) {
    // Where `concierge` keeps its PGlite (DATA_DIR/pglite), laid down from the prepared image.
    const image = new Blob([readFileSync(join(inject('pgliteImages'), `${options.start}.tar`))]);
    const handle = await openDatabase({ dataDir, pgliteImage: image });
    await handle.close();
  }
  return {
    env,
    async remove() {
      await dropDatabase();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Spawns `node bin/concierge.js ...args`; the environment is the test's minus database settings, plus `env`. */
export function spawnConcierge(args: string[], env: Record<string, string>) {
  const base = { ...process.env };
  for (const name of ['DATABASE_URL', 'DATA_DIR', 'PORT', 'DEMO', 'ROLES', 'SMTP_URL']) delete base[name];
  const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = { stdout: '', stderr: '' };
  child.stdout.on('data', (chunk) => { output.stdout += chunk; });
  child.stderr.on('data', (chunk) => { output.stderr += chunk; });
  const exited = new Promise<CliRun>((resolvePromise, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolvePromise({ code, ...output }));
  });
  return { child, output, exited };
}

export function runConcierge(args: string[], env: Record<string, string>): Promise<CliRun> {
  return spawnConcierge(args, env).exited;
}

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as AddressInfo;
  probe.close();
  await once(probe, 'close');
  return port;
}

/** Waits until `base` answers /health; fails early when `exited` says the server is gone. */
export async function waitForHealth(base: string, deadline: number, exited: () => string | null): Promise<void> {
  while (Date.now() < deadline) {
    const gone = exited();
    if (gone !== null) throw new Error(`the server exited: ${gone}`);
    try {
      if ((await fetch(`${base}/health`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('the server did not answer /health in time');
}
