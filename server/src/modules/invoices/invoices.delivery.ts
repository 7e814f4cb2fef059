// Delivering a run's invoices: each resident with an e-mail address gets their invoice as a PDF
// attachment, in the invoice's language; the others are marked for the manager to post. A run
// delivers a batch of invoices at a time: it takes them (`sending_since`, a lease), so two runs
// of the same period at once send each once; renders and mails them; and marks them in a
// transaction of their own after their mails were handed over, so a delivery interrupted and run
// again sends only what is left (a mail may go twice if the process dies between the two and the
// lease has run out, never not at all).
import type { Deps } from '../../deps.ts';
import type { PdfPool } from '../../pdf/pool.ts';
import { forEachConcurrently } from '../../concurrently.ts';
import { inTenant, type Tx } from '../../db/scope.ts';
import type { Invoice } from '../../db/schema.ts';
import { notifyUsers } from '../notifications/notifications.delivery.ts';
import { usersOfPeople } from '../notifications/notifications.repository.ts';
import { eventText } from '../notifications/notifications.texts.ts';
import { renderMail } from '../mail/mail.templates.ts';
import { renderInvoicePdf } from './invoices.pdf.ts';
import { printingsOf } from './invoices.portal.usecases.ts';
import * as repo from './invoices.repository.ts';

/** Invoices taken, rendered, mailed and marked together. */
const DELIVERY_BATCH = 20;
/** Batches delivered at the same time: while one renders its PDFs, another talks to the database. */
const BATCHES_AT_ONCE = 2;
/** Invoices reminded at the same time. */
export const RUN_CONCURRENCY = 4;

/** 2026-10 as "Oktober 2026", "octobre 2026", … */
const monthOf = (period: string, language: string) =>
  new Intl.DateTimeFormat(language, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${period}-01T00:00:00Z`));

/** Each invoice in its resident's notification centre (the invoice itself went by e-mail or post). */
async function tellIssued(tx: Tx, tenantId: string, invoices: Pick<Invoice, 'id' | 'person_id' | 'number' | 'gross_minor' | 'currency' | 'due_on'>[]): Promise<void> {
  const users = await usersOfPeople(tx, tenantId, invoices.map((invoice) => invoice.person_id));
  const invoicesOf = new Map<string, typeof invoices>();
  for (const invoice of invoices) {
    for (const userId of users.get(invoice.person_id) ?? []) invoicesOf.set(userId, [...(invoicesOf.get(userId) ?? []), invoice]);
  }
  await notifyUsers(tx, tenantId, 'invoice', [...invoicesOf.keys()], ({ userId, language }) => (invoicesOf.get(userId) ?? []).map((invoice) => {
    const amount = new Intl.NumberFormat(language, { style: 'currency', currency: invoice.currency }).format(invoice.gross_minor / 100);
    const due = new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${invoice.due_on}T00:00:00Z`));
    return { title: eventText(language, 'invoice_title', { number: invoice.number }), body: eventText(language, 'invoice_body', { amount, due }), link: `/invoices/${invoice.id}` };
  }));
}

export interface DeliveryReport { emailed: number; withoutEmail: number }

/** What delivery needs; with `pdfs`, the PDFs are rendered on its worker threads (long runs). */
export type DeliveryDeps = Pick<Deps, 'db' | 'clock' | 'mailer' | 'config'> & { pdfs?: PdfPool };

export async function deliverRun(deps: DeliveryDeps, tenantId: string, runId: string, period: string,
  onProgress?: (done: number, total: number) => void): Promise<DeliveryReport> {
  const pending = await inTenant(deps.db, tenantId, (tx) => repo.undelivered(tx, tenantId, runId));
  const report: DeliveryReport = { emailed: 0, withoutEmail: 0 };
  let done = 0;
  const batches = Array.from({ length: Math.ceil(pending.length / DELIVERY_BATCH) }, (_, i) => pending.slice(i * DELIVERY_BATCH, (i + 1) * DELIVERY_BATCH));
  await forEachConcurrently(batches, BATCHES_AT_ONCE, async (batch) => {
    const taken = await inTenant(deps.db, tenantId, async (tx) => {
      // Delivered since we looked, or another run (on this node or another) is sending it: not taken.
      const claimed = await repo.claimDeliveries(tx, tenantId, batch.map((invoice) => invoice.id), deps.clock.now());
      const invoices = batch.filter((invoice) => claimed.has(invoice.id));
      if (invoices.length === 0) return [];
      const emails = await repo.emailsOf(tx, tenantId, invoices.map((invoice) => invoice.person_id));
      const printings = await printingsOf(tx, tenantId, invoices);
      return invoices.map((invoice, i) => ({ invoice, email: emails.get(invoice.person_id) ?? null, printing: printings[i]! }));
    });
    const mails = await Promise.all(taken.filter(({ email }) => email !== null).map(async ({ invoice, email, printing }) => {
      const pdf = deps.pdfs
        ? await deps.pdfs.render('invoice', invoice, printing.lines, printing.payment, printing.creditor, printing.seller)
        : await renderInvoicePdf(invoice, printing.lines, printing.payment, printing.creditor, printing.seller);
      const money = new Intl.NumberFormat(invoice.language, { style: 'currency', currency: invoice.currency }).format(invoice.gross_minor / 100);
      const due = new Intl.DateTimeFormat(invoice.language, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${invoice.due_on}T00:00:00Z`));
      const mail = renderMail(email!, invoice.language, 'invoiceIssued', {
        name: invoice.buyer.name, number: invoice.number, manager: printing.creditor, period: monthOf(period, invoice.language), amount: money, due,
        reference: printing.payment?.referenceFormatted ?? invoice.reference, url: `${deps.config.publicUrl}/invoices/${invoice.id}`,
      });
      return { ...mail, attachments: [{ filename: `invoice-${invoice.number}.pdf`, contentType: 'application/pdf', content: pdf }] };
    }));
    await deps.mailer.sendMany(mails);
    const ids = (withEmail: boolean) => taken.filter(({ email }) => (email !== null) === withEmail).map(({ invoice }) => invoice.id);
    await inTenant(deps.db, tenantId, async (tx) => {
      await repo.markAllDelivered(tx, tenantId, ids(true), 'emailed', deps.clock.now());
      await repo.markAllDelivered(tx, tenantId, ids(false), 'none', deps.clock.now());
      await tellIssued(tx, tenantId, taken.map(({ invoice }) => invoice));
    });
    report.emailed += mails.length;
    report.withoutEmail += taken.length - mails.length;
    done += batch.length;
    onProgress?.(done, pending.length);
  });
  return report;
}
