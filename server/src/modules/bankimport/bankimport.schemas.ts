import { Type } from 'typebox';
import { Body, Uuid } from '../../http/types.ts';

export const UploadQuery = Type.Object({
  fileName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
}, { additionalProperties: false });

/** The file as sent (application/xml or text/xml). */
export const StatementXml = Type.String({ minLength: 1 });

export const EntryStatus = Type.Union([Type.Literal('matched'), Type.Literal('review'), Type.Literal('assigned'), Type.Literal('returned')]);

export const EntriesQuery = Type.Object({
  status: Type.Optional(EntryStatus),
  statementId: Type.Optional(Uuid),
}, { additionalProperties: false });

export const AssignInput = Body({ personId: Uuid });
export const ReturnInput = Body({ reason: Type.String({ minLength: 1, maxLength: 500 }) });

export const ImportReportOut = Type.Object({
  statementId: Type.String(),
  format: Type.String(),
  messageId: Type.String(),
  alreadyImported: Type.Boolean(),
  newEntries: Type.Integer(),
  matched: Type.Integer(),
  toReview: Type.Integer(),
  duplicatesSkipped: Type.Integer(),
  ignored: Type.Integer(),
  credited: Type.Record(Type.String(), Type.Integer(), { description: 'minor units credited to wallets, per currency' }),
  fees: Type.Array(Type.Object({
    feeId: Type.String(),
    reference: Type.String(),
    outcome: Type.Union([Type.Literal('paid'), Type.Literal('underpaid'), Type.Literal('not_open')]),
    currency: Type.String(),
    receivedMinor: Type.Integer(),
    feeMinor: Type.Integer(),
    toWalletMinor: Type.Integer({ description: 'the excess, or all of it when the fee was not paid' }),
  }), { description: 'credits that quoted a fee\'s reference' }),
  invoices: Type.Array(Type.Object({
    invoiceId: Type.String(),
    number: Type.String(),
    outcome: Type.Union([Type.Literal('paid'), Type.Literal('partly_paid'), Type.Literal('not_open')]),
    currency: Type.String(),
    receivedMinor: Type.Integer(),
    dueMinor: Type.Integer({ description: 'still due on the invoice after this credit' }),
    toWalletMinor: Type.Integer({ description: 'the excess over what was due, credited to the payer\'s wallet' }),
  }), { description: 'credits that quoted an invoice\'s reference' }),
});

export const StatementOut = Type.Object({
  id: Type.String(),
  fileName: Type.String(),
  format: Type.String(),
  messageId: Type.String(),
  importedBy: Type.String(),
  importedAt: Type.String(),
  credits: Type.Integer(),
  newEntries: Type.Integer(),
  matched: Type.Integer(),
  toReview: Type.Integer(),
  duplicatesSkipped: Type.Integer(),
  ignored: Type.Integer(),
});

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const EntryOut = Type.Object({
  id: Type.String(),
  statementId: Type.String(),
  amount: Type.Integer({ description: 'minor units' }),
  currency: Type.String(),
  bookedOn: Type.String(),
  reference: Nullable(Type.String()),
  freeText: Nullable(Type.String()),
  debtorName: Nullable(Type.String()),
  debtorIban: Nullable(Type.String()),
  status: EntryStatus,
  matchedBy: Nullable(Type.String()),
  reviewReason: Nullable(Type.String()),
  person: Nullable(Type.Object({ id: Type.String(), customerNumber: Type.String(), name: Type.String() })),
  transferId: Nullable(Type.String()),
  returnReason: Nullable(Type.String()),
  decidedAt: Nullable(Type.String()),
});
