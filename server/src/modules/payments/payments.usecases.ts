// Card top-ups: a resident starts a payment for their own wallet, is sent to the provider's
// hosted payment page, comes back to /wallet/top-ups/<payment id>, and the portal polls the
// payment's status until the webhook has credited it (payments.webhook.usecases.ts). Starting is
// idempotent under the client-chosen payment id. `openCheckout` is shared with paying an invoice
// by card (payments.invoices.usecases.ts).
import type { Currency } from '../../db/schema.ts';
import { inTenant } from '../../db/scope.ts';
import type { Deps } from '../../deps.ts';
import type { TenantActor } from '../../http/actor.ts';
import { amountOutOfRange, cardPaymentNotFound, notAResident, paymentExpired, paymentIdReused, paymentsUnavailable } from './payments.errors.ts';
import { cardPaymentPolicy } from './payments.policies.ts';
import * as repo from './payments.repository.ts';
import { topUpDescription } from './payments.texts.ts';

/** Limits of one card top-up, in minor units of the tenant's currency (all have two decimals). */
export const CARD_TOP_UP_MIN = 500;
export const CARD_TOP_UP_MAX = 50_000;

export interface StartCardTopUp {
  amountMinor: number;
  paymentId: string;
}

const money = (minor: number, currency: Currency) => `${(minor / 100).toFixed(2)} ${currency}`;

export async function startCardTopUp(deps: Deps, actor: TenantActor, input: StartCardTopUp) {
  if (!deps.payments) throw paymentsUnavailable();
  if (!cardPaymentPolicy.start(actor)) throw notAResident();

  const { tenant, existing } = await inTenant(deps.db, actor.tenantId, async (tx) => ({
    tenant: await repo.tenantForPayment(tx, actor.tenantId),
    existing: await repo.findCardPayment(tx, actor.tenantId, input.paymentId),
  }));
  const { currency } = tenant;
  if (input.amountMinor < CARD_TOP_UP_MIN || input.amountMinor > CARD_TOP_UP_MAX) {
    throw amountOutOfRange(money(CARD_TOP_UP_MIN, currency), money(CARD_TOP_UP_MAX, currency));
  }
  const back = `/wallet/top-ups/${input.paymentId}`;
  return openCheckout(deps, actor, existing, {
    paymentId: input.paymentId, amountMinor: input.amountMinor, currency, invoiceId: null,
    description: topUpDescription(actor.language, tenant.name), successPath: back, cancelPath: `${back}?canceled=1`,
  });
}

export interface Checkout {
  paymentId: string;
  amountMinor: number;
  currency: Currency;
  /** The invoice paid; null for a top-up. */
  invoiceId: string | null;
  /** The line item, in the resident's language. */
  description: string;
  /** Where the payment page sends the resident back to, on the portal. */
  successPath: string;
  cancelPath: string;
}

/**
 * Opens the provider's payment page for a resident's payment, or resumes it when the payment id
 * was seen before (`existing`) with the same content; records the payment as `created`.
 */
export async function openCheckout(deps: Deps, actor: TenantActor, existing: repo.CardPaymentRow | undefined, checkout: Checkout) {
  const provider = deps.payments;
  if (!provider) throw paymentsUnavailable();
  const personId = actor.personId!;
  const sameRequest = (row: repo.CardPaymentRow) =>
    row.person_id === personId && Number(row.amount) === checkout.amountMinor && row.invoice_id === checkout.invoiceId;
  if (existing && !sameRequest(existing)) throw paymentIdReused();

  // The provider call stays outside any transaction (it is slow and may fail). It is safe to
  // make before our row exists: nobody can pay before receiving the payment page's address,
  // which is handed out only after the row below is committed.
  const created = await provider.createPayment({
    amountMinor: checkout.amountMinor, currency: checkout.currency, personId, tenantId: actor.tenantId, paymentId: checkout.paymentId,
    language: actor.language, description: checkout.description,
    successUrl: `${deps.config.publicUrl}${checkout.successPath}`, cancelUrl: `${deps.config.publicUrl}${checkout.cancelPath}`,
  });
  // The provider forgets repeats after a while (Stripe: 24 h) and would open a second payment.
  if (existing && existing.provider_payment_id !== created.providerPaymentId) throw paymentExpired();

  const payment = await inTenant(deps.db, actor.tenantId, async (tx) => {
    await repo.insertCardPayment(tx, {
      tenantId: actor.tenantId, id: checkout.paymentId, personId, amount: checkout.amountMinor, currency: checkout.currency,
      providerPaymentId: created.providerPaymentId, invoiceId: checkout.invoiceId,
    });
    return (await repo.findCardPayment(tx, actor.tenantId, checkout.paymentId))!;
  });
  // A concurrent start with the same id but other content won the insert.
  if (!sameRequest(payment) || payment.provider_payment_id !== created.providerPaymentId) throw paymentIdReused();
  return { payment, redirectUrl: created.redirectUrl };
}

export async function getCardTopUp(deps: Deps, actor: TenantActor, id: string) {
  const payment = await inTenant(deps.db, actor.tenantId, (tx) => repo.findCardPayment(tx, actor.tenantId, id));
  // Someone else's payment answers like a missing one: its existence is not the asker's business.
  if (!payment || payment.invoice_id !== null || !cardPaymentPolicy.read(actor, payment.person_id)) throw cardPaymentNotFound();
  return payment;
}
