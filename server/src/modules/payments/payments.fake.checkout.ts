// The fake provider's stand-in for Stripe's hosted payment page, so the portal's redirect flow
// runs end to end without Stripe: the resident sees what they pay for and either "pays" (is sent
// to the success address) or cancels. It exists only when the fake provider is configured.
import { Type } from 'typebox';
import type { Language } from '../../db/schema.ts';
import type { App } from '../../http/types.ts';
import { cardPaymentNotFound } from './payments.errors.ts';
import { fakeCheckoutPath, type FakePaymentProvider } from './payments.fake.ts';

const TEXTS: Record<Language, { title: string; notice: string; pay: (amount: string) => string; cancel: string }> = {
  de: { title: 'Testzahlung', notice: 'Diese Seite steht für die Zahlungsseite des Zahlungsanbieters. Es fließt kein Geld.', pay: (a) => `${a} bezahlen`, cancel: 'Abbrechen und zurück' },
  fr: { title: 'Paiement de test', notice: 'Cette page remplace celle du prestataire de paiement. Aucun argent n’est débité.', pay: (a) => `Payer ${a}`, cancel: 'Annuler et revenir' },
  nl: { title: 'Testbetaling', notice: 'Deze pagina vervangt die van de betaaldienst. Er wordt geen geld overgemaakt.', pay: (a) => `${a} betalen`, cancel: 'Annuleren en teruggaan' },
  pl: { title: 'Płatność testowa', notice: 'Ta strona zastępuje stronę operatora płatności. Żadne pieniądze nie są pobierane.', pay: (a) => `Zapłać ${a}`, cancel: 'Anuluj i wróć' },
  en: { title: 'Test payment', notice: 'This page stands in for the payment provider’s page. No money moves.', pay: (a) => `Pay ${a}`, cancel: 'Cancel and go back' },
};

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

// Served by the product itself, the page sends the browser back on the origin it came from:
// PUBLIC_URL may name another address than the one in use (tests listen on a random port).
const samePlace = (url: string) => { const u = new URL(url); return u.pathname + u.search; };

export function fakeCheckoutRoutes(app: App, provider: FakePaymentProvider): void {
  app.get(fakeCheckoutPath(':sessionId'), {
    schema: { hide: true, params: Type.Object({ sessionId: Type.String({ pattern: '^cs_fake_[0-9a-f]{40}$' }) }, { additionalProperties: false }) },
  }, async (request, reply) => {
    const session = provider.session(request.params.sessionId);
    if (!session) throw cardPaymentNotFound();
    const t = TEXTS[session.language];
    const amount = new Intl.NumberFormat(session.language, { style: 'currency', currency: session.currency }).format(session.amountMinor / 100);
    const link = 'display:block;margin:12px 0;padding:12px;border-radius:6px;text-align:center;text-decoration:none';
    return reply.type('text/html; charset=utf-8').send(`<!doctype html>
<html lang="${session.language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escape(t.title)}</title></head>
<body style="font-family:sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem">
<h1>${escape(t.title)}</h1>
<p>${escape(t.notice)}</p>
<p><strong>${escape(session.description)}</strong><br>${escape(amount)}</p>
<a style="${link};background:#228be6;color:#fff" href="${escape(samePlace(session.successUrl))}">${escape(t.pay(amount))}</a>
<a style="${link};color:#228be6" href="${escape(samePlace(session.cancelUrl))}">${escape(t.cancel)}</a>
</body></html>`);
  });
}
