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
}
