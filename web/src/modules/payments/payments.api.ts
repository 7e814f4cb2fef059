// What the card top-up endpoints return (server/src/modules/payments/payments.routes.ts).
export interface CardTopUp {
  id: string;
  status: 'created' | 'succeeded' | 'failed' | 'canceled';
  amountMinor: number;
  currency: string;
  providerPaymentId: string;
  createdAt: string;
  updatedAt: string;
}

export interface CardTopUpStarted extends CardTopUp {
  /** The provider's hosted payment page, where the browser goes next. */
  redirectUrl: string;
}

/** The server's limits for one card top-up (payments.usecases.ts), shown as a hint. */
export const CARD_TOP_UP_MIN = 500;
export const CARD_TOP_UP_MAX = 50_000;
export const QUICK_AMOUNTS = [1000, 2000, 5000];
