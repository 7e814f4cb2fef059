import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../../db/scope.ts';
import type { TenantActor } from '../../http/actor.ts';
import { createTestContext, login, type Session, type TestContext } from '../../test/app.ts';
import { walletOf } from '../ledger/ledger.usecases.ts';
import { createFakePaymentProvider, signedStripeWebhook, type FakePaymentProvider } from './payments.fake.ts';
import { startCardTopUp } from './payments.usecases.ts';

let ctx: TestContext;
let provider: FakePaymentProvider;
let resident: Session;
let me: { tenantId: string; personId: string; currency: string };

beforeAll(async () => {
  provider = createFakePaymentProvider();
  ctx = await createTestContext({ payments: provider });
  resident = await login(ctx.app, 'resident@demo.test');
  const body = (await resident.request('GET', '/api/me')).body;
  me = { tenantId: body.tenant.id, personId: body.personId, currency: body.tenant.currency };
});
afterAll(async () => { await ctx.close(); });

const balance = (personId = me.personId) => inTenant(ctx.deps.db, me.tenantId, async (tx) => (await walletOf(tx, me.tenantId, personId)).available);

async function startTopUp(amountMinor: number, session = resident) {
  const paymentId = randomUUID();
  const response = await session.request('POST', '/api/wallet/card-top-ups', { amountMinor, paymentId });
  expect(response.status).toBe(201);
  return { paymentId, ...response.body };
}

type Delivery = Partial<Parameters<typeof signedStripeWebhook>[0]>;

/** What Stripe would send about this top-up: by default the PaymentIntent's success. */
function deliver(topUp: { paymentId: string; providerPaymentId: string; amountMinor: number }, event: Delivery = {}, secret?: string) {
  const started = provider.session(topUp.providerPaymentId)!;
  const { payload, signature } = signedStripeWebhook({
    type: 'payment_intent.succeeded', providerPaymentId: started.paymentIntentId, sessionId: started.sessionId, amountMinor: topUp.amountMinor,
    currency: me.currency, tenantId: me.tenantId, personId: me.personId, paymentId: topUp.paymentId, ...event,
  }, secret);
  return ctx.app.inject({ method: 'POST', url: '/api/webhooks/stripe', headers: { 'content-type': 'application/json', 'stripe-signature': signature }, payload });
}

const statusOf = async (topUp: { paymentId: string }) => (await resident.request('GET', `/api/wallet/card-top-ups/${topUp.paymentId}`)).body.status;

