// The Stripe implementation on its own: webhook verification with Stripe's real signature
// check, and the Checkout Session a payment start asks Stripe for (against a local stand-in of
// the API).
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

  it('turns a paid checkout.session.completed into the same success, named by its PaymentIntent', () => {
    const { payload, signature } = signedStripeWebhook({ ...intent, type: 'checkout.session.completed', sessionId: 'cs_123' });
    expect(parse(Buffer.from(payload), signature)).toEqual({
      type: 'succeeded', providerPaymentId: 'pi_123', amountMinor: 2500, currency: 'EUR',
      metadata: { tenantId: intent.tenantId, personId: intent.personId, paymentId: intent.paymentId },
    });
  });

  it('waits for a bank debit still on its way, and maps its outcome and an expired session', () => {
    const event = (type: string, extra: { paymentStatus?: 'unpaid' } = {}) => {
      const { payload, signature } = signedStripeWebhook({ ...intent, type, sessionId: 'cs_123', ...extra });
      return parse(Buffer.from(payload), signature);
    };
    expect(event('checkout.session.completed', { paymentStatus: 'unpaid' }).type).toBe('ignored');
    expect(event('checkout.session.async_payment_succeeded')).toMatchObject({ type: 'succeeded', providerPaymentId: 'pi_123', amountMinor: 2500 });
    expect(event('checkout.session.async_payment_failed').type).toBe('failed');
    expect(event('checkout.session.expired')).toMatchObject({ type: 'canceled', metadata: { paymentId: intent.paymentId } });
  });

  it('maps a cancelled PaymentIntent, and ignores a declined attempt the resident may retry and other events', () => {
    const canceled = signedStripeWebhook({ ...intent, type: 'payment_intent.canceled' });
    expect(parse(Buffer.from(canceled.payload), canceled.signature).type).toBe('canceled');
    const declined = signedStripeWebhook({ ...intent, type: 'payment_intent.payment_failed' });
    expect(parse(Buffer.from(declined.payload), declined.signature).type).toBe('ignored');
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
  // A local stand-in of the Stripe API: records each request and answers as Stripe would, or
  // with the error the test asks for.
  const requests: { method: string; path: string; headers: IncomingMessage['headers']; body: URLSearchParams }[] = [];
  let answer: { status: number; body: object } | null = null;
  const session = {
    id: 'cs_test_from_stripe', object: 'checkout.session', mode: 'payment', status: 'open', payment_status: 'unpaid',
    amount_total: 2500, currency: 'eur', payment_intent: null, url: 'https://checkout.stripe.com/c/pay/cs_test_from_stripe',
  };
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => { body += chunk; });
    request.on('end', () => {
      requests.push({ method: request.method!, path: request.url!, headers: request.headers, body: new URLSearchParams(body) });
      response.setHeader('content-type', 'application/json');
      if (answer) {
        response.statusCode = answer.status;
        response.end(JSON.stringify(answer.body));
      } else if (request.method === 'POST' && request.url === '/v1/checkout/sessions') {
        response.end(JSON.stringify(session));
      } else {
        response.statusCode = 404;
        response.end(JSON.stringify({ error: { type: 'invalid_request_error', message: `Unrecognized request URL (${request.method}: ${request.url})` } }));
      }
    });
  });
  beforeAll(async () => { await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve)); });
  afterAll(async () => { await new Promise((resolve) => server.close(resolve)); });

  const provider = () => createStripeProvider({
    secretKey: 'sk_test_local', webhookSecret: TEST_WEBHOOK_SECRET,
    api: { host: '127.0.0.1', port: (server.address() as AddressInfo).port, protocol: 'http' },
  });
  const input = {
    ...intent, currency: 'EUR' as const, language: 'fr' as const, description: 'Recharge du porte-monnaie – Heimbau',
    successUrl: `https://portal.example/wallet/top-ups/${intent.paymentId}`, cancelUrl: `https://portal.example/wallet/top-ups/${intent.paymentId}?canceled=1`,
  };

  it('opens a Checkout Session for one line item in the resident\'s language, carrying our ids, idempotent under the tenant and payment id', async () => {
    requests.length = 0;
    const created = await provider().createPayment(input);
    expect(created).toEqual({ providerPaymentId: 'cs_test_from_stripe', redirectUrl: 'https://checkout.stripe.com/c/pay/cs_test_from_stripe' });
    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request!.path).toBe('/v1/checkout/sessions');
    expect(request!.headers['idempotency-key']).toBe(`card-top-up:${intent.tenantId}:${intent.paymentId}`);
    const sent = Object.fromEntries(request!.body);
    expect(sent).toMatchObject({
      mode: 'payment', locale: 'fr', client_reference_id: intent.paymentId,
      success_url: input.successUrl, cancel_url: input.cancelUrl,
      'line_items[0][quantity]': '1',
      'line_items[0][price_data][currency]': 'eur',
      'line_items[0][price_data][unit_amount]': '2500',
      'line_items[0][price_data][product_data][name]': 'Recharge du porte-monnaie – Heimbau',
      'metadata[concierge_tenant_id]': intent.tenantId, 'metadata[concierge_payment_id]': intent.paymentId,
      'payment_intent_data[metadata][concierge_tenant_id]': intent.tenantId,
      'payment_intent_data[metadata][concierge_person_id]': intent.personId,
      'payment_intent_data[metadata][concierge_payment_id]': intent.paymentId,
    });
    // One line item only: the resident pays exactly the top-up.
    expect(Object.keys(sent).filter((key) => key.startsWith('line_items[1]'))).toEqual([]);
  });

  it('turns Stripe\'s refusal of a reused idempotency key into payments.id_reused, and other refusals into payments.provider_error', async () => {
    answer = { status: 400, body: { error: { type: 'idempotency_error', message: 'Keys for idempotent requests can only be used with the same parameters' } } };
    await expect(provider().createPayment(input)).rejects.toMatchObject({ code: 'payments.id_reused', status: 409 });
    answer = { status: 400, body: { error: { type: 'invalid_request_error', message: 'Invalid currency' } } };
    await expect(provider().createPayment(input)).rejects.toMatchObject({ code: 'payments.provider_error', status: 502 });
    answer = { status: 200, body: { ...session, url: null } };
    await expect(provider().createPayment(input)).rejects.toMatchObject({ code: 'payments.provider_error', status: 502 });
    answer = null;
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
