import type { Static } from 'typebox';
import type { InvoiceLine } from '../../db/schema.ts';
import { formatReference } from '../banking/references.ts';
import { amountDue, vatSummary } from './invoices.amounts.ts';
import type { PrintedInvoice } from './invoices.pdf.ts';
import type { PaymentRow } from './invoices.repository.ts';
import type { InvoiceDetailOut, InvoiceOut, PaymentOut } from './invoices.schemas.ts';

export function presentInvoice(i: PrintedInvoice, today: string): Static<typeof InvoiceOut> {
  const due = amountDue(i);
  return {
    id: i.id, kind: i.kind, correctsId: i.corrects_id, reason: i.reason, number: i.number, personId: i.person_id, customerNumber: i.buyer.customerNumber, name: i.buyer.name,
    currency: i.currency, netMinor: i.net_minor, vatMinor: i.vat_minor, grossMinor: i.gross_minor, paidMinor: i.paid_minor, amountDueMinor: due,
    status: i.status, overdue: due > 0 && i.status === 'open' && i.due_on < today,
    reference: i.reference, referenceFormatted: formatReference(i.reference), issuedAt: new Date(i.issued_at).toISOString(), dueOn: i.due_on,
    reminderLevel: i.reminder_level, reminderFeesMinor: i.reminder_fees_minor,
  };
}

export function presentInvoiceDetail(i: PrintedInvoice, lines: InvoiceLine[], correction: { id: string; number: string } | null,
  reminders: Array<{ level: number; reminded_at: Date; fee_minor: number }>, eInvoice: boolean, today: string): Static<typeof InvoiceDetailOut> {
  const amounts = lines.map((l) => ({ vatRateBp: l.vat_rate_bp, netMinor: l.net_minor, vatMinor: l.vat_minor, grossMinor: l.gross_minor }));
  return {
    ...presentInvoice(i, today), pricesIncludeVat: i.prices_include_vat, language: i.language,
    buyerCompany: i.buyer.company ?? null, buyerVatId: i.buyer.vatId ?? null, eInvoice,
    lines: lines.map((l) => ({ lineNo: l.line_no, description: l.description, quantity: l.quantity, unit: l.unit, netMinor: l.net_minor, vatRateBp: l.vat_rate_bp, vatMinor: l.vat_minor, grossMinor: l.gross_minor })),
    vat: vatSummary(amounts),
    corrects: i.kind === 'credit_note' ? correction : null,
    creditNote: i.kind === 'invoice' ? correction : null,
    reminders: reminders.map((r) => ({ level: r.level, remindedAt: new Date(r.reminded_at).toISOString(), feeMinor: r.fee_minor })),
  };
}

export function presentPayment(p: PaymentRow): Static<typeof PaymentOut> {
  return { id: p.transfer_id, paidAt: new Date(p.paid_at).toISOString(), amountMinor: p.amount_minor, currency: p.currency, via: p.via, invoiceId: p.invoice_id, invoiceNumber: p.number };
}
