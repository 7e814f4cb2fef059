// Card top-ups through Stripe PaymentIntents. The portal completes the payment with Stripe
// Elements using the client secret; Stripe then calls our webhook, whose signature is checked
// here against the endpoint's signing secret before anything is believed.
import Stripe from 'stripe';
import { AppError } from '../../errors.ts';
import { badSignature, paymentIdReused } from './payments.errors.ts';
import type { CreatedPayment, CreatePaymentInput, PaymentEvent, PaymentProvider } from './payments.provider.ts';

// Namespaced, so events of other integrations on the same Stripe account are told apart.
const META = { tenantId: 'concierge_tenant_id', personId: 'concierge_person_id', paymentId: 'concierge_payment_id' } as const;

type StripeOptions = NonNullable<ConstructorParameters<typeof Stripe>[1]>;

/** `api` points the client elsewhere (host, port, protocol), e.g. at a local stand-in in tests. */
export function createStripeProvider(options: { secretKey: string; webhookSecret: string; api?: Pick<StripeOptions, 'host' | 'port' | 'protocol'> }): PaymentProvider {
  const stripe = new Stripe(options.secretKey, { maxNetworkRetries: 2, timeout: 20_000, ...options.api });
  return {
    async createPayment(input) {
      try {
        const intent = await stripe.paymentIntents.create({
          amount: input.amountMinor,
          currency: input.currency.toLowerCase(),
          description: input.description,
          automatic_payment_methods: { enabled: true },
          metadata: stripeMetadata(input),
          // Stripe answers a repeat with the same intent (for 24 hours), so a retried start
          // never creates a second payment the resident could pay.
        }, { idempotencyKey: `card-top-up:${input.tenantId}:${input.paymentId}` });
        return { providerPaymentId: intent.id, clientSecret: intent.client_secret, redirectUrl: null };
      } catch (error) {
        if (error instanceof Stripe.errors.StripeIdempotencyError) throw paymentIdReused();
        if (error instanceof Stripe.errors.StripeError) {
          throw new AppError('payments.provider_error', 502, 'The payment provider refused or did not answer; try again');
        }
        throw error;
      }
    },
    parseWebhook: stripeWebhookParser(options.webhookSecret),
  };
}

export function stripeMetadata(input: Pick<CreatePaymentInput, 'tenantId' | 'personId' | 'paymentId'>): Record<string, string> {
  return { [META.tenantId]: input.tenantId, [META.personId]: input.personId, [META.paymentId]: input.paymentId };
}

/** Real signature verification (`constructEvent`), shared by the Stripe provider and its test double. */
export function stripeWebhookParser(webhookSecret: string): PaymentProvider['parseWebhook'] {
  return (rawBody, signatureHeader) => {
    let event: Stripe.Event;
    try {
      event = Stripe.webhooks.constructEvent(rawBody, signatureHeader, webhookSecret);
    } catch {
      throw badSignature();
    }
    return toPaymentEvent(event);
  };
}

const EVENT_TYPES: Record<string, PaymentEvent['type']> = {
  'payment_intent.succeeded': 'succeeded',
  'payment_intent.payment_failed': 'failed',
  'payment_intent.canceled': 'canceled',
};

function toPaymentEvent(event: Stripe.Event): PaymentEvent {
  const type = EVENT_TYPES[event.type];
  const object = event.data.object as Partial<Stripe.PaymentIntent>;
  if (!type || object.object !== 'payment_intent' || typeof object.id !== 'string') {
    return { type: 'ignored', providerPaymentId: typeof object.id === 'string' ? object.id : '', amountMinor: 0, currency: '', metadata: {} };
  }
  const metadata = object.metadata ?? {};
  return {
    type,
    providerPaymentId: object.id,
    amountMinor: type === 'succeeded' ? (object.amount_received ?? 0) : (object.amount ?? 0),
    currency: (object.currency ?? '').toUpperCase(),
    metadata: { tenantId: metadata[META.tenantId], personId: metadata[META.personId], paymentId: metadata[META.paymentId] },
  };
}
