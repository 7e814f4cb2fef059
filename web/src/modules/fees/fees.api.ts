// What the fee endpoints return (server/src/modules/fees/fees.schemas.ts).
export type FeeStatus = 'open' | 'paid' | 'cancelled';

export interface FeeItem { description: string; amountMinor: number }

export interface Fee {
  id: string;
  number: number;
  personId: string;
  customerNumber: string;
  name: string;
  currency: string;
  amountMinor: number;
  items: FeeItem[];
  subject: { type: string; id: string } | null;
  reference: string;
  referenceFormatted: string;
  status: FeeStatus;
  paidVia: 'wallet' | 'bank' | null;
  paidAt: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  createdAt: string;
}

export const feeStatusColor: Record<FeeStatus, string> = { open: 'orange', paid: 'green', cancelled: 'gray' };

/** "Badge, Shipping": what a fee is for, in one line. */
export const feeItemsText = (fee: Fee) => fee.items.map((i) => i.description).join(', ');
