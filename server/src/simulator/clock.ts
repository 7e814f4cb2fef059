// Time for simulated devices. Devices read the time and set timers only through a
// SimulatorClock, so a test can move a device through an hour of washing in milliseconds.
export interface SimulatorClock {
  now(): Date;
  /** Runs `task` once after `ms`; the returned function cancels it. */
  after(ms: number, task: () => void | Promise<void>): () => void;
}

export const realClock: SimulatorClock = {
  now: () => new Date(),
  after(ms, task) {
    const timer = setTimeout(() => { void task(); }, ms);
    return () => clearTimeout(timer);
  },
};

interface Pending { at: number; seq: number; task: () => void | Promise<void> }

/** A clock that moves only when told; due timers run in order of their time, awaited one by one. */
export class ManualClock implements SimulatorClock {
  private current: number;
  private pending: Pending[] = [];
  private seq = 0;

  constructor(start: Date = new Date()) {
    this.current = start.getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  after(ms: number, task: () => void | Promise<void>): () => void {
    const entry: Pending = { at: this.current + Math.max(0, ms), seq: this.seq++, task };
    this.pending.push(entry);
    return () => { this.pending = this.pending.filter((p) => p !== entry); };
  }

  /** Moves time forward by `ms`, running every timer that falls due on the way. */
  async advance(ms: number): Promise<void> {
    const target = this.current + ms;
    for (;;) {
      const next = this.pending.filter((p) => p.at <= target).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!next) break;
      this.pending = this.pending.filter((p) => p !== next);
      this.current = Math.max(this.current, next.at);
      await next.task();
    }
    this.current = target;
  }

  /** How many timers are waiting (a test can check that a device stopped its timers). */
  get timers(): number {
    return this.pending.length;
  }
}
