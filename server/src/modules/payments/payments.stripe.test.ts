// The Stripe implementation on its own: webhook verification with Stripe's real signature
// check, and what a payment start sends to Stripe (against a local stand-in of the API).
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { AppError } from '../../errors.ts';
import { signedStripeWebhook, TEST_WEBHOOK_SECRET } from './payments.fake.ts';
import { createStripeProvider, stripeWebhookParser } from './payments.stripe.ts';

const parse = stripeWebhookParser(TEST_WEBHOOK_SECRET);
const intent = {
  type: 'payment_intent.succeeded', providerPaymentId: 'pi_123', amountMinor: 2500, currency: 'EUR',
  tenantId: '11111111-1111-4111-8111-111111111111', personId: '22222222-2222-4222-8222-222222222222', paymentId: '33333333-3333-4333-8333-333333333333',
};

function refusal(work: () => unknown): AppError {
  try {
    work();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('accepted');
}

describe('Stripe webhook verification', () => {
  it('turns a correctly signed payment_intent.succeeded into a success with the amount received', () => {
    const { payload, signature } = signedStripeWebhook(intent);
    expect(parse(Buffer.from(payload), signature)).toEqual({
      type: 'succeeded', providerPaymentId: 'pi_123', amountMinor: 2500, currency: 'EUR',
      metadata: { tenantId: intent.tenantId, personId: intent.personId, paymentId: intent.paymentId },
    });
  });

  it('maps failures and cancellations, and ignores other events', () => {
    const failed = signedStripeWebhook({ ...intent, type: 'payment_intent.payment_failed' });
    expect(parse(Buffer.from(failed.payload), failed.signature).type).toBe('failed');
    const canceled = signedStripeWebhook({ ...intent, type: 'payment_intent.canceled' });
    expect(parse(Buffer.from(canceled.payload), canceled.signature).type).toBe('canceled');
    const other = signedStripeWebhook({ ...intent, type: 'payment_intent.created' });
    expect(parse(Buffer.from(other.payload), other.signature).type).toBe('ignored');
  });

  it('refuses another secret, a changed body, an old signature and no signature', () => {
    const { payload, signature } = signedStripeWebhook(intent);
    const forged = signedStripeWebhook(intent, 'whsec_someone_else');
    const tampered = payload.replace('"amount_received":2500', '"amount_received":250000');
    const old = Stripe.webhooks.generateTestHeaderString({ payload, secret: TEST_WEBHOOK_SECRET, timestamp: Math.floor(Date.now() / 1000) - 3600 });
    for (const [body, header] of [[forged.payload, forged.signature], [tampered, signature], [payload, old], [payload, '']] as const) {
      const error = refusal(() => parse(Buffer.from(body), header));
      expect(error).toMatchObject({ code: 'payments.bad_signature', status: 400 });
    }
  });
});

describe('Stripe payment start', () => {
  const requests: { path: string; headers: IncomingMessage['headers']; body: URLSearchParams }[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => { body += chunk; });
    request.on('end', () => {
      requests.push({ path: request.url!, headers: request.headers, body: new URLSearchParams(body) });
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ id: 'pi_from_stripe', object: 'payment_intent', client_secret: 'pi_from_stripe_secret_abc', amount: 2500, currency: 'eur' }));
    });
  });
  beforeAll(async () => { await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve)); });
  afterAll(async () => { await new Promise((resolve) => server.close(resolve)); });

  it('creates a PaymentIntent carrying our ids, idempotent under the tenant and payment id', async () => {
    const provider = createStripeProvider({
      secretKey: 'sk_test_local', webhookSecret: TEST_WEBHOOK_SECRET,
      api: { host: '127.0.0.1', port: (server.address() as AddressInfo).port, protocol: 'http' },
    });
    const created = await provider.createPayment({ ...intent, currency: 'EUR', description: 'Concierge wallet top-up', returnUrl: 'http://localhost/wallet' });
    expect(created).toEqual({ providerPaymentId: 'pi_from_stripe', clientSecret: 'pi_from_stripe_secret_abc', redirectUrl: null });
    const [request] = requests;
    expect(request!.path).toBe('/v1/payment_intents');
    expect(request!.headers['idempotency-key']).toBe(`card-top-up:${intent.tenantId}:${intent.paymentId}`);
    expect(Object.fromEntries(request!.body)).toMatchObject({
      amount: '2500', currency: 'eur',
      'metadata[concierge_tenant_id]': intent.tenantId, 'metadata[concierge_person_id]': intent.personId, 'metadata[concierge_payment_id]': intent.paymentId,
    });
  });
});

describe('Stripe configuration', () => {
  it('is optional, but refuses half of it or keys of the wrong kind, naming the variable', () => {
    expect(loadConfig({})).toMatchObject({ stripeSecretKey: undefined, stripeWebhookSecret: undefined });
    expect(loadConfig({ STRIPE_SECRET_KEY: 'sk_test_abc', STRIPE_WEBHOOK_SECRET: 'whsec_abc' })).toMatchObject({ stripeSecretKey: 'sk_test_abc', stripeWebhookSecret: 'whsec_abc' });
    const cases: [Record<string, string>, string][] = [
      [{ STRIPE_SECRET_KEY: 'sk_test_abc' }, 'STRIPE_WEBHOOK_SECRET'],
      [{ STRIPE_WEBHOOK_SECRET: 'whsec_abc' }, 'STRIPE_SECRET_KEY'],
      [{ STRIPE_SECRET_KEY: 'pk_test_abc', STRIPE_WEBHOOK_SECRET: 'whsec_abc' }, 'STRIPE_SECRET_KEY'],
      [{ STRIPE_SECRET_KEY: 'sk_test_abc', STRIPE_WEBHOOK_SECRET: 'secret' }, 'STRIPE_WEBHOOK_SECRET'],
    ];
    for (const [env, variable] of cases) {
      let refused: unknown;
      try { loadConfig(env); } catch (error) { refused = error; }
      expect(refused, JSON.stringify(env)).toMatchObject({ variable });
    }
  });
});
