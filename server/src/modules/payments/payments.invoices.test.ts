// Paying an invoice by card: the resident starts a payment of what is due, pays on the (fake)
// provider's page, and the signed webhook settles the invoice once, like a bank transfer would —
// at most what is due, the rest to the wallet. Reconciled against the ledger and the receivables.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../../db/scope.ts';
import { createTestContext, login, type Session, type TestContext } from '../../test/app.ts';
import { camt054 } from '../bankimport/fixtures/fixtures.ts';
import { addPostpaidCharger, addPostpaidSessions } from '../invoices/invoices.fixtures.ts';
import { checkReceivables } from '../invoices/invoices.invariants.ts';
import { runInvoices } from '../invoices/invoices.usecases.ts';
import { checkLedgerInvariants } from '../ledger/ledger.invariants.ts';
import { receivableOf, walletOf } from '../ledger/ledger.usecases.ts';
import { createFakePaymentProvider, signedStripeWebhook, type FakePaymentProvider } from './payments.fake.ts';

let ctx: TestContext;
let provider: FakePaymentProvider;
let anna: Session;
let staff: Session;
let camille: Session;
let me: { tenantId: string; personId: string; currency: string };
/** Anna's invoices by their amount; Lukas's October invoice; one of Régie du Lac's. */
const annas: Record<number, { id: string; number: string; reference: string }> = {};
let lukasInvoice: string;
let regieInvoice: string;

async function invoiceMonth(tenantId: string, period: string, sessions: Array<{ personId: string; amountMinor: number }>) {
  const charger = await addPostpaidCharger(ctx.deps.db, tenantId, `Garage ${period}`);
  await addPostpaidSessions(ctx.deps.db, tenantId, charger, sessions.map((s) => ({ ...s, wh: 10_000, stoppedAt: new Date(`${period}-10T10:00:00Z`) })));
  await runInvoices(ctx.deps, tenantId, period);
}

beforeAll(async () => {
  provider = createFakePaymentProvider();
  ctx = await createTestContext({ payments: provider });
  anna = await login(ctx.app, 'resident@demo.test');
  staff = await login(ctx.app, 'staff@demo.test');
  const body = (await anna.request('GET', '/api/me')).body;
  me = { tenantId: body.tenant.id, personId: body.personId, currency: body.tenant.currency };
  const lukas = (await staff.request('GET', '/api/people')).body.find((p: { customerNumber: string }) => p.customerNumber === 'HEIMBAU-10002').id;
  await invoiceMonth(me.tenantId, '2026-07', [{ personId: me.personId, amountMinor: 1_000 }]);
  await invoiceMonth(me.tenantId, '2026-08', [{ personId: me.personId, amountMinor: 1_200 }]);
  await invoiceMonth(me.tenantId, '2026-09', [{ personId: me.personId, amountMinor: 1_500 }]);
  await invoiceMonth(me.tenantId, '2026-10', [{ personId: me.personId, amountMinor: 900 }, { personId: lukas, amountMinor: 1_100 }]);
  for (const i of (await anna.request('GET', '/api/me/invoices')).body) annas[i.grossMinor] = i;
  lukasInvoice = (await staff.request('GET', `/api/invoices?personId=${lukas}`)).body[0].id;

  // Camille's manager makes its own statements: invoiced as if the platform billed it.
  camille = await login(ctx.app, 'resident.ch@demo.test');
  const them = (await camille.request('GET', '/api/me')).body;
  const setMode = (mode: 'platform_billing' | 'owner_statements') => ctx.handle.asOwner((owner) => owner.updateTable('tenants').set({ operating_mode: mode }).where('id', '=', them.tenant.id).execute());
  await setMode('platform_billing');
  await invoiceMonth(them.tenant.id, '2026-10', [{ personId: them.personId, amountMinor: 2_000 }]);
  await setMode('owner_statements');
  regieInvoice = (await camille.request('GET', '/api/me/invoices')).body[0].id;
});
afterAll(async () => { await ctx?.close(); });

async function startPayment(invoiceId: string, paymentId = randomUUID()) {
  const response = await anna.request('POST', `/api/me/invoices/${invoiceId}/card-payment`, { paymentId });
  expect(response.status).toBe(201);
  return { paymentId, ...response.body };
}

