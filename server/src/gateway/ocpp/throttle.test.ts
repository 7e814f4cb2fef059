import { describe, expect, it } from 'vitest';
import { CallThrottle, type CallLimits } from './throttle.ts';

const limits: CallLimits = { ratePerSecond: 20, burst: 3, maxWaiting: 2 };

function manualClock() {
  let ms = 1_000;
  return { now: () => ms, advance: (by: number) => { ms += by; } };
}

describe('a connection’s call throttle', () => {
  it('serves a burst at once, then turns at the sustained rate, and refuses beyond the waiting room', () => {
    const clock = manualClock();
    const throttle = new CallThrottle(limits, clock.now);
    expect([throttle.admit(), throttle.admit(), throttle.admit()]).toEqual([0, 0, 0]);
    expect(throttle.admit()).toBeCloseTo(50);
    expect(throttle.admit()).toBeCloseTo(100);
    expect(throttle.admit()).toBeNull();

    // The first waiting call had its turn: one place frees, and time has paid for part of the next turn.
    clock.advance(50);
    throttle.leave();
    expect(throttle.admit()).toBeCloseTo(100);
    expect(throttle.admit()).toBeNull();
  });

  it('refills after a quiet spell, never beyond the burst', () => {
    const clock = manualClock();
    const throttle = new CallThrottle(limits, clock.now);
    for (let i = 0; i < 3; i++) throttle.admit();
    clock.advance(60_000);
    expect([throttle.admit(), throttle.admit(), throttle.admit()]).toEqual([0, 0, 0]);
    expect(throttle.admit()).toBeGreaterThan(0);
  });

  it('answers a call over the limit with GenericError "rate limited" and drops waiting calls of a closed connection', async () => {
    const throttle = new CallThrottle({ ratePerSecond: 1, burst: 1, maxWaiting: 1 });
    const ran: string[] = [];
    await throttle.run(async () => ran.push('first'));
    const closed = new AbortController();
    const waiting = throttle.run(async () => ran.push('waiting'), closed.signal);
    await expect(throttle.run(async () => ran.push('refused'))).rejects.toMatchObject({ rpcErrorCode: 'GenericError', message: 'rate limited' });
    closed.abort();
    await expect(waiting).rejects.toThrow();
    expect(ran).toEqual(['first']);
    // The abandoned call left the waiting room.
    expect(throttle.admit()).not.toBeNull();
  });
});
