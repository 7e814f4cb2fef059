// How fast one connection's calls are served. Each connection has its own token bucket: a burst
// runs at once, beyond it calls wait their turn at the sustained rate, and once too many wait the
// next are refused at once with GenericError "rate limited" (still one answer per call). A device
// flooding the gateway so spends its own connection's time, never the other devices'.
import { setTimeout as sleep } from 'node:timers/promises';
import { createRPCError } from 'ocpp-rpc';

export interface CallLimits {
  /** Calls per second a connection may keep up. */
  ratePerSecond: number;
  /** Calls served without waiting after a quiet spell. */
  burst: number;
  /** Calls that may wait for their turn; more are refused. */
  maxWaiting: number;
}

/** A terminal sends a few calls a minute; a charger reporting every second stays far below this. */
export const DEVICE_CALL_LIMITS: CallLimits = { ratePerSecond: 20, burst: 60, maxWaiting: 100 };

/** Milliseconds from a fixed point; monotonic, so a wall-clock jump neither frees nor starves a device. */
export type Monotonic = () => number;

export class CallThrottle {
  private tokens: number;
  private refilledAt: number;
  private waiting = 0;

  constructor(private readonly limits: CallLimits, private readonly now: Monotonic = () => performance.now()) {
    this.tokens = limits.burst;
    this.refilledAt = now();
  }

  /**
   * Takes a turn: how many milliseconds the call waits before it runs (0: at once), or null when
   * too many calls wait already. A waiting call owes its token in advance (the bucket goes below
   * zero), so turns are handed out in order at the sustained rate.
   */
  admit(): number | null {
    const now = this.now();
    this.tokens = Math.min(this.limits.burst, this.tokens + ((now - this.refilledAt) * this.limits.ratePerSecond) / 1000);
    this.refilledAt = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    if (this.waiting >= this.limits.maxWaiting) return null;
    this.tokens -= 1;
    this.waiting += 1;
    return (-this.tokens * 1000) / this.limits.ratePerSecond;
  }

  /** A call admitted with a wait has had its turn (run or abandoned). */
  leave(): void {
    this.waiting -= 1;
  }

  /** Runs `call` in its turn; a connection closing meanwhile (`signal`) abandons it unrun. */
  async run<T>(call: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const wait = this.admit();
    if (wait === null) throw createRPCError('GenericError', 'rate limited');
    if (wait > 0) {
      try {
        await sleep(wait, undefined, { signal });
      } finally {
        this.leave();
      }
    }
    return call();
  }
}
