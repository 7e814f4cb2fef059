import { Type } from 'typebox';
import { Body, Uuid } from '../../http/types.ts';

export const InvoiceStatus = Type.Union([Type.Literal('open'), Type.Literal('paid'), Type.Literal('credited')]);

export const OwnInvoicesQuery = Type.Object({
  archive: Type.Optional(Type.Boolean({ description: 'true: the invoices older than 12 months instead of the recent ones' })),
}, { additionalProperties: false });

export const InvoiceListQuery = Type.Object({
  personId: Type.Optional(Uuid),
  status: Type.Optional(InvoiceStatus),
  runId: Type.Optional(Uuid),
}, { additionalProperties: false });

export const CreditNoteInput = Body({ reason: Type.String({ minLength: 3, maxLength: 300 }) });

export const InvoiceOut = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal('invoice'), Type.Literal('credit_note')]),
  correctsId: Type.Union([Type.String(), Type.Null()], { description: 'a credit note: the invoice it corrects' }),
  reason: Type.Union([Type.String(), Type.Null()], { description: 'a credit note: why' }),
  number: Type.String({ description: 'gapless per tenant and year, e.g. 2026-000042' }),
  personId: Type.String(),
  customerNumber: Type.String(),
  name: Type.String({ description: 'the buyer as printed on the invoice' }),
  currency: Type.String(),
  netMinor: Type.Integer(),
  vatMinor: Type.Integer(),
  grossMinor: Type.Integer(),
  paidMinor: Type.Integer(),
  amountDueMinor: Type.Integer(),
  status: InvoiceStatus,
  overdue: Type.Boolean({ description: 'open and past its due date' }),
  reference: Type.String({ description: 'the structured payment reference for a bank transfer' }),
  referenceFormatted: Type.String(),
  issuedAt: Type.String({ format: 'date-time' }),
  dueOn: Type.String({ format: 'date' }),
  reminderLevel: Type.Integer({ description: 'the highest reminder sent for it (0: none yet)' }),
  reminderFeesMinor: Type.Integer({ description: 'fees its reminders added; included in amountDueMinor' }),
});

const DocumentRef = Type.Object({ id: Type.String(), number: Type.String() });

export const InvoiceDetailOut = Type.Intersect([InvoiceOut, Type.Object({
  pricesIncludeVat: Type.Boolean(),
  language: Type.String(),
  /** A business customer's company and VAT ID, as issued. */
  buyerCompany: Type.Union([Type.String(), Type.Null()]),
  buyerVatId: Type.Union([Type.String(), Type.Null()]),
  eInvoice: Type.Boolean({ description: 'the PDF carries a Factur-X / ZUGFeRD XML (EN 16931)' }),
  lines: Type.Array(Type.Object({
    lineNo: Type.Integer(),
    description: Type.String(),
    quantity: Type.String({ description: 'decimal, in the unit' }),
    unit: Type.String(),
    netMinor: Type.Integer(),
    vatRateBp: Type.Integer({ description: 'basis points: 2000 = 20 %' }),
    vatMinor: Type.Integer(),
    grossMinor: Type.Integer(),
  })),
  vat: Type.Array(Type.Object({ vatRateBp: Type.Integer(), netMinor: Type.Integer(), vatMinor: Type.Integer(), grossMinor: Type.Integer() })),
  corrects: Type.Union([DocumentRef, Type.Null()], { description: 'a credit note: the invoice it corrects' }),
  creditNote: Type.Union([DocumentRef, Type.Null()], { description: 'an invoice: the credit note that corrected it' }),
  reminders: Type.Array(Type.Object({ level: Type.Integer(), remindedAt: Type.String({ format: 'date-time' }), feeMinor: Type.Integer() }), { description: 'the reminders sent for it, first first' }),
})]);

export const PaymentOut = Type.Object({
  id: Type.String(),
  paidAt: Type.String({ format: 'date-time' }),
  amountMinor: Type.Integer(),
  currency: Type.String(),
  via: Type.Union([Type.Literal('bank_transfer'), Type.Literal('balance'), Type.Literal('card')]),
  invoiceId: Type.String(),
  invoiceNumber: Type.String(),
});

export const ReminderLevels = Body({
  levels: Type.Array(Body({
    days: Type.Integer({ minimum: 1, maximum: 365, description: 'days after the due date' }),
    feeMinor: Type.Integer({ minimum: 0, maximum: 100_000, description: 'added to what the invoice owes, in the tenant\'s currency' }),
  }), { maxItems: 5, description: 'days strictly increasing; none: no reminders' }),
});
