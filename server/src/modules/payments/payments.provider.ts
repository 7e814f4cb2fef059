// What Concierge needs from an online payment provider: start a payment on the provider's hosted
// payment page (the portal only redirects there and loads nothing of the provider's), and turn
// the provider's signed notifications into events we can trust.
import type { Currency, Language } from '../../db/schema.ts';

export interface CreatePaymentInput {
  amountMinor: number;
  currency: Currency;
  personId: string;
  tenantId: string;
  /** Our id of the payment (client-chosen). The provider must treat a repeat as the same payment. */
  paymentId: string;
  /** The resident's language: the payment page is shown in it. */
  language: Language;
  /** What the resident pays for, in their language, as the payment page shows it. */
  description: string;
  /** Where the payment page sends the resident after paying, and after giving up. */
  successUrl: string;
  cancelUrl: string;
}

export interface CreatedPayment {
  /** The provider's id of what was started (Stripe: the Checkout Session). */
  providerPaymentId: string;
  /** The hosted payment page the portal sends the resident to. */
  redirectUrl: string;
}

/** What the metadata of a payment carries, so a notification finds its way back to us. */
export interface PaymentMetadata {
  tenantId?: string;
  personId?: string;
  paymentId?: string;
}

export interface PaymentEvent {
  /** `failed` and `canceled` are final outcomes; a declined attempt the resident may retry is `ignored`. */
  type: 'succeeded' | 'failed' | 'canceled' | 'ignored';
  /**
   * The provider's id of the money movement (Stripe: the PaymentIntent). Every event about one
   * payment names the same one, so the credit's ledger transfer id derives from it.
   */
  providerPaymentId: string;
  /** For `succeeded`: what the provider reports as received. */
  amountMinor: number;
  currency: string;
  metadata: PaymentMetadata;
}

export interface PaymentProvider {
  createPayment(input: CreatePaymentInput): Promise<CreatedPayment>;
  /** Verifies the signature over the raw body; throws `payments.bad_signature` when it does not match. */
  parseWebhook(rawBody: Buffer, signatureHeader: string): PaymentEvent;
}
