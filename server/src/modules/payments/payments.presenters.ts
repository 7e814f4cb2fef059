import type { CardPaymentRow } from './payments.repository.ts';

export function presentCardTopUp(payment: CardPaymentRow) {
  return {
    id: payment.id,
    status: payment.status,
    amountMinor: Number(payment.amount),
    currency: payment.currency,
    providerPaymentId: payment.provider_payment_id,
    createdAt: new Date(payment.created_at).toISOString(),
    updatedAt: new Date(payment.updated_at).toISOString(),
  };
}

export function presentInvoiceCardPayment(payment: CardPaymentRow) {
  return { ...presentCardTopUp(payment), invoiceId: payment.invoice_id! };
}
