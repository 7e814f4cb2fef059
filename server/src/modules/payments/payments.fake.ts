// A payment provider for tests and local demos: starting a payment stays off the network, while
// webhooks are verified exactly as in production (Stripe's own signature check), so tests sign
// their payloads with Stripe's test helper and a wrong signature fails as it would live.
import Stripe from 'stripe';
import type { CreatePaymentInput, PaymentProvider } from './payments.provider.ts';
import { stripeMetadata, stripeWebhookParser } from './payments.stripe.ts';

export const TEST_WEBHOOK_SECRET = 'whsec_concierge_test_secret';

export interface FakePaymentProvider extends PaymentProvider {
  /** Every payment started, oldest first. */
  created: CreatePaymentInput[];
}

export function createFakePaymentProvider(webhookSecret = TEST_WEBHOOK_SECRET): FakePaymentProvider {
  const created: CreatePaymentInput[] = [];
  return {
    created,
    async createPayment(input) {
      created.push(input);
      // Deterministic, like Stripe's idempotency: the same payment id gives the same intent.
      const providerPaymentId = `pi_fake_${input.tenantId.slice(0, 8)}${input.paymentId.replace(/-/g, '')}`;
      return { providerPaymentId, clientSecret: `${providerPaymentId}_secret_fake`, redirectUrl: null };
    },
    parseWebhook: stripeWebhookParser(webhookSecret),
  };
}

export interface StripeIntentEvent {
  type: 'payment_intent.succeeded' | 'payment_intent.payment_failed' | 'payment_intent.canceled' | string;
  providerPaymentId: string;
  amountMinor: number;
  currency: string;
  tenantId: string;
  personId: string;
  paymentId: string;
}

/** A webhook delivery as Stripe would send it: the JSON body and its `stripe-signature` header. */
export function signedStripeWebhook(event: StripeIntentEvent, secret = TEST_WEBHOOK_SECRET): { payload: string; signature: string } {
  const succeeded = event.type === 'payment_intent.succeeded';
  const payload = JSON.stringify({
    id: `evt_${Math.random().toString(36).slice(2)}`,
    object: 'event',
    type: event.type,
    data: {
      object: {
        id: event.providerPaymentId,
        object: 'payment_intent',
        amount: event.amountMinor,
        amount_received: succeeded ? event.amountMinor : 0,
        currency: event.currency.toLowerCase(),
        status: succeeded ? 'succeeded' : event.type === 'payment_intent.canceled' ? 'canceled' : 'requires_payment_method',
        metadata: stripeMetadata(event),
      },
    },
  });
  return { payload, signature: Stripe.webhooks.generateTestHeaderString({ payload, secret }) };
}
