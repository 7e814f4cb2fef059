// What the banking endpoints return (server/src/modules/banking/banking.routes.ts).
export interface BankDetails {
  iban: string;
  bic: string | null;
  creditor: { name: string; street: string; postalCode: string; city: string; country: string };
  reference: string;
  referenceFormatted: string;
  referenceType: 'rf' | 'qr';
  currency: string;
  customerNumber: string;
}

export interface BankAccount {
  iban: string;
  qrIban: string | null;
  bic: string | null;
  creditorName: string;
  street: string;
  postalCode: string;
  city: string;
  country: string;
  /** The manager's own VAT identification number; with it, business customers' invoices carry a Factur-X e-invoice. */
  vatId: string | null;
}
