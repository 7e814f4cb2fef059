// Applies what the payment provider reports. A success credits the wallet exactly once, in the
// same transaction that marks the payment succeeded; a payment for an invoice settles the invoice
// instead, as a bank transfer does (at most what is due), and credits the rest to the wallet.
// Repeats, concurrent deliveries, the second event about the same success (Stripe sends
// checkout.session.completed and payment_intent.succeeded) and late failures change nothing after
// that. Each outcome is
// returned for the caller's log and tests.
import { inTenant } from '../../db/scope.ts';
import type { Deps } from '../../deps.ts';
import { payInvoiceByCard } from '../invoices/invoices.payments.ts';
import { createTransfer, systemAccount, transferId, walletOf } from '../ledger/ledger.usecases.ts';
import type { PaymentEvent } from './payments.provider.ts';
import * as repo from './payments.repository.ts';

export type PaymentEventOutcome = 'credited' | 'invoice_paid' | 'already_succeeded' | 'recorded' | 'amount_mismatch' | 'unknown_payment' | 'ignored';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function handlePaymentEvent(deps: Deps, event: PaymentEvent): Promise<PaymentEventOutcome> {
  const tenantId = event.metadata.tenantId;
  // Events of other integrations on the same provider account carry no tenant of ours.
  if (event.type === 'ignored' || !tenantId || !UUID.test(tenantId)) return 'ignored';
  const paymentId = event.metadata.paymentId;
  const log = deps.log.child({ providerPaymentId: event.providerPaymentId, tenantId, paymentId, event: event.type });
  if (!paymentId || !UUID.test(paymentId)) {
    log.error({ code: 'payments.unknown_payment' }, 'payment event without our payment id');
    return 'unknown_payment';
  }

  return inTenant(deps.db, tenantId, async (tx) => {
    // Found by our own id from the metadata: the provider's ids differ between the events of
    // one payment (Checkout Session, PaymentIntent), ours is on all of them.
    const payment = await repo.lockCardPayment(tx, tenantId, paymentId);
    if (!payment) {
      log.error({ code: 'payments.unknown_payment' }, 'payment event for a payment we do not know');
      return 'unknown_payment';
    }
    // A success is final: neither a repeat nor a late failure may touch it again.
    if (payment.status === 'succeeded') return 'already_succeeded';
    const now = deps.clock.now();
    if (event.type !== 'succeeded') {
      // A failure or cancellation is recorded, but a later success still credits.
      const status = event.type === 'failed' ? 'failed' : 'canceled';
      if (payment.status !== status) await repo.setCardPaymentStatus(tx, tenantId, payment.id, status, null, now);
      return 'recorded';
    }
    // Credit what the provider actually received, and only when it is what was asked for.
    if (event.amountMinor !== Number(payment.amount) || event.currency !== payment.currency) {
      log.error({ code: 'payments.amount_mismatch', expected: { amount: Number(payment.amount), currency: payment.currency },
        received: { amount: event.amountMinor, currency: event.currency } }, 'card payment amount mismatch, not credited');
      return 'amount_mismatch';
    }
    // An invoice takes what is still due on it (a bank transfer may have paid part since the
    // payment started); the rest, or all of a top-up, goes to the wallet.
    const settled = payment.invoice_id
      ? await payInvoiceByCard(tx, tenantId, payment.invoice_id, { id: payment.id, providerPaymentId: event.providerPaymentId, amountMinor: event.amountMinor }, now)
      : null;
    const toWallet = settled ? settled.remainderMinor : event.amountMinor;
    const topUp = toWallet > 0 ? await createTransfer(tx, tenantId, {
      id: transferId('card', event.providerPaymentId),
      debitAccountId: await systemAccount(tx, tenantId, 'card_clearing'),
      creditAccountId: (await walletOf(tx, tenantId, payment.person_id)).id,
      amount: toWallet,
      code: 'top_up',
      reference: { type: 'card_payment', id: payment.id },
    }, now) : null;
    await repo.setCardPaymentStatus(tx, tenantId, payment.id, 'succeeded', settled?.transfer?.id ?? topUp!.id, now);
    if (!settled) {
      log.info({ amount: event.amountMinor }, 'card top-up credited');
      return 'credited';
    }
    log.info({ amount: event.amountMinor, invoiceId: payment.invoice_id, outcome: settled.outcome, toWallet }, 'invoice paid by card');
    return 'invoice_paid';
  });
}
