import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asPlatform } from '../../db/scope.ts';
import { createTestContext, login, type TestContext } from '../../test/app.ts';
import { customerNumberFromReference, walletReferences } from './references.ts';

let ctx: TestContext;
beforeAll(async () => { ctx = await createTestContext(); });
afterAll(async () => { await ctx.close(); });

async function getPdf(email: string, url: string) {
  const session = await login(ctx.app, email);
  return ctx.app.inject({ method: 'GET', url, headers: { cookie: session.cookie } });
}

/** The text drawn in built-in fonts: pdfkit writes it as hex strings inside deflated content streams. */
function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  let text = '';
  for (const match of raw.matchAll(/stream\r?\n/g)) {
    const start = match.index! + match[0].length;
    const end = raw.indexOf('endstream', start);
    try {
      const content = inflateSync(pdf.subarray(start, end)).toString('latin1');
      for (const hex of content.matchAll(/<([0-9a-fA-F]+)>/g)) text += Buffer.from(hex[1]!, 'hex').toString('latin1');
    } catch { /* not a deflated stream (e.g. an image) */ }
  }
  return text.replace(/\s+/g, '');
}

describe('bank transfer details', () => {
  it('gives a Heimbau resident the IBAN and the RF reference of their own wallet', async () => {
    const resident = await login(ctx.app, 'resident@demo.test');
    const me = (await resident.request('GET', '/api/me')).body;
    const details = (await resident.request('GET', '/api/wallet/bank-details')).body;
    expect(details).toMatchObject({ iban: 'AT611904300234573201', currency: 'EUR', referenceType: 'rf', customerNumber: me.customerNumber });
    expect(details.reference).toBe(walletReferences(me.customerNumber).rf);
    expect(customerNumberFromReference(details.referenceFormatted, 'heimbau')).toBe(me.customerNumber);
  });

  it('gives a Régie du Lac resident the QR-IBAN and a QR reference', async () => {
    const resident = await login(ctx.app, 'resident.ch@demo.test');
    const details = (await resident.request('GET', '/api/wallet/bank-details')).body;
    expect(details).toMatchObject({ iban: 'CH4431999123000889012', currency: 'CHF', referenceType: 'qr' });
    expect(customerNumberFromReference(details.reference, 'regielac')).toBe(details.customerNumber);
  });

  it('refuses a login without a customer behind it', async () => {
    const staff = await login(ctx.app, 'staff@demo.test');
    expect((await staff.request('GET', '/api/wallet/bank-details'))).toMatchObject({ status: 403, body: { error: { code: 'banking.no_person' } } });
  });
});

describe('payment slips', () => {
  it('prints a euro slip with the reference and the GiroCode for the resident', async () => {
    const response = await getPdf('resident@demo.test', '/api/wallet/slip.pdf');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(response.rawPayload);
    const resident = await login(ctx.app, 'resident@demo.test');
    const { reference } = (await resident.request('GET', '/api/wallet/bank-details')).body;
    expect(text).toContain(reference);
    expect(text).toContain('AT611904300234573201');
    expect(response.rawPayload.toString('latin1')).toContain('/Subtype /Image');
  });

  it('prints a Swiss QR-bill with the QR reference for a franc wallet', async () => {
    const response = await getPdf('resident.ch@demo.test', '/api/wallet/slip.pdf');
    expect(response.statusCode).toBe(200);
    const resident = await login(ctx.app, 'resident.ch@demo.test');
    const { reference } = (await resident.request('GET', '/api/wallet/bank-details')).body;
    const text = pdfText(response.rawPayload);
    expect(text).toContain(reference);
    // The QR-bill's receipt part, in the resident's language (French).
    expect(text).toContain('Récépissé');
  });

  it('lets staff print a slip for their customer and answers 404 for another tenant\'s person', async () => {
    const regie = await login(ctx.app, 'regie@demo.test');
    const foreign = (await regie.request('GET', '/api/people')).body[0];
    const manager = await login(ctx.app, 'manager@demo.test');
    const own = (await manager.request('GET', '/api/people')).body[0];
    const slip = await getPdf('manager@demo.test', `/api/people/${own.id}/slip.pdf`);
    expect(slip.statusCode).toBe(200);
    expect(pdfText(slip.rawPayload)).toContain(walletReferences(own.customerNumber).rf);
    const refused = await getPdf('manager@demo.test', `/api/people/${foreign.id}/slip.pdf`);
    expect(refused.statusCode).toBe(404);
    expect(refused.json().error.code).toBe('people.not_found');
    expect((await getPdf('resident@demo.test', `/api/people/${own.id}/slip.pdf`)).statusCode).toBe(403);
  });

  it('answers 409 banking.no_bank_account while the manager has no bank account', async () => {
    const manager = await login(ctx.app, 'manager@demo.test');
    const { id } = (await manager.request('GET', '/api/tenant')).body;
    await asPlatform(ctx.deps.db, (tx) => tx.deleteFrom('tenant_bank_accounts').where('tenant_id', '=', id).execute());
    const slip = await getPdf('resident@demo.test', '/api/wallet/slip.pdf');
    expect(slip.statusCode).toBe(409);
    expect(slip.json().error.code).toBe('banking.no_bank_account');
    const resident = await login(ctx.app, 'resident@demo.test');
    expect((await resident.request('GET', '/api/wallet/bank-details')).body.error.code).toBe('banking.no_bank_account');
    expect((await manager.request('GET', '/api/tenant/bank-account')).body).toBeNull();
  });
});
