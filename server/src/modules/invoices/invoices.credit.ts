// Correcting an issued invoice: a credit note for all of it, with the staff's reason, numbered in
// the same gapless sequence. The ledger takes the amount back from the tenant's revenue into the
// resident's receivable; what had been paid on the invoice goes to the resident's wallet, so the
// receivable again shows only what is owed. Reminder fees the invoice carried are taken back too
// (revenue -> receivable): a corrected invoice owes nothing, fees included. The credited sessions
// stay on the invoice: they are not billed again.
import { randomUUID } from 'node:crypto';
import { nextCounter } from '../../db/counters.ts';
import type { Tx } from '../../db/scope.ts';
import type { TenantActor } from '../../http/actor.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { invoiceReferences } from '../banking/references.ts';
import { createTransfer, receivableOf, systemAccount, transferId, walletOf } from '../ledger/ledger.usecases.ts';
import { timeZoneOf } from '../tenancy/countries.ts';
import { invoiceNumber } from './invoices.amounts.ts';
import { alreadyCredited, invoiceNotFound } from './invoices.errors.ts';
import * as repo from './invoices.repository.ts';

export async function creditInvoice(tx: Tx, actor: TenantActor, input: { invoiceId: string; reason: string; now: Date }) {
  const tenantId = actor.tenantId;
  const invoice = await repo.lockInvoice(tx, tenantId, input.invoiceId);
  if (!invoice || invoice.kind !== 'invoice') throw invoiceNotFound();
  if (invoice.status === 'credited') throw alreadyCredited();
  const full = (await repo.findInvoice(tx, tenantId, invoice.id))!;
  const lines = await repo.linesOf(tx, tenantId, invoice.id);
  const context = await repo.billingContext(tx, tenantId);
  const receivable = (await receivableOf(tx, tenantId, invoice.person_id)).id;
  const revenue = await systemAccount(tx, tenantId, 'revenue');

  const year = Number(new Intl.DateTimeFormat('en-CA', { timeZone: timeZoneOf(context.country), year: 'numeric' }).format(input.now));
  const sequence = await nextCounter(tx, tenantId, `invoice:${year}`, 1);
  const id = randomUUID();
  const number = invoiceNumber(year, sequence);
  const transfer = await createTransfer(tx, tenantId, {
    id: transferId('credit-note', invoice.id), debitAccountId: revenue, creditAccountId: receivable, amount: invoice.gross_minor,
    code: 'usage', reference: { type: 'credit_note', id }, note: number,
  }, input.now);
  const references = invoiceReferences(context.shortCode, year, sequence);
  await repo.insertInvoice(tx, {
    tenantId, id, kind: 'credit_note', year, sequence, number, personId: invoice.person_id, runId: null, correctsId: invoice.id, reason: input.reason,
    buyer: full.buyer, language: full.language, currency: full.currency, pricesIncludeVat: full.prices_include_vat,
    netMinor: full.net_minor, vatMinor: full.vat_minor, grossMinor: full.gross_minor,
    reference: context.currency === 'CHF' && context.hasQrIban ? references.qr : references.rf,
    issuedAt: input.now, dueOn: input.now.toISOString().slice(0, 10), transferId: transfer.id,
  }, lines.map((l) => ({
    lineNo: l.line_no, description: l.description, quantity: l.quantity, unit: l.unit, netMinor: l.net_minor, vatRateBp: l.vat_rate_bp,
    vatMinor: l.vat_minor, grossMinor: l.gross_minor, sessionId: l.session_id,
  })));
  if (invoice.reminder_fees_minor > 0) {
    await createTransfer(tx, tenantId, {
      id: transferId('credit-note-reminder-fees', invoice.id), debitAccountId: revenue, creditAccountId: receivable, amount: invoice.reminder_fees_minor,
      code: 'fee', reference: { type: 'credit_note', id }, note: number,
    }, input.now);
  }
  // What was paid on it is the resident's again: to the wallet.
  if (invoice.paid_minor > 0) {
    await createTransfer(tx, tenantId, {
      id: transferId('credit-note-refund', invoice.id), debitAccountId: receivable, creditAccountId: (await walletOf(tx, tenantId, invoice.person_id)).id,
      amount: invoice.paid_minor, code: 'refund', reference: { type: 'credit_note', id }, note: number,
    }, input.now);
  }
  await repo.setPaid(tx, tenantId, invoice.id, invoice.paid_minor, 'credited');
  await recordAudit(tx, actor, { action: 'invoice.credited', entityType: 'invoice', entityId: invoice.id, after: { creditNote: number, reason: input.reason, amountMinor: invoice.gross_minor, reminderFeesMinor: invoice.reminder_fees_minor } });
  return (await repo.findInvoice(tx, tenantId, id))!;
}
