// Kills a process that is writing to the ledger (SIGKILL, at random moments, again and again) and
// checks that what it reported as committed is there exactly once and the ledger is sound.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../db/client.ts';
import { createScratchDatabase } from '../../db/scratch.ts';
import { testDatabaseKind } from '../../test/database.ts';
import { checkLedgerInvariants } from './ledger.invariants.ts';
import { transferId } from './ledger.usecases.ts';

const KILLS = 10;
const worker = join(import.meta.dirname, 'crash-worker.ts');
const postgres = testDatabaseKind() === 'postgres';

let env: Record<string, string>;
let open: () => Promise<DatabaseHandle>;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  if (!postgres) {
    const dir = mkdtempSync(join(tmpdir(), 'concierge-crash-'));
    env = { CRASH_DATA_DIR: dir };
    open = () => openDatabase({ dataDir: dir });
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
    return;
  }
  const serverUrl = process.env.TEST_DATABASE_URL!;
  const scratch = await createScratchDatabase(serverUrl, 'concierge_crash');
  env = { CRASH_DATABASE_URL: scratch.url };
  open = () => openDatabase({ databaseUrl: scratch.url, poolSize: 2 });
  cleanup = scratch.drop;
});
afterAll(async () => { await cleanup?.(); });

interface Run { acked: { step: string; index: number; id: string }[]; lastDone: number; exit: string }

/** Starts the worker at `start`, kills it `delayMs` after it is ready, and returns what it acknowledged. */
function runUntilKilled(start: number, delayMs: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', worker, String(start)], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const run: Run = { acked: [], lastDone: start - 1, exit: '' };
    let buffer = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) {
        const [word, a, b, c] = line.split(' ');
        if (word === 'ready') setTimeout(() => child.kill('SIGKILL'), delayMs);
        else if (word === 'ack') run.acked.push({ step: a!, index: Number(b), id: c! });
        else if (word === 'done') run.lastDone = Number(a);
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      run.exit = signal ?? `code ${code}`;
      if (signal !== 'SIGKILL') reject(new Error(`worker ended by itself (${run.exit}): ${stderr}`));
      else resolve(run);
    });
  });
}

it(`keeps every acknowledged transfer exactly once across ${KILLS} kills of the writing process`, async () => {
  const acked: Run['acked'] = [];
  let next = 0;
  for (let kill = 0; kill < KILLS; kill++) {
    const run = await runUntilKilled(next, 200 + Math.floor(Math.random() * 1300));
    acked.push(...run.acked);
    next = run.lastDone + 1;
  }
  console.log(`ledger crash (${postgres ? 'postgres' : 'pglite'}): ${KILLS} kills, ${acked.length} transfers acknowledged, resumed up to index ${next}`);
  const handle = await open();
  try {
    const stored = await handle.asOwner(async (owner) => owner.selectFrom('ledger_transfers').select(['id', 'code', 'kind']).execute());
    const count = new Map<string, number>();
    for (const row of stored) count.set(row.id, (count.get(row.id) ?? 0) + 1);

    expect(acked.filter((a) => a.step === 'topup').length).toBeGreaterThan(KILLS);
    expect(acked.filter((a) => count.get(a.id) !== 1)).toEqual([]);
    // Exactly once: every top-up in the ledger is one of the worker's derived ids, for an index it
    // reached; resubmissions after a kill added nothing.
    const topUps = stored.filter((row) => row.code === 'top_up').map((row) => row.id).sort();
    const reached = Math.max(next, ...acked.map((a) => a.index + 1));
    const possible = new Set(Array.from({ length: reached + 1 }, (_, i) => transferId('crash-topup', String(i))));
    expect(topUps.filter((id) => !possible.has(id))).toEqual([]);
    for (let i = 0; i < next; i++) expect(count.get(transferId('crash-topup', String(i))), `top-up ${i}`).toBe(1);
    expect(await handle.asOwner((owner) => checkLedgerInvariants(owner))).toEqual([]);
  } finally {
    await handle.close();
  }
}, 300_000);