describe('card top-ups', () => {
  it('sends the resident to the payment page, credits the wallet once Stripe confirms, and the portal sees it succeeded', async () => {
    const before = await balance();
    const topUp = await startTopUp(2500);
    expect(topUp).toMatchObject({ status: 'created', amountMinor: 2500, currency: me.currency, redirectUrl: `/fake-checkout/${topUp.providerPaymentId}` });
    expect(topUp).not.toHaveProperty('clientSecret');
    // Anna's language is German: the payment page and its line item speak it; both ways back lead to this payment.
    expect(provider.created.at(-1)).toMatchObject({
      tenantId: me.tenantId, personId: me.personId, paymentId: topUp.paymentId, amountMinor: 2500, currency: me.currency,
      language: 'de', description: 'Guthaben-Aufladung – Heimbau',
      successUrl: `${ctx.deps.config.publicUrl}/wallet/top-ups/${topUp.paymentId}`,
      cancelUrl: `${ctx.deps.config.publicUrl}/wallet/top-ups/${topUp.paymentId}?canceled=1`,
    });
    expect(await balance()).toBe(before);

    const response = await deliver(topUp);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ received: true });
    expect(await balance()).toBe(before + 2500);
    expect((await resident.request('GET', `/api/wallet/card-top-ups/${topUp.paymentId}`)).body).toMatchObject({ status: 'succeeded', amountMinor: 2500 });
  });

  it('serves the stand-in payment page of the fake provider: what is paid for, and the ways back', async () => {
    const topUp = await startTopUp(1250);
    const page = await ctx.app.inject({ method: 'GET', url: topUp.redirectUrl });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('Guthaben-Aufladung – Heimbau');
    expect(page.body).toContain('12,50');
    expect(page.body).toContain(`href="/wallet/top-ups/${topUp.paymentId}"`);
    expect(page.body).toContain(`href="/wallet/top-ups/${topUp.paymentId}?canceled=1"`);
    expect((await ctx.app.inject({ method: 'GET', url: `/fake-checkout/cs_fake_${'0'.repeat(40)}` })).statusCode).toBe(404);
  });

  it('resumes the same payment when the start is repeated with the same id, and refuses the id for other content', async () => {
    const topUp = await startTopUp(1000);
    const again = await resident.request('POST', '/api/wallet/card-top-ups', { amountMinor: 1000, paymentId: topUp.paymentId });
    expect(again).toMatchObject({ status: 201, body: { providerPaymentId: topUp.providerPaymentId, redirectUrl: topUp.redirectUrl } });
    const other = await resident.request('POST', '/api/wallet/card-top-ups', { amountMinor: 2000, paymentId: topUp.paymentId });
    expect(other).toMatchObject({ status: 409, body: { error: { code: 'payments.id_reused' } } });
  });

  it('credits once when the same webhook arrives twice, or five times at once', async () => {
    const before = await balance();
    const topUp = await startTopUp(1500);
    expect((await deliver(topUp)).statusCode).toBe(200);
    expect((await deliver(topUp)).statusCode).toBe(200);
    expect(await balance()).toBe(before + 1500);

    const concurrent = await startTopUp(700);
    const responses = await Promise.all(Array.from({ length: 5 }, () => deliver(concurrent)));
    expect(responses.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200]);
    expect(await balance()).toBe(before + 1500 + 700);
  });

  it('credits once when both checkout.session.completed and payment_intent.succeeded arrive, in either order or at once', async () => {
    const before = await balance();
    const sessionFirst = await startTopUp(1100);
    expect((await deliver(sessionFirst, { type: 'checkout.session.completed' })).statusCode).toBe(200);
    expect(await balance()).toBe(before + 1100);
    expect(await statusOf(sessionFirst)).toBe('succeeded');
    await deliver(sessionFirst);
    expect(await balance()).toBe(before + 1100);

    const intentFirst = await startTopUp(1200);
    await deliver(intentFirst);
    await deliver(intentFirst, { type: 'checkout.session.completed' });
    expect(await balance()).toBe(before + 1100 + 1200);

    const together = await startTopUp(1300);
    const responses = await Promise.all([deliver(together), deliver(together, { type: 'checkout.session.completed' }), deliver(together), deliver(together, { type: 'checkout.session.completed' })]);
    expect(responses.map((r) => r.statusCode)).toEqual([200, 200, 200, 200]);
    expect(await balance()).toBe(before + 1100 + 1200 + 1300);
  });

  it('keeps a payment pending while the resident may still retry or the bank debit is on its way', async () => {
    const before = await balance();
    const topUp = await startTopUp(800);
    // A declined card: Stripe's page lets the resident try another one.
    await deliver(topUp, { type: 'payment_intent.payment_failed' });
    expect(await statusOf(topUp)).toBe('created');
    // Completed with a bank debit: paid only once async_payment_succeeded follows.
    await deliver(topUp, { type: 'checkout.session.completed', paymentStatus: 'unpaid' });
    expect(await statusOf(topUp)).toBe('created');
    expect(await balance()).toBe(before);
    await deliver(topUp, { type: 'checkout.session.async_payment_succeeded' });
    expect(await statusOf(topUp)).toBe('succeeded');
    expect(await balance()).toBe(before + 800);
  });

  it('records a payment page left to expire as canceled, and credits nothing', async () => {
    const before = await balance();
    const topUp = await startTopUp(650);
    await deliver(topUp, { type: 'checkout.session.expired' });
    expect(await statusOf(topUp)).toBe('canceled');
    expect(await balance()).toBe(before);
  });

  it('keeps a success when a failure arrives late, and credits a success that follows a failure', async () => {
    const before = await balance();
    const topUp = await startTopUp(900);
    await deliver(topUp);
    expect((await deliver(topUp, { type: 'checkout.session.async_payment_failed' })).statusCode).toBe(200);
    expect(await statusOf(topUp)).toBe('succeeded');
    expect(await balance()).toBe(before + 900);

    const retried = await startTopUp(600);
    await deliver(retried, { type: 'checkout.session.async_payment_failed' });
    expect(await statusOf(retried)).toBe('failed');
    expect(await balance()).toBe(before + 900);
    await deliver(retried);
    expect(await statusOf(retried)).toBe('succeeded');
    expect(await balance()).toBe(before + 900 + 600);
  });

  it('credits nothing for an event naming a payment we do not know', async () => {
    const before = await balance();
    const topUp = await startTopUp(1000);
    const stranger = { ...topUp, paymentId: randomUUID() };
    expect((await deliver(stranger)).statusCode).toBe(200);
    expect(await balance()).toBe(before);
    expect(await statusOf(topUp)).toBe('created');
  });

  it('refuses a webhook with a bad signature and credits nothing', async () => {
    const before = await balance();
    const topUp = await startTopUp(3000);
    const forged = await deliver(topUp, {}, 'whsec_someone_else');
    expect(forged.statusCode).toBe(400);
    expect(forged.json().error.code).toBe('payments.bad_signature');
    const unsigned = await ctx.app.inject({ method: 'POST', url: '/api/webhooks/stripe', headers: { 'content-type': 'application/json' }, payload: '{"type":"payment_intent.succeeded"}' });
    expect(unsigned.statusCode).toBe(400);
    expect(await balance()).toBe(before);
    expect((await resident.request('GET', `/api/wallet/card-top-ups/${topUp.paymentId}`)).body.status).toBe('created');
  });

  it('does not credit when Stripe reports another amount than was asked for', async () => {
    const before = await balance();
    const topUp = await startTopUp(2000);
    expect((await deliver(topUp, { amountMinor: 200 })).statusCode).toBe(200);
    expect(await balance()).toBe(before);
    expect((await resident.request('GET', `/api/wallet/card-top-ups/${topUp.paymentId}`)).body.status).toBe('created');
  });

  it('keeps JSON parsing as usual on the other routes', async () => {
    const response = await resident.request('POST', '/api/wallet/card-top-ups', { amountMinor: 1000, paymentId: 'not-a-uuid' });
    expect(response).toMatchObject({ status: 400, body: { error: { code: 'request.invalid_body', fields: [{ field: 'paymentId' }] } } });
  });

  it('accepts amounts from 5.00 to 500.00 only', async () => {
    for (const amountMinor of [499, 50_001]) {
      const response = await resident.request('POST', '/api/wallet/card-top-ups', { amountMinor, paymentId: randomUUID() });
      expect(response).toMatchObject({ status: 400, body: { error: { code: 'payments.amount_out_of_range', fields: [{ field: 'amountMinor' }] } } });
    }
    await startTopUp(500);
    await startTopUp(50_000);
  });

  it('shows a resident only their own payments, and lets only residents start one', async () => {
    const actor = { userId: 'x', tenantId: me.tenantId, role: 'resident', personId: await neighbour(), language: 'de' } as TenantActor;
    const theirs = await startCardTopUp(ctx.deps, actor, { amountMinor: 1000, paymentId: randomUUID() });
    const response = await resident.request('GET', `/api/wallet/card-top-ups/${theirs.payment.id}`);
    expect(response).toMatchObject({ status: 404, body: { error: { code: 'payments.not_found' } } });
    const manager = await login(ctx.app, 'manager@demo.test');
    expect((await manager.request('GET', `/api/wallet/card-top-ups/${theirs.payment.id}`)).status).toBe(200);
    const refused = await manager.request('POST', '/api/wallet/card-top-ups', { amountMinor: 1000, paymentId: randomUUID() });
    expect(refused).toMatchObject({ status: 403, body: { error: { code: 'payments.resident_only' } } });
  });
});

describe('card top-ups without a payment provider', () => {
  it('answers payments.unavailable', async () => {
    const actor = { userId: 'x', tenantId: me.tenantId, role: 'resident', personId: me.personId, language: 'de' } as TenantActor;
    await expect(startCardTopUp({ ...ctx.deps, payments: null }, actor, { amountMinor: 1000, paymentId: randomUUID() }))
      .rejects.toMatchObject({ code: 'payments.unavailable', status: 409 });
  });
});

/** Another person of the resident's tenant. */
async function neighbour(): Promise<string> {
  return inTenant(ctx.deps.db, me.tenantId, async (tx) => {
    const row = await tx.selectFrom('people').select('id').where('tenant_id', '=', me.tenantId).where('id', '!=', me.personId).executeTakeFirstOrThrow();
    return row.id;
  });
}
