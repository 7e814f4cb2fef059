import type { Deps } from '../../deps.ts';
import { requireTenantActor } from '../../http/actor.ts';
import { IdParams, type App } from '../../http/types.ts';
import { paymentsUnavailable } from './payments.errors.ts';
import { fakeCheckoutRoutes } from './payments.fake.checkout.ts';
import { isFakePaymentProvider } from './payments.fake.ts';
import { getInvoiceCardPayment, startInvoiceCardPayment } from './payments.invoices.usecases.ts';
import { presentCardTopUp, presentInvoiceCardPayment } from './payments.presenters.ts';
import {
  CardTopUpInput, CardTopUpOut, CardTopUpStarted, InvoiceCardPaymentInput, InvoiceCardPaymentOut, InvoiceCardPaymentParams, InvoiceCardPaymentStarted, WebhookReceived,
} from './payments.schemas.ts';
import { getCardTopUp, startCardTopUp } from './payments.usecases.ts';
import { handlePaymentEvent } from './payments.webhook.usecases.ts';

const tags = ['payments'];

export function paymentsRoutes(app: App, deps: Deps): void {
  app.post('/api/wallet/card-top-ups', { schema: { tags, summary: 'Start a card top-up of the own wallet; the resident pays on the page at redirectUrl', body: CardTopUpInput, response: { 201: CardTopUpStarted } } }, async (request, reply) => {
    const started = await startCardTopUp(deps, requireTenantActor(request.actor), request.body);
    return reply.status(201).send({ ...presentCardTopUp(started.payment), redirectUrl: started.redirectUrl });
  });

  app.get('/api/wallet/card-top-ups/:id', { schema: { tags, summary: 'Status of a card top-up (polled after the payment page)', params: IdParams, response: { 200: CardTopUpOut } } }, async (request) => {
    return presentCardTopUp(await getCardTopUp(deps, requireTenantActor(request.actor), request.params.id));
  });

  app.post('/api/me/invoices/:id/card-payment', { schema: { tags, summary: 'Start paying what is due on one of your invoices by card; the resident pays on the page at redirectUrl', params: IdParams, body: InvoiceCardPaymentInput, response: { 201: InvoiceCardPaymentStarted } } }, async (request, reply) => {
    const started = await startInvoiceCardPayment(deps, requireTenantActor(request.actor), request.params.id, request.body);
    return reply.status(201).send({ ...presentInvoiceCardPayment(started.payment), redirectUrl: started.redirectUrl });
  });

  app.get('/api/me/invoices/:id/card-payment/:paymentId', { schema: { tags, summary: 'Status of a card payment of one of your invoices (polled after the payment page)', params: InvoiceCardPaymentParams, response: { 200: InvoiceCardPaymentOut } } }, async (request) => {
    return presentInvoiceCardPayment(await getInvoiceCardPayment(deps, requireTenantActor(request.actor), request.params.id, request.params.paymentId));
  });

  // Tests and browser tests run with the fake provider; its stand-in payment page exists only then.
  if (isFakePaymentProvider(deps.payments)) fakeCheckoutRoutes(app, deps.payments);

  // Stripe signs the exact bytes it sends, so this route alone keeps JSON bodies raw; the
  // plugin scope keeps the raw parser away from every other route.
  void app.register(async (scope) => {
    scope.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    scope.post('/api/webhooks/stripe', {
      config: { public: true },
      schema: { tags, summary: 'Stripe webhook (checkout.session and payment_intent events), verified by its signature', response: { 200: WebhookReceived } },
    }, async (request) => {
      if (!deps.payments) throw paymentsUnavailable();
      const signature = request.headers['stripe-signature'];
      const event = deps.payments.parseWebhook(request.body as Buffer, typeof signature === 'string' ? signature : '');
      const outcome = await handlePaymentEvent(deps, event);
      request.log.info({ outcome, providerPaymentId: event.providerPaymentId }, 'payment webhook');
      return { received: true as const };
    });
  });
}
