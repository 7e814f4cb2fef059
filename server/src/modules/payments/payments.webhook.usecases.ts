// Applies what the payment provider reports. A success credits the wallet exactly once, in the
// same transaction that marks the payment succeeded; repeats, concurrent deliveries, the second
// event about the same success (Stripe sends checkout.session.completed and
// payment_intent.succeeded) and late failures change nothing after that. Each outcome is
// returned for the caller's log and tests.
import { inTenant } from '../../db/scope.ts';
import type { Deps } from '../../deps.ts';
import { createTransfer, systemAccount, transferId, walletOf } from '../ledger/ledger.usecases.ts';
import type { PaymentEvent } from './payments.provider.ts';
import * as repo from './payments.repository.ts';

export type PaymentEventOutcome = 'credited' | 'already_succeeded' | 'recorded' | 'amount_mismatch' | 'unknown_payment' | 'ignored';

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
    const transfer = await createTransfer(tx, tenantId, {
      id: transferId('card', event.providerPaymentId),
      debitAccountId: await systemAccount(tx, tenantId, 'card_clearing'),
      creditAccountId: (await walletOf(tx, tenantId, payment.person_id)).id,
      amount: event.amountMinor,
      code: 'top_up',
      reference: { type: 'card_payment', id: payment.id },
    }, now);
    await repo.setCardPaymentStatus(tx, tenantId, payment.id, 'succeeded', transfer.id, now);
    log.info({ amount: event.amountMinor }, 'card top-up credited');
    return 'credited';
  });
}
