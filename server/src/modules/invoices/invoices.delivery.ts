// Delivering a run's invoices: each resident with an e-mail address gets their invoice as a PDF
// attachment, in the invoice's language; the others are marked for the manager to post. A run
// takes each invoice before sending it (`sending_since`, a lease), so two runs of the same period
// at once send it once; it is marked in its own transaction after its mail was handed over, so a
// delivery interrupted and run again sends only what is left (a mail may go twice if the process
// dies between the two and the lease has run out, never not at all).
import type { Deps } from '../../deps.ts';
import type { PdfPool } from '../../pdf/pool.ts';
import { forEachConcurrently } from '../../concurrently.ts';
import { inTenant } from '../../db/scope.ts';
import { renderMail } from '../mail/mail.templates.ts';
import { renderInvoicePdf } from './invoices.pdf.ts';
import { printingOf } from './invoices.portal.usecases.ts';
import * as repo from './invoices.repository.ts';

/** Residents invoiced, and invoices delivered, at the same time. */
export const RUN_CONCURRENCY = 4;

/** 2026-10 as "Oktober 2026", "octobre 2026", … */
const monthOf = (period: string, language: string) =>
  new Intl.DateTimeFormat(language, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${period}-01T00:00:00Z`));

export interface DeliveryReport { emailed: number; withoutEmail: number }

/** What delivery needs; with `pdfs`, the PDFs are rendered on its worker threads (long runs). */
export type DeliveryDeps = Pick<Deps, 'db' | 'clock' | 'mailer' | 'config'> & { pdfs?: PdfPool };

export async function deliverRun(deps: DeliveryDeps, tenantId: string, runId: string, period: string,
  onProgress?: (done: number, total: number) => void): Promise<DeliveryReport> {
  const pending = await inTenant(deps.db, tenantId, (tx) => repo.undelivered(tx, tenantId, runId));
  const report: DeliveryReport = { emailed: 0, withoutEmail: 0 };
  let done = 0;
  await forEachConcurrently(pending, RUN_CONCURRENCY, async (invoice) => {
    const taken = await inTenant(deps.db, tenantId, async (tx) => {
      if (!await repo.claimDelivery(tx, tenantId, invoice.id, deps.clock.now())) return null;
      return { email: await repo.emailOf(tx, tenantId, invoice.person_id), printing: await printingOf(tx, tenantId, invoice) };
    });
    // Delivered since we looked, or another run (on this node or another) is sending it.
    if (!taken) {
      onProgress?.(++done, pending.length);
      return;
    }
    const { email, printing } = taken;
    const manager = printing.creditor;
    if (email) {
      const pdf = deps.pdfs
        ? await deps.pdfs.render('invoice', invoice, printing.lines, printing.payment, printing.creditor)
        : await renderInvoicePdf(invoice, printing.lines, printing.payment, printing.creditor);
      const money = new Intl.NumberFormat(invoice.language, { style: 'currency', currency: invoice.currency }).format(invoice.gross_minor / 100);
      const due = new Intl.DateTimeFormat(invoice.language, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${invoice.due_on}T00:00:00Z`));
      const mail = renderMail(email, invoice.language, 'invoiceIssued', {
        name: invoice.buyer.name, number: invoice.number, manager, period: monthOf(period, invoice.language), amount: money, due,
        reference: printing.payment?.referenceFormatted ?? invoice.reference, url: `${deps.config.publicUrl}/invoices/${invoice.id}`,
      });
      await deps.mailer.send({ ...mail, attachments: [{ filename: `invoice-${invoice.number}.pdf`, contentType: 'application/pdf', content: pdf }] });
      report.emailed += 1;
    } else {
      report.withoutEmail += 1;
    }
    await inTenant(deps.db, tenantId, (tx) => repo.markDelivered(tx, tenantId, invoice.id, email ? 'emailed' : 'none', deps.clock.now()));
    onProgress?.(++done, pending.length);
  });
  return report;
}
