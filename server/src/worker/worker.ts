// The background worker: runs periodic jobs, each on its own timer. A job's next run is
// scheduled only after the current one finished, so a slow run never overlaps itself.
import type { Deps } from '../deps.ts';

export interface Job {
  name: string;
  intervalMs: number;
  run(deps: Deps): Promise<unknown>;
}

export interface Worker {
  /** Stops scheduling and waits for the runs in progress to finish. */
  stop(): Promise<void>;
}

export function startWorker(deps: Deps, jobs: Job[]): Worker {
  const log = deps.log.child({ component: 'worker' });
  const timers = new Map<string, NodeJS.Timeout>();
  const running = new Set<Promise<void>>();
  let stopped = false;

  const runOnce = async (job: Job) => {
    const started = Date.now();
    try {
      const result = await job.run(deps);
      log.debug({ job: job.name, ms: Date.now() - started, result }, 'job done');
    } catch (err) {
      // A failing job is logged and tried again at its next interval; it never stops the worker.
      log.error({ err, job: job.name }, 'job failed');
    }
  };

  const schedule = (job: Job, delayMs: number) => {
    if (stopped) return;
    const timer = setTimeout(() => {
      const run = runOnce(job).finally(() => {
        running.delete(run);
        schedule(job, job.intervalMs);
      });
      running.add(run);
    }, delayMs);
    timer.unref();
    timers.set(job.name, timer);
  };

  for (const job of jobs) schedule(job, 0);
  log.info({ jobs: jobs.map((j) => j.name) }, 'worker started');

  return {
    async stop() {
      stopped = true;
      for (const timer of timers.values()) clearTimeout(timer);
      await Promise.all(running);
    },
  };
}
