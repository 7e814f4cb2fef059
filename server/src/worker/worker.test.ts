import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { Deps } from '../deps.ts';
import { startWorker } from './worker.ts';

// The loop itself needs no database: only the logger of its dependencies.
const deps = { log: pino({ level: 'silent' }) } as Deps;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('worker loop', () => {
  it('runs a job at once and again after each interval, never two runs at a time', async () => {
    let active = 0;
    let maxActive = 0;
    let runs = 0;
    const worker = startWorker(deps, [{
      name: 'slow', intervalMs: 5,
      async run() {
        active++;
        maxActive = Math.max(maxActive, active);
        await sleep(20); // slower than its interval
        active--;
        runs++;
      },
    }]);
    while (runs < 3) await sleep(10);
    await worker.stop();
    expect(maxActive).toBe(1);
  });

  it('keeps running a job that failed, and stops after the run in progress', async () => {
    let calls = 0;
    let finished = false;
    let secondRunStarted!: () => void;
    const secondRun = new Promise<void>((resolve) => { secondRunStarted = resolve; });
    const worker = startWorker(deps, [{
      name: 'flaky', intervalMs: 5,
      async run() {
        calls++;
        if (calls === 1) throw new Error('boom');
        secondRunStarted();
        await sleep(30);
        finished = true;
      },
    }]);
    await secondRun;
    await worker.stop();
    expect(calls).toBe(2);
    expect(finished).toBe(true); // stop() waited for the second run
    await sleep(30);
    expect(calls).toBe(2); // nothing ran after stop()
  });
});
