import { randomUUID } from 'node:crypto';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../../db/scope.ts';
import type { TenantActor } from '../../http/actor.ts';
import { createTestContext, login, type Session, type TestContext } from '../../test/app.ts';
import { createTransfer, getAccount, systemAccount, walletOf } from '../ledger/ledger.usecases.ts';
import { requestRefund } from './refunds.requests.usecases.ts';

let ctx: TestContext;
let heimbau: string;
let regie: string;
let manager: Session;
const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false });

beforeAll(async () => {
  ctx = await createTestContext();
  const tenants = await ctx.handle.asOwner((db) => db.selectFrom('tenants').select(['id', 'short_code']).execute());
  heimbau = tenants.find((t) => t.short_code === 'heimbau')!.id;
  regie = tenants.find((t) => t.short_code === 'regielac')!.id;
  manager = await login(ctx.app, 'manager@demo.test');
});
afterAll(async () => { await ctx.close(); });

const personByEmail = (email: string) =>
  ctx.handle.asOwner((db) => db.selectFrom('people').select(['id', 'tenant_id']).where('email', '=', email).executeTakeFirstOrThrow());

async function topUp(email: string, amount: number) {
  const person = await personByEmail(email);
  await inTenant(ctx.deps.db, person.tenant_id, async (tx) => createTransfer(tx, person.tenant_id, {
    id: randomUUID(), debitAccountId: await systemAccount(tx, person.tenant_id, 'card_clearing'),
    creditAccountId: (await walletOf(tx, person.tenant_id, person.id)).id, amount, code: 'top_up', reference: { type: 'test', id: 't' },
  }));
  return person;
}

const wallet = (tenantId: string, personId: string) => inTenant(ctx.deps.db, tenantId, (tx) => walletOf(tx, tenantId, personId));
const account = (tenantId: string, kind: 'refunds_payable' | 'revenue' | 'payouts') =>
  inTenant(ctx.deps.db, tenantId, async (tx) => getAccount(tx, tenantId, await systemAccount(tx, tenantId, kind)));

async function download(session: Session, batchId: string) {
  const response = await ctx.app.inject({ method: 'GET', url: `/api/payout-batches/${batchId}/file`, headers: { cookie: session.cookie } });
  return { response, doc: parser.parse(response.body).Document };
}