/** What Stripe would send about this payment: by default the PaymentIntent's success, for what was asked. */
function deliver(payment: { paymentId: string; providerPaymentId: string; amountMinor: number }, type = 'payment_intent.succeeded') {
  const started = provider.session(payment.providerPaymentId)!;
  const { payload, signature } = signedStripeWebhook({
    type, providerPaymentId: started.paymentIntentId, sessionId: started.sessionId, amountMinor: payment.amountMinor,
    currency: me.currency, tenantId: me.tenantId, personId: me.personId, paymentId: payment.paymentId,
  });
  return ctx.app.inject({ method: 'POST', url: '/api/webhooks/stripe', headers: { 'content-type': 'application/json', 'stripe-signature': signature }, payload });
}

/** Anna's wallet, what she owes on invoices, and what the ledger and the invoices say of each other. */
const books = () => inTenant(ctx.deps.db, me.tenantId, async (tx) => ({
  wallet: (await walletOf(tx, me.tenantId, me.personId)).posted,
  owed: 0 - (await receivableOf(tx, me.tenantId, me.personId)).posted,
}));
async function reconciled() {
  expect(await inTenant(ctx.deps.db, me.tenantId, (tx) => checkLedgerInvariants(tx))).toEqual([]);
  expect(await checkReceivables(ctx.deps.db, me.tenantId)).toEqual([]);
}
const invoiceOf = async (id: string) => (await anna.request('GET', `/api/invoices/${id}`)).body;
const cardPayments = async () => (await anna.request('GET', '/api/me/payments')).body.filter((p: { via: string }) => p.via === 'card');

