import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, login, type TestContext } from '../../test/app.ts';

let ctx: TestContext;
beforeAll(async () => { ctx = await createTestContext(); });
afterAll(async () => { await ctx.close(); });

const codeAt = (secret: string) => generate({ secret, epoch: Math.floor(ctx.clock.now().getTime() / 1000) });
const email = 'resident@demo.test';

describe('two-factor login', () => {
  let secret: string;
  let recoveryCodes: string[];

  it('enrols with a QR code and a first code, and hands out ten recovery codes once', async () => {
    const me = await login(ctx.app, email);
    const setup = await me.request('POST', '/api/me/two-factor/setup');
    expect(setup.status).toBe(200);
    expect(setup.body.uri).toMatch(/^otpauth:\/\/totp\/Concierge:resident%40demo\.test\?.*secret=/);
    expect(setup.body.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    secret = setup.body.secret;

    const wrong = await me.request('POST', '/api/me/two-factor/enable', { code: '000000' === (await codeAt(secret)) ? '111111' : '000000' });
    expect(wrong).toMatchObject({ status: 400, body: { error: { code: 'auth.code_invalid', fields: [{ field: 'code' }] } } });

    const enabled = await me.request('POST', '/api/me/two-factor/enable', { code: await codeAt(secret) });
    expect(enabled.status).toBe(200);
    recoveryCodes = enabled.body.recoveryCodes;
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    expect((await me.request('GET', '/api/me')).body.user.twoFactorEnabled).toBe(true);
    expect((await me.request('POST', '/api/me/two-factor/setup')).body.error.code).toBe('auth.two_factor_enabled');
  });

  it('asks for the code after the password, refuses a replayed or wrong code, then lets the user in', async () => {
    const pending = await login(ctx.app, email);
    expect((await pending.request('GET', '/api/me/logins')).body.error.code).toBe('auth.second_factor_required');
    expect((await pending.request('GET', '/api/me')).body.secondFactorPending).toBe(true);

    // The code used to enable two-factor belongs to an already used time step.
    const replay = await pending.request('POST', '/api/auth/second-factor', { code: await codeAt(secret) });
    expect(replay).toMatchObject({ status: 401, body: { error: { code: 'auth.second_factor_invalid' } } });

    ctx.clock.advance(30_000);
    const done = await pending.request('POST', '/api/auth/second-factor', { code: await codeAt(secret) });
    expect(done).toMatchObject({ status: 200, body: { ok: true, usedRecoveryCode: false, recoveryCodesLeft: 10 } });

    const history = await pending.request('GET', '/api/me/logins');
    expect(history.status).toBe(200);
    expect(history.body.items.slice(0, 2).map((e: { outcome: string }) => e.outcome)).toEqual(['second_factor_success', 'second_factor_failed']);
    expect(history.body.lastFailure.outcome).toBe('second_factor_failed');
  });

  it('accepts each recovery code exactly once', async () => {
    const first = await login(ctx.app, email);
    const used = await first.request('POST', '/api/auth/second-factor', { code: recoveryCodes[3]!.toUpperCase() });
    expect(used).toMatchObject({ status: 200, body: { usedRecoveryCode: true, recoveryCodesLeft: 9 } });
    expect((await first.request('GET', '/api/me/logins')).status).toBe(200);

    const second = await login(ctx.app, email);
    const again = await second.request('POST', '/api/auth/second-factor', { code: recoveryCodes[3]! });
    expect(again).toMatchObject({ status: 401, body: { error: { code: 'auth.second_factor_invalid' } } });
    expect((await second.request('GET', '/api/me/logins')).status).toBe(401);
  });

  it('turns off only with the password, after which the password alone logs in', async () => {
    const response = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: 'demo-password' } });
    expect(response.json().secondFactorRequired).toBe(true);
    const me = await login(ctx.app, email);
    ctx.clock.advance(30_000);
    await me.request('POST', '/api/auth/second-factor', { code: await codeAt(secret) });

    expect((await me.request('POST', '/api/me/two-factor/disable', { password: 'wrong-password' })).body.error.code).toBe('auth.wrong_password');
    expect((await me.request('POST', '/api/me/two-factor/disable', { password: 'demo-password' })).status).toBe(200);
    const after = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: 'demo-password' } });
    expect(after.json().secondFactorRequired).toBe(false);
  });
});
