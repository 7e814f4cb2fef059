import { Type } from 'typebox';
import { Body, VatId } from '../../http/types.ts';

const text = (maxLength: number) => Type.String({ minLength: 1, maxLength });
const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);

// Lengths follow the Swiss QR-bill and EPC limits, so whatever is saved can be printed.
export const BankAccountInput = Body({
  iban: Type.String({ minLength: 15, maxLength: 42 }),
  qrIban: Type.Optional(Nullable(Type.String({ maxLength: 42 }))),
  bic: Type.Optional(Nullable(Type.String({ maxLength: 11 }))),
  creditorName: text(70),
  street: text(70),
  postalCode: text(16),
  city: text(35),
  country: Type.String({ pattern: '^[A-Z]{2}$' }),
  /** The manager's VAT identification number: with it, business customers' invoices carry a Factur-X e-invoice. */
  vatId: Type.Optional(Nullable(VatId)),
});

export const BankAccountOut = Type.Object({
  iban: Type.String(),
  qrIban: Nullable(Type.String()),
  bic: Nullable(Type.String()),
  creditorName: Type.String(),
  street: Type.String(),
  postalCode: Type.String(),
  city: Type.String(),
  country: Type.String(),
  vatId: Nullable(Type.String()),
});

export const BankDetailsOut = Type.Object({
  /** The account to transfer to: the QR-IBAN when the reference is a QR reference. */
  iban: Type.String(),
  bic: Nullable(Type.String()),
  creditor: Type.Object({ name: Type.String(), street: Type.String(), postalCode: Type.String(), city: Type.String(), country: Type.String() }),
  reference: Type.String(),
  referenceFormatted: Type.String(),
  referenceType: Type.Union([Type.Literal('rf'), Type.Literal('qr')]),
  currency: Type.String(),
  customerNumber: Type.String(),
});
