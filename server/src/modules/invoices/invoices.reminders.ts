// Reminders (dunning): an unpaid invoice reaches the tenant's reminder levels one after another as
// the days after its due date pass. Reaching a level, in one transaction with the invoice locked:
// the reminder's row (unique per invoice and level), the level's fee booked from the resident's
// receivable to the tenant's revenue under an id derived from invoice and level, and the invoice's
// level and fees raised, so the fee is owed like the invoice and paid with it. Then each reminder
// is e-mailed with the invoice's PDF (showing what is due now) and marked delivered in a
// transaction of its own, like an invoice run's delivery.
import type { Deps } from '../../deps.ts';
import { forEachConcurrently } from '../../concurrently.ts';
import { inTenant } from '../../db/scope.ts';
import { createTransfer, receivableOf, systemAccount, transferId } from '../ledger/ledger.usecases.ts';
import { renderMail } from '../mail/mail.templates.ts';
import { timeZoneOf } from '../tenancy/countries.ts';
import { amountDue } from './invoices.amounts.ts';
import { RUN_CONCURRENCY } from './invoices.delivery.ts';
import { renderInvoicePdf } from './invoices.pdf.ts';
import { printingOf } from './invoices.portal.usecases.ts';
import { nextReminder } from './invoices.reminders.levels.ts';
import * as reminders from './invoices.reminders.repository.ts';
import * as repo from './invoices.repository.ts';
import { reminderLabel } from './invoices.texts.ts';

export interface DunningReport {
  /** Reminders sent now, per level (index 0: level 1), as many entries as the tenant has levels. */
  reminded: number[];
  /** Fees those reminders added. */
  feesMinor: number;
  emailed: number;
  /** Residents without an e-mail address: the manager posts these. */
  withoutEmail: number;
}

/** The day in the tenant's time zone, as YYYY-MM-DD. */
const dayIn = (at: Date, zone: string) => new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);

/**
 * Raises every open invoice of the tenant that is due for it by one reminder level, then sends
 * the reminders. Run again (or twice at once) it raises nothing twice: each invoice is raised only
 * from the level it was seen at, under its row lock.
 */
export async function runDunning(deps: Pick<Deps, 'db' | 'mailer' | 'config'>, tenantId: string, now: Date): Promise<DunningReport> {
  const { levels, zone, today, candidates } = await inTenant(deps.db, tenantId, async (tx) => {
    const levels = await reminders.readReminderLevels(tx, tenantId);
    const zone = timeZoneOf((await repo.billingContext(tx, tenantId)).country);
    const today = dayIn(now, zone);
    // Due at least the first level's days ago: nothing younger can be due for a reminder.
    const dueBy = levels[0] ? new Date(Date.parse(`${today}T00:00:00Z`) - levels[0].days * 86_400_000).toISOString().slice(0, 10) : null;
    return { levels, zone, today, candidates: dueBy ? await reminders.remindable(tx, tenantId, levels.length, dueBy) : [] };
  });
  const report: DunningReport = { reminded: levels.map(() => 0), feesMinor: 0, emailed: 0, withoutEmail: 0 };

  await forEachConcurrently(candidates, RUN_CONCURRENCY, async (candidate) => {
    const next = nextReminder(levels, candidate, candidate.last_reminded_at ? dayIn(new Date(candidate.last_reminded_at), zone) : null, today);
    if (!next) return;
    const raised = await inTenant(deps.db, tenantId, async (tx) => {
      const invoice = await repo.lockInvoice(tx, tenantId, candidate.id);
      // Another run raised it since we looked, or a payment or credit note settled it.
      if (!invoice || invoice.reminder_level !== candidate.reminder_level || amountDue(invoice) <= 0) return false;
      const fee = next.feeMinor > 0 ? await createTransfer(tx, tenantId, {
        id: transferId('reminder-fee', `${invoice.id}:${next.level}`), debitAccountId: (await receivableOf(tx, tenantId, invoice.person_id)).id,
        creditAccountId: await systemAccount(tx, tenantId, 'revenue'), amount: next.feeMinor, code: 'fee',
        reference: { type: 'invoice', id: invoice.id }, note: `${invoice.number} #${next.level}`,
      }, now) : null;
      await reminders.insertReminder(tx, tenantId, { invoiceId: invoice.id, level: next.level, days: next.days, feeMinor: next.feeMinor, transferId: fee?.id ?? null, at: now });
      await reminders.raiseReminderLevel(tx, tenantId, invoice.id, next.level, invoice.reminder_fees_minor + next.feeMinor);
      return true;
    });
    if (!raised) return;
    report.reminded[next.level - 1]! += 1;
    report.feesMinor += next.feeMinor;
  });

  const delivered = await deliverReminders(deps, tenantId, now);
  return { ...report, ...delivered };
}

