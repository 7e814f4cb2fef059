import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, login, type TestContext } from '../../test/app.ts';

let ctx: TestContext;
beforeAll(async () => { ctx = await createTestContext(); });
afterAll(async () => { await ctx.close(); });

const account = {
  iban: 'at61 1904 3002 3457 3201', bic: 'bkau atww', creditorName: 'Heimbau Hausverwaltung GmbH',
  street: 'Praterstraße 12', postalCode: '1020', city: 'Wien', country: 'AT',
};

describe('tenant bank account', () => {
  it('shows the demo accounts to each manager, only their own', async () => {
    const heimbau = await login(ctx.app, 'manager@demo.test');
    const regie = await login(ctx.app, 'regie@demo.test');
    expect((await heimbau.request('GET', '/api/tenant/bank-account')).body).toMatchObject({ iban: 'AT611904300234573201', qrIban: null });
    expect((await regie.request('GET', '/api/tenant/bank-account')).body).toMatchObject({ iban: 'CH9300762011623852957', qrIban: 'CH4431999123000889012' });
  });

  it('lets an admin change it, normalised and in the audit log', async () => {
    const manager = await login(ctx.app, 'manager@demo.test');
    const saved = await manager.request('PUT', '/api/tenant/bank-account', { ...account, creditorName: 'Heimbau GmbH' });
    expect(saved).toMatchObject({ status: 200, body: { iban: 'AT611904300234573201', bic: 'BKAUATWW', creditorName: 'Heimbau GmbH' } });
    const audit = await manager.request('GET', '/api/audit?entityType=tenant');
    expect(JSON.stringify(audit.body)).toContain('bank_account.updated');
    await manager.request('PUT', '/api/tenant/bank-account', account);
  });

  it('refuses a wrong IBAN, a QR-IBAN as the normal IBAN, a normal IBAN as QR-IBAN and a bad BIC, naming the field', async () => {
    const regie = await login(ctx.app, 'regie@demo.test');
    const put = (body: object) => regie.request('PUT', '/api/tenant/bank-account', { ...account, country: 'CH', ...body });
    expect(await put({ iban: 'AT61 1904 3002 3457 3202' })).toMatchObject({ status: 400, body: { error: { code: 'banking.invalid_iban', fields: [{ field: 'iban' }] } } });
    expect(await put({ iban: 'CH44 3199 9123 0008 8901 2' })).toMatchObject({ status: 400, body: { error: { code: 'banking.invalid_iban' } } });
    expect(await put({ iban: 'CH9300762011623852957', qrIban: 'CH9300762011623852957' })).toMatchObject({ status: 400, body: { error: { code: 'banking.invalid_qr_iban', fields: [{ field: 'qrIban' }] } } });
    expect(await put({ iban: 'CH9300762011623852957', bic: 'NOT A BIC' })).toMatchObject({ status: 400, body: { error: { code: 'banking.invalid_bic' } } });
    expect(await put({ iban: 'CH9300762011623852957', extra: 1 })).toMatchObject({ status: 400, body: { error: { code: 'request.invalid_body' } } });
    // Nothing was saved by the refused attempts.
    expect((await regie.request('GET', '/api/tenant/bank-account')).body.qrIban).toBe('CH4431999123000889012');
  });

  it('lets staff read but not change it, and keeps residents out', async () => {
    const staff = await login(ctx.app, 'staff@demo.test');
    expect((await staff.request('GET', '/api/tenant/bank-account')).status).toBe(200);
    expect((await staff.request('PUT', '/api/tenant/bank-account', account)).status).toBe(403);
    const resident = await login(ctx.app, 'resident@demo.test');
    expect((await resident.request('GET', '/api/tenant/bank-account')).status).toBe(403);
  });
});
