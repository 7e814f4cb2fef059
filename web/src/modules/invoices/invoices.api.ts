// What the invoice endpoints return (server/src/modules/invoices/invoices.schemas.ts).
export type InvoiceStatus = 'open' | 'paid' | 'credited';

export interface Invoice {
  id: string;
  kind: 'invoice' | 'credit_note';
  correctsId: string | null;
  reason: string | null;
  number: string;
  personId: string;
  customerNumber: string;
  name: string;
  currency: string;
  netMinor: number;
  vatMinor: number;
  grossMinor: number;
  paidMinor: number;
  amountDueMinor: number;
  status: InvoiceStatus;
  overdue: boolean;
  reference: string;
  referenceFormatted: string;
  issuedAt: string;
  dueOn: string;
  /** The highest reminder sent (0: none). */
  reminderLevel: number;
  /** Fees the reminders added; included in amountDueMinor. */
  reminderFeesMinor: number;
}

export interface InvoiceLine {
  lineNo: number;
  description: string;
  quantity: string;
  unit: 'kWh' | 'min' | 'impulse' | 'piece';
  netMinor: number;
  vatRateBp: number;
  vatMinor: number;
  grossMinor: number;
}

export interface InvoiceDetail extends Invoice {
  pricesIncludeVat: boolean;
  language: string;
  lines: InvoiceLine[];
  vat: { vatRateBp: number; netMinor: number; vatMinor: number; grossMinor: number }[];
  corrects: { id: string; number: string } | null;
  creditNote: { id: string; number: string } | null;
  reminders: { level: number; remindedAt: string; feeMinor: number }[];
  /** A business customer's company and VAT ID, as the invoice names them. */
  buyerCompany: string | null;
  buyerVatId: string | null;
  /** The PDF carries a Factur-X / ZUGFeRD XML (EN 16931). */
  eInvoice: boolean;
}

export const pdfUrl = (invoice: Pick<Invoice, 'id'>) => `/api/invoices/${invoice.id}/pdf`;

export interface InvoicePayment {
  id: string;
  paidAt: string;
  amountMinor: number;
  currency: string;
  via: 'bank_transfer' | 'balance' | 'card';
  invoiceId: string;
  invoiceNumber: string;
}

/** A card payment of an invoice (server/src/modules/payments/payments.routes.ts). */
export interface InvoiceCardPayment {
  id: string;
  invoiceId: string;
  status: 'created' | 'succeeded' | 'failed' | 'canceled';
  amountMinor: number;
  currency: string;
}

export interface InvoiceCardPaymentStarted extends InvoiceCardPayment {
  /** The provider's hosted payment page, where the browser goes next. */
  redirectUrl: string;
}