/**
 * Sends the reminders not sent yet: the invoice's PDF as it stands (with the fees and what is due
 * now) in the invoice's language. A run takes each reminder before sending it, so two runs at once
 * send it once; one that died while sending leaves it to a later run. A reminder overtaken by a
 * payment, a credit note or a higher level before its mail went out is not sent.
 */
export async function deliverReminders(deps: Pick<Deps, 'db' | 'mailer' | 'config'>, tenantId: string, now: Date): Promise<{ emailed: number; withoutEmail: number }> {
  const pending = await inTenant(deps.db, tenantId, (tx) => reminders.undeliveredReminders(tx, tenantId));
  const report = { emailed: 0, withoutEmail: 0 };
  await forEachConcurrently(pending, RUN_CONCURRENCY, async (reminder) => {
    const key = { invoiceId: reminder.invoice_id, level: reminder.level };
    const taken = await inTenant(deps.db, tenantId, async (tx) => {
      if (!await reminders.claimReminder(tx, tenantId, key, now)) return null;
      const invoice = (await repo.findInvoice(tx, tenantId, reminder.invoice_id))!;
      const current = amountDue(invoice) > 0 && invoice.reminder_level === reminder.level;
      return { invoice, email: current ? await repo.emailOf(tx, tenantId, invoice.person_id) : undefined, printing: current ? await printingOf(tx, tenantId, invoice) : null };
    });
    // Another run (on this node or another) is sending it.
    if (!taken) return;
    const { invoice, email, printing } = taken;
    if (!printing) {
      await inTenant(deps.db, tenantId, (tx) => reminders.markReminderDelivered(tx, tenantId, key, 'cancelled', now));
      return;
    }
    if (email) {
      const pdf = await renderInvoicePdf(invoice, printing.lines, printing.payment, printing.creditor, printing.seller);
      const money = (minor: number) => new Intl.NumberFormat(invoice.language, { style: 'currency', currency: invoice.currency }).format(minor / 100);
      const mail = renderMail(email, invoice.language, 'invoiceReminder', {
        name: invoice.buyer.name, number: invoice.number, manager: printing.creditor, level: reminderLabel(invoice.language, reminder.level)!,
        due: new Intl.DateTimeFormat(invoice.language, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${invoice.due_on}T00:00:00Z`)),
        total: money(invoice.gross_minor), fees: money(invoice.reminder_fees_minor), paid: money(invoice.paid_minor), amount: money(amountDue(invoice)),
        reference: printing.payment?.referenceFormatted ?? invoice.reference, url: `${deps.config.publicUrl}/invoices/${invoice.id}`,
      });
      await deps.mailer.send({ ...mail, attachments: [{ filename: `invoice-${invoice.number}.pdf`, contentType: 'application/pdf', content: pdf }] });
      report.emailed += 1;
    } else {
      report.withoutEmail += 1;
    }
    await inTenant(deps.db, tenantId, (tx) => reminders.markReminderDelivered(tx, tenantId, key, email ? 'emailed' : 'none', now));
  });
  return report;
}

