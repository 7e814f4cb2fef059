// What Concierge needs from an online payment provider: start a payment the resident completes
// in the browser, and turn the provider's signed notifications into events we can trust.
import type { Currency } from '../../db/schema.ts';

export interface CreatePaymentInput {
  amountMinor: number;
  currency: Currency;
  personId: string;
  tenantId: string;
  /** Our id of the payment (client-chosen). The provider must treat a repeat as the same payment. */
  paymentId: string;
  description: string;
  /** Where the payment page sends the resident back (for redirect-style providers). */
  returnUrl: string;
}

export interface CreatedPayment {
  providerPaymentId: string;
  /** For providers whose payment form runs in the portal (Stripe Elements). */
  clientSecret: string | null;
  /** For providers with a hosted payment page. */
  redirectUrl: string | null;
}

/** What the metadata of a payment carries, so a notification finds its way back to us. */
export interface PaymentMetadata {
  tenantId?: string;
  personId?: string;
  paymentId?: string;
}

export interface PaymentEvent {
  type: 'succeeded' | 'failed' | 'canceled' | 'ignored';
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
