import { Type } from 'typebox';
import { Body, Uuid } from '../../http/types.ts';

export const CardTopUpInput = Body({
  /** Minor units of the tenant's currency; the allowed range is checked by the use case. */
  amountMinor: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
  /** Chosen by the client; repeating the request with it resumes the same payment. */
  paymentId: Uuid,
});

const status = Type.Union([Type.Literal('created'), Type.Literal('succeeded'), Type.Literal('failed'), Type.Literal('canceled')]);

export const CardTopUpOut = Type.Object({
  id: Type.String(),
  status,
  amountMinor: Type.Integer(),
  currency: Type.String(),
  providerPaymentId: Type.String(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const CardTopUpStarted = Type.Object({
  ...CardTopUpOut.properties,
  /** The provider's hosted payment page; the portal sends the browser there. */
  redirectUrl: Type.String(),
});

export const InvoiceCardPaymentInput = Body({
  /** Chosen by the client; repeating the request with it resumes the same payment. */
  paymentId: Uuid,
});

export const InvoiceCardPaymentParams = Type.Object({ id: Uuid, paymentId: Uuid }, { additionalProperties: false });

export const InvoiceCardPaymentOut = Type.Object({
  ...CardTopUpOut.properties,
  /** The invoice it pays. */
  invoiceId: Type.String(),
});

export const InvoiceCardPaymentStarted = Type.Object({
  ...InvoiceCardPaymentOut.properties,
  /** The provider's hosted payment page; the portal sends the browser there. */
  redirectUrl: Type.String(),
});

export const WebhookReceived = Type.Object({ received: Type.Literal(true) });
