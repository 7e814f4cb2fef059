import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, login, type TestContext } from '../../test/app.ts';

let ctx: TestContext;
beforeAll(async () => { ctx = await createTestContext(); });
afterAll(async () => { await ctx.close(); });

// Each test logs in from its own address, so the per-address rate limit stays out of the way.
async function attempt(email: string, password: string, remoteAddress: string) {
  const response = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress, payload: { email, password }, headers: { 'user-agent': 'lockout-test' } });
  return { status: response.statusCode, body: response.json() };
}

const retryAfter = (body: { error: { fields: { field: string; message: string }[] } }) =>
  Number(body.error.fields.find((f) => f.field === 'retry_after')!.message);

describe('lockout after failed logins', () => {
  it('locks with a growing delay, even for the right password, and shows it in the login history', async () => {
    const email = 'staff@demo.test';
    for (let i = 0; i < 5; i++) expect((await attempt(email, 'wrong-password', '10.0.0.1')).body.error.code).toBe('auth.invalid_credentials');

    const locked = await attempt(email, 'demo-password', '10.0.0.1');
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('auth.locked');
    const firstDelay = retryAfter(locked.body);
    expect(firstDelay).toBeGreaterThan(0);
    expect(firstDelay).toBeLessThanOrEqual(30);

    ctx.clock.advance(31_000);
    expect((await attempt(email, 'wrong-password', '10.0.0.1')).status).toBe(401);
    const lockedAgain = await attempt(email, 'demo-password', '10.0.0.1');
    expect(lockedAgain.status).toBe(429);
    expect(retryAfter(lockedAgain.body)).toBeGreaterThan(firstDelay + 20);

    ctx.clock.advance(61_000);
    expect((await attempt(email, 'demo-password', '10.0.0.1')).status).toBe(200);

    const staff = await login(ctx.app, email);
    const history = await staff.request('GET', '/api/me/logins?pageSize=5');
    expect(history.status).toBe(200);
    expect(history.body.items.map((e: { outcome: string }) => e.outcome)).toEqual(['success', 'success', 'locked', 'wrong_password', 'locked']);
    expect(history.body.items[2]).toMatchObject({ ip: '10.0.0.1', userAgent: 'lockout-test' });
    expect(history.body.total).toBe(10);
    expect(history.body.lastFailure.outcome).toBe('locked');
    expect(history.body.lastSuccess.outcome).toBe('success');
    const page3 = await staff.request('GET', '/api/me/logins?pageSize=4&page=3');
    expect(page3.body.items.map((e: { outcome: string }) => e.outcome)).toEqual(['wrong_password', 'wrong_password']);
    expect((await staff.request('GET', '/api/me/logins?pageSize=500')).body.error).toMatchObject({ code: 'request.invalid_query', fields: [{ field: 'pageSize' }] });
  });

  it('answers an unknown e-mail as slowly as a known one with a wrong password', async () => {
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const timed = async (email: string) => {
      const start = performance.now();
      const result = await attempt(email, 'not-the-password', '10.0.0.2');
      expect(result.status).toBe(401);
      return performance.now() - start;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 10; i++) {
      // Move past the lockout window so the known address never gets the fast "locked" answer.
      ctx.clock.advance(25 * 3_600_000);
      const k = await timed('manager@demo.test');
      const u = await timed(`nobody-${i}@demo.test`);
      if (i >= 2) { known.push(k); unknown.push(u); } // the first rounds warm up
    }
    const ratio = median(unknown) / median(known);
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });
});