describe('refunds (EUR, SEPA)', () => {
  it('holds the balance on request, charges it with the fee on approval and pays it once in a SEPA file', async () => {
    const anna = await topUp('resident@demo.test', 2000);
    const resident = await login(ctx.app, 'resident@demo.test');
    const revenueBefore = (await account(heimbau, 'revenue')).posted;
    const requestId = randomUUID();
    const body = { requestId, iban: 'de89 3704 0044 0532 0130 00', accountHolder: '  Anna Huber ' };

    const created = await resident.request('POST', '/api/wallet/refund-requests', body);
    expect(created).toMatchObject({ status: 201, body: { id: requestId, amountMinor: 2000, feeMinor: 150, payoutMinor: 1850, iban: 'DE89370400440532013000', accountHolder: 'Anna Huber', status: 'requested' } });
    expect(await wallet(heimbau, anna.id)).toMatchObject({ posted: 2000, available: 0 });

    // A retry returns the same request and holds nothing more; a second request is refused.
    expect((await resident.request('POST', '/api/wallet/refund-requests', body)).body.id).toBe(requestId);
    expect((await wallet(heimbau, anna.id)).pendingDebits).toBe(2000);
    const second = await resident.request('POST', '/api/wallet/refund-requests', { ...body, requestId: randomUUID() });
    expect(second).toMatchObject({ status: 409, body: { error: { code: 'refunds.open_request' } } });
    expect((await resident.request('GET', '/api/wallet/refund-requests')).body.map((r: { id: string }) => r.id)).toEqual([requestId]);

    const staff = await login(ctx.app, 'staff@demo.test');
    expect((await staff.request('GET', '/api/refund-requests?status=requested')).body.map((r: { id: string }) => r.id)).toContain(requestId);
    const approved = await staff.request('POST', `/api/refund-requests/${requestId}/approve`);
    expect(approved).toMatchObject({ status: 200, body: { status: 'approved' } });
    expect(await wallet(heimbau, anna.id)).toMatchObject({ posted: 0, available: 0, pendingDebits: 0 });
    expect((await account(heimbau, 'refunds_payable')).posted).toBe(1850);
    expect((await account(heimbau, 'revenue')).posted - revenueBefore).toBe(150);
    expect(ctx.mails.at(-1)).toMatchObject({ to: 'resident@demo.test', subject: 'Ihre Rückerstattung wurde genehmigt' });
    expect(ctx.mails.at(-1)!.text).toContain('18,50');
    expect((await staff.request('POST', `/api/refund-requests/${requestId}/approve`)).body.error.code).toBe('refunds.already_decided');

    // A neighbour without a login of their own, asking through the same use case.
    const lukas = await topUp('lukas.gruber@demo.test', 1000);
    const lukasActor = { tenantId: heimbau, role: 'resident', personId: lukas.id, userId: randomUUID(), email: 'x', displayName: 'test', via: 'token' } as TenantActor;
    const lukasRefund = await requestRefund(ctx.deps, lukasActor, { requestId: randomUUID(), iban: 'NL91ABNA0417164300', accountHolder: 'Lukas Gruber', amountMinor: 700 });
    expect(await wallet(heimbau, lukas.id)).toMatchObject({ posted: 1000, available: 300 });
    await staff.request('POST', `/api/refund-requests/${lukasRefund.id}/approve`);

    const batch = await staff.request('POST', '/api/payout-batches', {});
    expect(batch).toMatchObject({ status: 201, body: { currency: 'EUR', count: 2, totalMinor: 1850 + 550 } });
    const { response, doc } = await download(staff, batch.body.id);
    expect(response.headers['content-type']).toMatch(/^application\/xml/);
    expect(response.headers['content-disposition']).toBe(`attachment; filename="${batch.body.fileName}"`);
    expect(doc['@_xmlns']).toBe('urn:iso:std:iso:20022:tech:xsd:pain.001.001.09');
    const initiation = doc.CstmrCdtTrfInitn;
    expect(initiation.GrpHdr).toMatchObject({ MsgId: batch.body.messageId, NbOfTxs: '2', CtrlSum: '24.00' });
    expect(initiation.PmtInf.DbtrAcct.Id.IBAN).toBe('AT611904300234573201');
    expect(initiation.PmtInf.PmtTpInf.SvcLvl.Cd).toBe('SEPA');
    const txs = initiation.PmtInf.CdtTrfTxInf;
    expect(txs.map((t: any) => [t.CdtrAcct.Id.IBAN, t.Amt.InstdAmt['#text'], t.Amt.InstdAmt['@_Ccy'], t.Cdtr.Nm])).toEqual([
      ['DE89370400440532013000', '18.50', 'EUR', 'Anna Huber'], ['NL91ABNA0417164300', '5.50', 'EUR', 'Lukas Gruber'],
    ]);
    expect(txs[0].PmtId.EndToEndId).toBe(requestId.replace(/-/g, ''));

    expect((await account(heimbau, 'refunds_payable')).posted).toBe(0);
    const paidOut = (await account(heimbau, 'payouts')).posted;
    expect(paidOut).toBe(2400);
    expect((await resident.request('GET', '/api/wallet/refund-requests')).body[0]).toMatchObject({ status: 'paid', payoutBatchId: batch.body.id });

    // Running the payout again finds nothing to pay and moves no money.
    expect((await staff.request('POST', '/api/payout-batches', {})).body.error.code).toBe('refunds.nothing_to_pay');
    expect((await account(heimbau, 'payouts')).posted).toBe(paidOut);
    expect((await staff.request('GET', '/api/payout-batches')).body.map((b: { id: string }) => b.id)).toContain(batch.body.id);
  });

  it('gives the money back when staff reject, and tells the resident why', async () => {
    const anna = await topUp('resident@demo.test', 1000);
    const resident = await login(ctx.app, 'resident@demo.test');
    const created = await resident.request('POST', '/api/wallet/refund-requests', { requestId: randomUUID(), iban: 'AT483200000012345864', accountHolder: 'Anna Huber' });
    expect((await wallet(heimbau, anna.id)).available).toBe(0);
    expect((await manager.request('POST', `/api/refund-requests/${created.body.id}/reject`, {})).status).toBe(400);
    const rejected = await manager.request('POST', `/api/refund-requests/${created.body.id}/reject`, { reason: 'Konto lautet nicht auf Sie' });
    expect(rejected).toMatchObject({ status: 200, body: { status: 'rejected', reason: 'Konto lautet nicht auf Sie' } });
    expect(await wallet(heimbau, anna.id)).toMatchObject({ posted: 1000, available: 1000 });
    expect(ctx.mails.at(-1)!.text).toContain('Konto lautet nicht auf Sie');
    const audit = await manager.request('GET', '/api/audit?entityType=refund_request');
    expect(JSON.stringify(audit.body)).toContain('refund.rejected');
    // Decided: a payout run does not pick it up.
    expect((await manager.request('POST', '/api/payout-batches', {})).body.error.code).toBe('refunds.nothing_to_pay');
  });

  it('refuses an invalid IBAN, a balance not above the fee and an amount above the balance', async () => {
    const resident = await login(ctx.app, 'resident@demo.test');
    const ask = (body: object) => resident.request('POST', '/api/wallet/refund-requests', { requestId: randomUUID(), accountHolder: 'Anna Huber', ...body });
    expect(await ask({ iban: 'DE89370400440532013001' })).toMatchObject({ status: 400, body: { error: { code: 'refunds.invalid_iban', fields: [{ field: 'iban' }] } } });
    expect(await ask({ iban: 'DE89370400440532013000', accountHolder: '   ' })).toMatchObject({ status: 400, body: { error: { fields: [{ field: 'accountHolder' }] } } });
    expect(await ask({ iban: 'DE89370400440532013000', amountMinor: 100_000 })).toMatchObject({ status: 400, body: { error: { code: 'refunds.amount_too_high', fields: [{ field: 'amountMinor' }] } } });
    expect(await ask({ iban: 'DE89370400440532013000', amountMinor: 150 })).toMatchObject({ status: 409, body: { error: { code: 'refunds.balance_too_low' } } });
    expect((await resident.request('GET', '/api/wallet/refund-requests')).body.filter((r: { status: string }) => r.status === 'requested')).toHaveLength(0);
  });

  it('keeps refunds within their tenant and away from residents', async () => {
    const resident = await login(ctx.app, 'resident@demo.test');
    const created = await resident.request('POST', '/api/wallet/refund-requests', { requestId: randomUUID(), iban: 'AT483200000012345864', accountHolder: 'Anna Huber', amountMinor: 500 });
    expect(created.status).toBe(201);
    const other = await login(ctx.app, 'regie@demo.test');
    expect((await other.request('POST', `/api/refund-requests/${created.body.id}/approve`)).body.error.code).toBe('refunds.not_found');
    expect((await other.request('GET', '/api/refund-requests')).body.map((r: { id: string }) => r.id)).not.toContain(created.body.id);
    expect((await resident.request('POST', `/api/refund-requests/${created.body.id}/approve`)).status).toBe(403);
    expect((await resident.request('POST', '/api/payout-batches', {})).status).toBe(403);
    await manager.request('POST', `/api/refund-requests/${created.body.id}/reject`, { reason: 'Test' });
  });

  it('needs the manager\'s bank account to make a payout file', async () => {
    const saved = await ctx.handle.asOwner((db) => db.selectFrom('tenant_bank_accounts').selectAll().where('tenant_id', '=', heimbau).executeTakeFirstOrThrow());
    await ctx.handle.asOwner((db) => db.deleteFrom('tenant_bank_accounts').where('tenant_id', '=', heimbau).execute());
    try {
      expect((await manager.request('POST', '/api/payout-batches', {})).body.error.code).toBe('refunds.no_bank_account');
    } finally {
      await ctx.handle.asOwner((db) => db.insertInto('tenant_bank_accounts').values(saved).execute());
    }
  });
});

