import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asPlatform } from '../../db/scope.ts';
import { createTestContext, login, type TestContext } from '../../test/app.ts';

let ctx: TestContext;
beforeAll(async () => { ctx = await createTestContext(); });
afterAll(async () => { await ctx.close(); });

const tokenIn = (text: string, path: string) => text.match(new RegExp(`${path}\\?token=([A-Za-z0-9_-]+)`))?.[1];
const post = (url: string, payload: object) => ctx.app.inject({ method: 'POST', url, payload }).then((r) => ({ status: r.statusCode, body: r.json() }));
const canLogIn = async (email: string, password: string) => (await post('/api/auth/login', { email, password })).status === 200;

describe('password change', () => {
  it('needs the current password, keeps this session and ends the others', async () => {
    const here = await login(ctx.app, 'regie@demo.test');
    const elsewhere = await login(ctx.app, 'regie@demo.test');
    expect((await here.request('POST', '/api/me/password', { currentPassword: 'nope-nope-nope', newPassword: 'a-new-long-password' })).body.error)
      .toMatchObject({ code: 'auth.wrong_password', fields: [{ field: 'currentPassword' }] });
    expect((await here.request('POST', '/api/me/password', { currentPassword: 'demo-password', newPassword: 'short' })).body.error)
      .toMatchObject({ code: 'auth.password_too_short', fields: [{ field: 'newPassword' }] });

    expect((await here.request('POST', '/api/me/password', { currentPassword: 'demo-password', newPassword: 'a-new-long-password' })).status).toBe(200);
    expect((await here.request('GET', '/api/me')).status).toBe(200);
    expect((await elsewhere.request('GET', '/api/me')).status).toBe(401);
    expect(await canLogIn('regie@demo.test', 'demo-password')).toBe(false);
    expect(await canLogIn('regie@demo.test', 'a-new-long-password')).toBe(true);
    expect(ctx.mails.at(-1)).toMatchObject({ to: 'regie@demo.test', subject: 'Votre mot de passe Concierge a été modifié' });
  });
});

describe('password reset', () => {
  it('answers the same for an unknown address and mails nothing', async () => {
    const before = ctx.mails.length;
    const unknown = await post('/api/auth/password-reset', { email: 'nobody@demo.test' });
    const known = await post('/api/auth/password-reset', { email: 'staff@demo.test' });
    expect(unknown).toEqual(known);
    expect(ctx.mails.length).toBe(before + 1);
  });

  it('sets a new password with the mailed single-use link and ends every session', async () => {
    const session = await login(ctx.app, 'manager@demo.test');
    expect((await post('/api/auth/password-reset', { email: 'Manager@demo.test' })).status).toBe(200);
    const mail = ctx.mails.at(-1)!;
    expect(mail).toMatchObject({ to: 'manager@demo.test', subject: 'Ihr Concierge-Passwort zurücksetzen' });
    const token = tokenIn(mail.text, `${ctx.deps.config.publicUrl}/reset-password`)!;
    expect(token).toBeTruthy();

    expect((await post('/api/auth/password-reset/confirm', { token, newPassword: 'short' })).body.error.code).toBe('auth.password_too_short');
    expect((await post('/api/auth/password-reset/confirm', { token, newPassword: 'reset-long-password' })).status).toBe(200);
    expect((await session.request('GET', '/api/me')).status).toBe(401);
    expect(await canLogIn('manager@demo.test', 'reset-long-password')).toBe(true);
    expect((await post('/api/auth/password-reset/confirm', { token, newPassword: 'another-long-password' })).body.error)
      .toMatchObject({ code: 'auth.token_invalid', fields: [{ field: 'token' }] });
  });

  it('refuses a link older than one hour', async () => {
    await post('/api/auth/password-reset', { email: 'operator@demo.test' });
    const token = tokenIn(ctx.mails.at(-1)!.text, '/reset-password')!;
    ctx.clock.advance(61 * 60_000);
    expect((await post('/api/auth/password-reset/confirm', { token, newPassword: 'reset-long-password' })).body.error.code).toBe('auth.token_invalid');
    expect(await canLogIn('operator@demo.test', 'demo-password')).toBe(true);
  });
});

describe('contact data', () => {
  it('changes the e-mail address only once the new address confirms it', async () => {
    const me = await login(ctx.app, 'resident.ch@demo.test');
    expect((await me.request('POST', '/api/me/email', { newEmail: 'camille@example.test', password: 'wrong-password' })).body.error.code).toBe('auth.wrong_password');
    expect((await me.request('POST', '/api/me/email', { newEmail: 'staff@demo.test', password: 'demo-password' })).status).toBe(409);
    expect((await me.request('POST', '/api/me/email', { newEmail: 'not-an-email', password: 'demo-password' })).body.error.fields[0].field).toBe('newEmail');

    expect((await me.request('POST', '/api/me/email', { newEmail: 'camille@example.test', password: 'demo-password' })).status).toBe(202);
    const [confirm, notice] = ctx.mails.slice(-2);
    expect(confirm).toMatchObject({ to: 'camille@example.test', subject: 'Confirmez votre nouvelle adresse e-mail' });
    expect(notice).toMatchObject({ to: 'resident.ch@demo.test' });
    expect(notice!.text).toContain('camille@example.test');
    expect(await canLogIn('camille@example.test', 'demo-password')).toBe(false);

    const token = tokenIn(confirm!.text, '/confirm-email')!;
    expect((await post('/api/auth/confirm-email', { token })).status).toBe(200);
    expect(await canLogIn('camille@example.test', 'demo-password')).toBe(true);
    expect(await canLogIn('resident.ch@demo.test', 'demo-password')).toBe(false);
    expect((await post('/api/auth/confirm-email', { token })).body.error.code).toBe('auth.token_invalid');
  });

  it('applies phone numbers at once, to the account and to the linked person record', async () => {
    const me = await login(ctx.app, 'resident@demo.test');
    const bad = await me.request('PATCH', '/api/me/contact', { mobile: 'call me maybe' });
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'request.invalid_body' } } });
    expect(bad.body.error.fields[0].field).toBe('mobile');
    expect((await me.request('PATCH', '/api/me/contact', { fax: '1' })).body.error.fields[0]).toEqual({ field: 'fax', message: 'unknown field' });

    const changed = await me.request('PATCH', '/api/me/contact', { mobile: '+43 660 1234567', landline: null, language: 'en', displayName: 'Anna H.' });
    expect(changed.status).toBe(200);
    expect(changed.body.user).toMatchObject({ mobile: '+43 660 1234567', language: 'en', displayName: 'Anna H.' });
    const person = await asPlatform(ctx.deps.db, (tx) => tx.selectFrom('people').select(['mobile', 'first_name'])
      .where('id', '=', changed.body.personId).executeTakeFirstOrThrow());
    expect(person).toEqual({ mobile: '+43 660 1234567', first_name: 'Anna' });
  });
});