describe('paying an invoice by card', () => {
  it('opens the payment page for what is due, named in the resident\'s language, and a repeat resumes the same payment', async () => {
    const invoice = annas[1_000]!;
    const before = await books();
    const payment = await startPayment(invoice.id);
    expect(payment).toMatchObject({ status: 'created', amountMinor: 1_000, currency: me.currency, invoiceId: invoice.id, redirectUrl: `/fake-checkout/${payment.providerPaymentId}` });
    // Anna speaks German; the payment page sends her back to her invoices, following this payment.
    const back = `${ctx.deps.config.publicUrl}/invoices?invoice=${invoice.id}&payment=${payment.paymentId}`;
    expect(provider.created.at(-1)).toMatchObject({
      tenantId: me.tenantId, personId: me.personId, paymentId: payment.paymentId, amountMinor: 1_000, currency: me.currency,
      language: 'de', description: `Rechnung ${invoice.number} – Heimbau`, successUrl: back, cancelUrl: `${back}&canceled=1`,
    });

    const again = await anna.request('POST', `/api/me/invoices/${invoice.id}/card-payment`, { paymentId: payment.paymentId });
    expect(again).toMatchObject({ status: 201, body: { providerPaymentId: payment.providerPaymentId, redirectUrl: payment.redirectUrl } });
    // The same id for another invoice, or for a top-up, is refused.
    expect((await anna.request('POST', `/api/me/invoices/${annas[1_200]!.id}/card-payment`, { paymentId: payment.paymentId })).body.error.code).toBe('payments.id_reused');
    expect((await anna.request('POST', '/api/wallet/card-top-ups', { paymentId: payment.paymentId, amountMinor: 1_000 })).body.error.code).toBe('payments.id_reused');
    expect((await anna.request('GET', `/api/me/invoices/${invoice.id}/card-payment/${payment.paymentId}`)).body).toMatchObject({ status: 'created', invoiceId: invoice.id });
    // Nothing moves before the provider confirms.
    expect(await books()).toEqual(before);
    expect((await invoiceOf(invoice.id)).status).toBe('open');
  });

  it('settles the invoice once when the webhook confirms, however often and in whatever form it arrives', async () => {
    const invoice = annas[1_200]!;
    const before = await books();
    const payment = await startPayment(invoice.id);
    const responses = await Promise.all([deliver(payment), deliver(payment, 'checkout.session.completed'), deliver(payment)]);
    expect(responses.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    expect((await deliver(payment)).statusCode).toBe(200);

    expect(await invoiceOf(invoice.id)).toMatchObject({ status: 'paid', paidMinor: 1_200, amountDueMinor: 0 });
    expect(await books()).toEqual({ wallet: before.wallet, owed: before.owed - 1_200 });
    expect((await anna.request('GET', `/api/me/invoices/${invoice.id}/card-payment/${payment.paymentId}`)).body).toMatchObject({ status: 'succeeded' });
    expect(await cardPayments()).toEqual([expect.objectContaining({ invoiceId: invoice.id, invoiceNumber: invoice.number, via: 'card', amountMinor: 1_200 })]);
    await reconciled();
  });

  it('takes only what is still due when a bank transfer paid part first, and tops up the wallet with the rest', async () => {
    const invoice = annas[1_500]!;
    const payment = await startPayment(invoice.id);
    expect(payment.amountMinor).toBe(1_500);
    const upload = await ctx.app.inject({
      method: 'POST', url: '/api/bank/statements', headers: { cookie: staff.cookie, 'x-csrf-token': staff.csrf, 'content-type': 'application/xml' },
      payload: camt054({ iban: 'AT611904300234573201', currency: 'EUR' }, 'CARD-PART-1', [{ amount: '5.00', reference: invoice.reference, debtor: 'Anna Huber', bankReference: 'CARD1' }]),
    });
    expect(upload.json().invoices).toEqual([expect.objectContaining({ outcome: 'partly_paid', dueMinor: 1_000 })]);
    const before = await books();

    expect((await deliver(payment)).statusCode).toBe(200);
    expect(await invoiceOf(invoice.id)).toMatchObject({ status: 'paid', paidMinor: 1_500, amountDueMinor: 0 });
    expect(await books()).toEqual({ wallet: before.wallet + 500, owed: before.owed - 1_000 });
    expect(await cardPayments()).toContainEqual(expect.objectContaining({ invoiceId: invoice.id, amountMinor: 1_000 }));
    await reconciled();
  });

  it('credits all of it to the wallet when the invoice was settled otherwise before the payment arrived', async () => {
    const invoice = annas[900]!;
    const payment = await startPayment(invoice.id);
    await staff.request('POST', `/api/wallets/${me.personId}/adjustments`, { id: randomUUID(), amountMinor: 900, reason: 'Bareinzahlung' });
    expect((await anna.request('POST', `/api/me/invoices/${invoice.id}/pay`)).status).toBe(200);
    const before = await books();
    expect((await deliver(payment)).statusCode).toBe(200);
    expect(await books()).toEqual({ wallet: before.wallet + 900, owed: before.owed });
    expect((await anna.request('GET', `/api/me/invoices/${invoice.id}/card-payment/${payment.paymentId}`)).body.status).toBe('succeeded');
    await reconciled();
  });

  it('refuses an invoice with nothing due, and answers another person\'s or tenant\'s invoice as missing', async () => {
    const paid = annas[1_200]!;
    const nothing = await anna.request('POST', `/api/me/invoices/${paid.id}/card-payment`, { paymentId: randomUUID() });
    expect(nothing).toMatchObject({ status: 409, body: { error: { code: 'invoices.not_open' } } });
    for (const id of [lukasInvoice, regieInvoice, randomUUID()]) {
      expect((await anna.request('POST', `/api/me/invoices/${id}/card-payment`, { paymentId: randomUUID() })).status).toBe(404);
    }
    // Staff pay nobody's invoices; a payment is seen only under its own invoice.
    expect((await staff.request('POST', `/api/me/invoices/${lukasInvoice}/card-payment`, { paymentId: randomUUID() })).status).toBe(403);
    const open = annas[1_000]!;
    const payment = await startPayment(open.id);
    expect((await anna.request('GET', `/api/me/invoices/${paid.id}/card-payment/${payment.paymentId}`)).status).toBe(404);
    expect((await anna.request('GET', `/api/wallet/card-top-ups/${payment.paymentId}`)).status).toBe(404);
    expect((await camille.request('GET', `/api/me/invoices/${open.id}/card-payment/${payment.paymentId}`)).status).toBe(404);
  });
});
