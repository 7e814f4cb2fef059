// Paying an invoice by card: the resident starts a payment of what is due on their own invoice now
// (reminder fees included), pays on the provider's hosted page and comes back to their invoices,
// where the portal follows the payment. The webhook (payments.webhook.usecases.ts) settles the
// invoice like a bank transfer does (invoices.payments.ts) and tops up the wallet with whatever
// was no longer due. Starting again with the same payment id resumes the same payment.
import { inTenant } from '../../db/scope.ts';
import type { Deps } from '../../deps.ts';
import type { TenantActor } from '../../http/actor.ts';
import { notOpen } from '../invoices/invoices.errors.ts';
import { invoiceToPay } from '../invoices/invoices.payments.ts';
import { cardPaymentNotFound, notAResident, paymentsUnavailable } from './payments.errors.ts';
import { cardPaymentPolicy } from './payments.policies.ts';
import * as repo from './payments.repository.ts';
import { invoicePaymentDescription } from './payments.texts.ts';
import { openCheckout } from './payments.usecases.ts';

/** Where the payment page sends the resident back: their invoices, following this payment. */
export const invoiceReturnPath = (invoiceId: string, paymentId: string) => `/invoices?invoice=${invoiceId}&payment=${paymentId}`;

export async function startInvoiceCardPayment(deps: Deps, actor: TenantActor, invoiceId: string, input: { paymentId: string }) {
  if (!deps.payments) throw paymentsUnavailable();
  if (!cardPaymentPolicy.start(actor)) throw notAResident();
  const { tenant, invoice, existing } = await inTenant(deps.db, actor.tenantId, async (tx) => ({
    tenant: await repo.tenantForPayment(tx, actor.tenantId),
    invoice: await invoiceToPay(tx, actor.tenantId, invoiceId, actor.personId!),
    existing: await repo.findCardPayment(tx, actor.tenantId, input.paymentId),
  }));
  // A repeat resumes the payment as it was started, even if something was paid since: the
  // webhook settles at most what is due and tops up the wallet with the rest.
  const resumed = existing?.invoice_id === invoice.id ? existing : undefined;
  if (!resumed && invoice.dueMinor <= 0) throw notOpen();
  const back = invoiceReturnPath(invoice.id, input.paymentId);
  return openCheckout(deps, actor, existing, {
    paymentId: input.paymentId, amountMinor: resumed ? Number(resumed.amount) : invoice.dueMinor, currency: tenant.currency, invoiceId: invoice.id,
    description: invoicePaymentDescription(actor.language, invoice.number, tenant.name), successPath: back, cancelPath: `${back}&canceled=1`,
  });
}

/** A card payment of one of the resident's invoices, polled by the portal after the payment page. */
export async function getInvoiceCardPayment(deps: Deps, actor: TenantActor, invoiceId: string, paymentId: string) {
  const payment = await inTenant(deps.db, actor.tenantId, (tx) => repo.findCardPayment(tx, actor.tenantId, paymentId));
  if (!payment || payment.invoice_id !== invoiceId || !cardPaymentPolicy.read(actor, payment.person_id)) throw cardPaymentNotFound();
  return payment;
}
