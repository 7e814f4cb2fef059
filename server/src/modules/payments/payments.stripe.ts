// Card top-ups through Stripe Checkout: the resident pays on Stripe's hosted payment page (the
// portal only redirects there, so no Stripe script is ever loaded into it) and comes back to
// the portal's wallet page. Stripe then calls our webhook, whose signature is checked here
// against the endpoint's signing secret before anything is believed.
import Stripe from 'stripe';
import { AppError } from '../../errors.ts';
import { badSignature, paymentIdReused } from './payments.errors.ts';
import type { CreatePaymentInput, PaymentEvent, PaymentProvider } from './payments.provider.ts';

// Namespaced, so events of other integrations on the same Stripe account are told apart.
const META = { tenantId: 'concierge_tenant_id', personId: 'concierge_person_id', paymentId: 'concierge_payment_id' } as const;

type StripeOptions = NonNullable<ConstructorParameters<typeof Stripe>[1]>;

const providerError = () => new AppError('payments.provider_error', 502, 'The payment provider refused or did not answer; try again');

/** `api` points the client elsewhere (host, port, protocol), e.g. at a local stand-in in tests. */
export function createStripeProvider(options: { secretKey: string; webhookSecret: string; api?: Pick<StripeOptions, 'host' | 'port' | 'protocol'> }): PaymentProvider {
  const stripe = new Stripe(options.secretKey, { maxNetworkRetries: 2, timeout: 20_000, ...options.api });
  return {
    async createPayment(input) {
      const metadata = stripeMetadata(input);
      let session: Stripe.Checkout.Session;
      try {
        session = await stripe.checkout.sessions.create({
          mode: 'payment',
          line_items: [{ quantity: 1, price_data: { currency: input.currency.toLowerCase(), unit_amount: input.amountMinor, product_data: { name: input.description } } }],
          locale: input.language,
          client_reference_id: input.paymentId,
          success_url: input.successUrl,
          cancel_url: input.cancelUrl,
          metadata,
          // The PaymentIntent Stripe creates when the resident pays carries our ids too, so its
          // payment_intent.succeeded finds the payment as well as checkout.session.completed does.
          payment_intent_data: { description: input.description, metadata },
          // Stripe answers a repeat with the same session (for 24 hours), so a retried start
          // never opens a second payment the resident could pay.
        }, { idempotencyKey: `card-top-up:${input.tenantId}:${input.paymentId}` });
      } catch (error) {
        if (error instanceof Stripe.errors.StripeIdempotencyError) throw paymentIdReused();
        if (error instanceof Stripe.errors.StripeError) throw providerError();
        throw error;
      }
      if (!session.url) throw providerError();
      return { providerPaymentId: session.id, redirectUrl: session.url };
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

const ignored = (id: unknown): PaymentEvent => ({ type: 'ignored', providerPaymentId: typeof id === 'string' ? id : '', amountMinor: 0, currency: '', metadata: {} });

function ours(metadata: Record<string, string> | null | undefined): PaymentEvent['metadata'] {
  const m = metadata ?? {};
  return { tenantId: m[META.tenantId], personId: m[META.personId], paymentId: m[META.paymentId] };
}

function toPaymentEvent(event: Stripe.Event): PaymentEvent {
  const object = event.data.object as { object?: string; id?: unknown };
  if (typeof object.id !== 'string') return ignored(object.id);
  if (object.object === 'payment_intent') return intentEvent(event.type, object as Stripe.PaymentIntent);
  if (object.object === 'checkout.session') return sessionEvent(event.type, object as Stripe.Checkout.Session);
  return ignored(object.id);
}

// A declined card (payment_intent.payment_failed) is not the payment's outcome: Stripe's page
// lets the resident try another card. The outcome comes as a success, as a failed bank debit
// (checkout.session.async_payment_failed) or as the session expiring unpaid.
function intentEvent(type: string, intent: Stripe.PaymentIntent): PaymentEvent {
  const kind = type === 'payment_intent.succeeded' ? 'succeeded' : type === 'payment_intent.canceled' ? 'canceled' : null;
  if (!kind) return ignored(intent.id);
  return {
    type: kind, providerPaymentId: intent.id,
    amountMinor: kind === 'succeeded' ? (intent.amount_received ?? 0) : (intent.amount ?? 0),
    currency: (intent.currency ?? '').toUpperCase(),
    metadata: ours(intent.metadata),
  };
}

function sessionEvent(type: string, session: Stripe.Checkout.Session): PaymentEvent {
  const intentId = typeof session.payment_intent === 'string' ? session.payment_intent : session.payment_intent?.id;
  let kind: PaymentEvent['type'] = 'ignored';
  // Completed but unpaid: a bank debit still on its way; its async_payment_* event follows.
  if (type === 'checkout.session.completed' && session.payment_status === 'paid') kind = 'succeeded';
  if (type === 'checkout.session.async_payment_succeeded') kind = 'succeeded';
  if (type === 'checkout.session.async_payment_failed') kind = 'failed';
  if (type === 'checkout.session.expired') kind = 'canceled';
  // A credit needs the PaymentIntent: its id is what makes this event and payment_intent.succeeded one transfer.
  if (kind === 'ignored' || (kind === 'succeeded' && !intentId)) return ignored(session.id);
  return {
    type: kind, providerPaymentId: intentId ?? session.id,
    amountMinor: session.amount_total ?? 0,
    currency: (session.currency ?? '').toUpperCase(),
    metadata: ours(session.metadata),
  };
}
