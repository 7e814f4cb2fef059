import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asPlatform } from '../../db/scope.ts';
import { createTestContext, login, type TestContext } from '../../test/app.ts';
import { purgeExpiredCredentials } from './purgeExpiredCredentials.ts';

const HOUR = 3_600_000;
let ctx: TestContext;
beforeAll(async () => { ctx = await createTestContext(); });
afterAll(async () => { await ctx.close(); });

const tokenIds = () => asPlatform(ctx.deps.db, async (tx) => (await tx.selectFrom('user_tokens').select('id').orderBy('id').execute()).map((r) => r.id));

describe('purging expired credentials', () => {
  it('ends sessions past their expiry and keeps live ones', async () => {
    const early = await login(ctx.app, 'manager@demo.test'); // expires after the 12 h session lifetime
    ctx.clock.advance(8 * HOUR);
    const late = await login(ctx.app, 'staff@demo.test');
    ctx.clock.advance(5 * HOUR); // 13 h after the first login, 5 h after the second

    const purged = await purgeExpiredCredentials(ctx.deps);
    expect(purged.sessions).toBeGreaterThanOrEqual(1);
    expect((await early.request('GET', '/api/me')).status).toBe(401);
    expect((await late.request('GET', '/api/me')).status).toBe(200);
    const left = await asPlatform(ctx.deps.db, (tx) => tx.selectFrom('sessions').select('expires_at').execute());
    expect(left.length).toBeGreaterThan(0);
    expect(left.every((s) => new Date(s.expires_at) > ctx.clock.now())).toBe(true);
  });

  it('deletes used and expired e-mail tokens, keeps the pending one', async () => {
    const now = ctx.clock.now();
    await asPlatform(ctx.deps.db, async (tx) => {
      const user = await tx.selectFrom('users').select('id').where('email', '=', 'resident@demo.test').executeTakeFirstOrThrow();
      const token = (id: string, expiresInMs: number, used: boolean) => ({
        id, user_id: user.id, purpose: 'password_reset' as const, expires_at: new Date(now.getTime() + expiresInMs), used_at: used ? now : null,
      });
      await tx.insertInto('user_tokens').values([token('t-expired', -HOUR, false), token('t-used', HOUR, true), token('t-pending', HOUR, false)]).execute();
    });
    const purged = await purgeExpiredCredentials(ctx.deps);
    expect(purged.userTokens).toBe(2);
    expect(await tokenIds()).toEqual(['t-pending']);

    ctx.clock.advance(2 * HOUR);
    await purgeExpiredCredentials(ctx.deps);
    expect(await tokenIds()).toEqual([]);
  });
});
