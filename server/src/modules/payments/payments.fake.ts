// A payment provider for tests: starting a payment stays off the network and sends the resident
// to a small stand-in of Stripe's hosted payment page served by Concierge itself
// (payments.fake.checkout.ts), while webhooks are verified exactly as in production (Stripe's own
// signature check), so tests sign their payloads with Stripe's test helper and a wrong signature
// fails as it would live. As with Stripe, paying on the page credits nothing by itself: only the
// signed webhook does, and the test decides when it arrives.
import Stripe from 'stripe';
import type { CreatePaymentInput, PaymentProvider } from './payments.provider.ts';
import { stripeMetadata, stripeWebhookParser } from './payments.stripe.ts';

export const TEST_WEBHOOK_SECRET = 'whsec_concierge_test_secret';

/** A payment started with the fake: what was asked for, and the ids Stripe would have used. */
export interface FakeCheckoutSession extends CreatePaymentInput {
  /** The Checkout Session (what the payment row records). */
  sessionId: string;
  /** The PaymentIntent Stripe would create when the resident pays (what webhooks name). */
  paymentIntentId: string;
}

export interface FakePaymentProvider extends PaymentProvider {
  readonly kind: 'fake';
  /** Every payment started, oldest first (a repeated start appears again, with the same ids). */
  created: FakeCheckoutSession[];
  /** The last start of this session, for the fake payment page. */
  session(sessionId: string): FakeCheckoutSession | undefined;
}

export function isFakePaymentProvider(provider: PaymentProvider | null): provider is FakePaymentProvider {
  return provider !== null && (provider as Partial<FakePaymentProvider>).kind === 'fake';
}

/** Where the fake sends the browser: a path on the product itself (see payments.fake.checkout.ts). */
export const fakeCheckoutPath = (sessionId: string) => `/fake-checkout/${sessionId}`;

export function createFakePaymentProvider(webhookSecret = TEST_WEBHOOK_SECRET): FakePaymentProvider {
  const created: FakeCheckoutSession[] = [];
  return {
    kind: 'fake',
    created,
    session: (sessionId) => created.findLast((s) => s.sessionId === sessionId),
    async createPayment(input) {
      // Deterministic, like Stripe's idempotency: the same payment id gives the same session.
      const key = `${input.tenantId.slice(0, 8)}${input.paymentId.replace(/-/g, '')}`;
      const session = { ...input, sessionId: `cs_fake_${key}`, paymentIntentId: `pi_fake_${key}` };
      created.push(session);
      return { providerPaymentId: session.sessionId, redirectUrl: fakeCheckoutPath(session.sessionId) };
    },
    parseWebhook: stripeWebhookParser(webhookSecret),
  };
}

export interface StripeTestEvent {
  /** `payment_intent.*` or `checkout.session.*` (any other type is sent as a PaymentIntent event). */
  type: string;
  /** The PaymentIntent: the object of `payment_intent.*`, named by the session of `checkout.session.*`. */
  providerPaymentId: string;
  /** The Checkout Session, for `checkout.session.*`. */
  sessionId?: string;
  amountMinor: number;
  currency: string;
  tenantId: string;
  personId: string;
  paymentId: string;
  /** `checkout.session.completed`: `paid` unless told otherwise (`unpaid`: a bank debit on its way). */
  paymentStatus?: 'paid' | 'unpaid';
}

function eventObject(event: StripeTestEvent): Record<string, unknown> {
  const metadata = stripeMetadata(event);
  const currency = event.currency.toLowerCase();
  if (event.type.startsWith('checkout.session.')) {
    const paid = event.type === 'checkout.session.async_payment_succeeded'
      || (event.type === 'checkout.session.completed' && event.paymentStatus !== 'unpaid');
    return {
      id: event.sessionId ?? `cs_${event.providerPaymentId}`, object: 'checkout.session', mode: 'payment',
      status: event.type === 'checkout.session.expired' ? 'expired' : 'complete', payment_status: paid ? 'paid' : 'unpaid',
      amount_total: event.amountMinor, currency, client_reference_id: event.paymentId, metadata,
      payment_intent: event.type === 'checkout.session.expired' ? null : event.providerPaymentId,
    };
  }
  const succeeded = event.type === 'payment_intent.succeeded';
  return {
    id: event.providerPaymentId, object: 'payment_intent', amount: event.amountMinor,
    amount_received: succeeded ? event.amountMinor : 0, currency,
    status: succeeded ? 'succeeded' : event.type === 'payment_intent.canceled' ? 'canceled' : 'requires_payment_method',
    metadata,
  };
}

/** A webhook delivery as Stripe would send it: the JSON body and its `stripe-signature` header. */
export function signedStripeWebhook(event: StripeTestEvent, secret = TEST_WEBHOOK_SECRET): { payload: string; signature: string } {
  const payload = JSON.stringify({
    id: `evt_${Math.random().toString(36).slice(2)}`, object: 'event', type: event.type,
    data: { object: eventObject(event) },
  });
  return { payload, signature: Stripe.webhooks.generateTestHeaderString({ payload, secret }) };
}
