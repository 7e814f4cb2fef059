import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, login, type TestContext } from '../../test/app.ts';

let ctx: TestContext;
beforeAll(async () => { ctx = await createTestContext(); });
afterAll(async () => { await ctx.close(); });

const newTenant = {
  name: 'Zarząd Nieruchomości Kraków', shortCode: 'znk', country: 'PL', currency: 'PLN', defaultLanguage: 'pl', operatingMode: 'platform_billing',
  admin: { email: 'admin@znk.test', displayName: 'Piotr Zieliński' },
};

describe('property managers for the operator', () => {
  it('lists property managers with their size', async () => {
    const operator = await login(ctx.app, 'operator@demo.test');
    const list = (await operator.request('GET', '/api/operator/tenants')).body;
    expect(list.find((t: { shortCode: string }) => t.shortCode === 'heimbau')).toMatchObject({ currency: 'EUR', siteCount: 2, unitCount: 12, peopleCount: 5 });
    expect(list.find((t: { shortCode: string }) => t.shortCode === 'regielac')).toMatchObject({ currency: 'CHF', siteCount: 1, unitCount: 6, peopleCount: 3 });
  });

  it('creates a property manager with its first admin, and changes it', async () => {
    const operator = await login(ctx.app, 'operator@demo.test');
    const created = await operator.request('POST', '/api/operator/tenants', newTenant);
    expect(created).toMatchObject({ status: 201, body: { shortCode: 'znk', currency: 'PLN', siteCount: 0 } });
    // The first admin gets an invitation in the tenant's language, and accepting it makes them admin.
    const mail = ctx.mails.at(-1)!;
    expect(mail.to).toBe('admin@znk.test');
    const token = decodeURIComponent(mail.text.match(/token=([^\s&]+)/)![1]!);
    const accepted = await ctx.app.inject({ method: 'POST', url: '/api/invitations/accept', payload: { token, password: 'a-long-enough-password', displayName: 'Piotr Zieliński' } });
    expect(accepted.statusCode).toBe(200);
    const admin = await login(ctx.app, 'admin@znk.test', 'a-long-enough-password');
    expect((await admin.request('GET', '/api/tenant')).body.shortCode).toBe('znk');
    expect((await admin.request('GET', '/api/staff')).body).toMatchObject([{ email: 'admin@znk.test', role: 'manager_admin' }]);
    const again = await operator.request('POST', '/api/operator/tenants', { ...newTenant, admin: { email: 'b@znk.test', displayName: 'B' } });
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'tenants.short_code_taken', fields: [{ field: 'shortCode' }] } } });
    const changed = await operator.request('PATCH', `/api/operator/tenants/${created.body.id}`, { operatingMode: 'owner_statements' });
    expect(changed.body.operatingMode).toBe('owner_statements');
    expect((await operator.request('GET', `/api/operator/tenants/${created.body.id}`)).body.name).toBe(newTenant.name);
  });

  it('refuses a bad short code and answers 404 for an unknown property manager', async () => {
    const operator = await login(ctx.app, 'operator@demo.test');
    const bad = await operator.request('POST', '/api/operator/tenants', { ...newTenant, shortCode: 'ZN K' });
    expect(bad).toMatchObject({ status: 400, body: { error: { fields: [{ field: 'shortCode' }] } } });
    expect((await operator.request('GET', '/api/operator/tenants/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('keeps the operator pages from managers', async () => {
    const manager = await login(ctx.app, 'manager@demo.test');
    expect((await manager.request('GET', '/api/operator/tenants')).status).toBe(403);
    expect((await manager.request('GET', '/api/operator/outbox')).status).toBe(403);
  });

  it('shows the operator the mail outbox, newest first', async () => {
    await ctx.deps.mailer.send({ to: 'a@x.test', subject: 'first', text: 'one' });
    await ctx.deps.mailer.send({ to: 'b@x.test', subject: 'second', text: 'two' });
    const operator = await login(ctx.app, 'operator@demo.test');
    const outbox = (await operator.request('GET', '/api/operator/outbox')).body;
    expect(outbox.mails.slice(0, 2).map((m: { subject: string }) => m.subject)).toEqual(['second', 'first']);
    expect(outbox.mails[0]).toMatchObject({ recipient: 'b@x.test', bodyText: 'two', sentAt: null });
  });
});

describe('a property manager\'s own settings', () => {
  it('lets the admin change name, language and mode, audited, but not staff', async () => {
    const manager = await login(ctx.app, 'manager@demo.test');
    expect((await manager.request('GET', '/api/tenant')).body).toMatchObject({ name: 'Heimbau', currency: 'EUR', defaultLanguage: 'de' });
    const changed = await manager.request('PATCH', '/api/tenant', { name: 'Heimbau Gemeinnützige', defaultLanguage: 'en' });
    expect(changed.body).toMatchObject({ name: 'Heimbau Gemeinnützige', defaultLanguage: 'en' });
    const [event] = (await manager.request('GET', '/api/audit?action=tenant.updated')).body.events;
    expect(event).toMatchObject({ before: { name: 'Heimbau' }, after: { name: 'Heimbau Gemeinnützige' } });
    const staff = await login(ctx.app, 'staff@demo.test');
    expect((await staff.request('PATCH', '/api/tenant', { name: 'x' })).status).toBe(403);
    expect((await manager.request('PATCH', '/api/tenant', { currency: 'CHF' })).body.error.fields[0].field).toBe('currency');
  });
});