describe('refunds (CHF, Swiss Payment Standards)', () => {
  it('charges the tenant\'s own fee and pays out in an SPS 2022 file', async () => {
    const regieAdmin = await login(ctx.app, 'regie@demo.test');
    expect((await regieAdmin.request('PUT', '/api/tenant/refund-settings', { refundFeeMinor: 200 })).body).toEqual({ refundFeeMinor: 200 });
    const camille = await topUp('resident.ch@demo.test', 5000);
    const resident = await login(ctx.app, 'resident.ch@demo.test');
    const foreign = await resident.request('POST', '/api/wallet/refund-requests', { requestId: randomUUID(), iban: 'DE89370400440532013000', accountHolder: 'Camille Favre' });
    expect(foreign).toMatchObject({ status: 400, body: { error: { code: 'refunds.invalid_iban', fields: [{ field: 'iban' }] } } });

    const created = await resident.request('POST', '/api/wallet/refund-requests', { requestId: randomUUID(), iban: 'CH56 0483 5012 3456 7800 9', accountHolder: 'Camille Favre-Léger' });
    expect(created.body).toMatchObject({ amountMinor: 5000, feeMinor: 200, payoutMinor: 4800, currency: 'CHF' });
    await regieAdmin.request('POST', `/api/refund-requests/${created.body.id}/approve`);
    expect(ctx.mails.at(-1)).toMatchObject({ to: 'resident.ch@demo.test', subject: 'Votre remboursement a été accepté' });
    expect((await wallet(regie, camille.id)).posted).toBe(0);

    const batch = await regieAdmin.request('POST', '/api/payout-batches', {});
    expect(batch.body).toMatchObject({ currency: 'CHF', count: 1, totalMinor: 4800 });
    const { doc } = await download(regieAdmin, batch.body.id);
    expect(doc['@_xmlns']).toBe('urn:iso:std:iso:20022:tech:xsd:pain.001.001.09');
    expect(doc['@_xsi:schemaLocation']).toBe('urn:iso:std:iso:20022:tech:xsd:pain.001.001.09 pain.001.001.09.ch.03.xsd');
    const { GrpHdr, PmtInf } = doc.CstmrCdtTrfInitn;
    expect(GrpHdr).toMatchObject({ NbOfTxs: '1', CtrlSum: '48.00' });
    expect(PmtInf).toMatchObject({ PmtMtd: 'TRF', NbOfTxs: '1', CtrlSum: '48.00', DbtrAcct: { Id: { IBAN: 'CH9300762011623852957' } } });
    expect(PmtInf.PmtTpInf).toBeUndefined(); // a domestic CHF payment, not SEPA
    expect(PmtInf.DbtrAgt.FinInstnId.ClrSysMmbId.MmbId).toBe('00762');
    expect(PmtInf.Dbtr.PstlAdr.Ctry).toBe('CH');
    expect(PmtInf.CdtTrfTxInf).toMatchObject({
      Amt: { InstdAmt: { '#text': '48.00', '@_Ccy': 'CHF' } }, Cdtr: { Nm: 'Camille Favre-Léger' }, CdtrAcct: { Id: { IBAN: 'CH5604835012345678009' } },
    });
    expect(PmtInf.CdtTrfTxInf.RmtInf.Ustrd).toMatch(/^Remboursement du solde /);
    expect((await account(regie, 'payouts')).posted).toBe(4800);
  });
});
