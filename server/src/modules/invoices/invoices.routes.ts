import { Type } from 'typebox';
import type { Deps } from '../../deps.ts';
import { requireTenantActor } from '../../http/actor.ts';
import { IdParams, type App } from '../../http/types.ts';
import { creditInvoiceAsStaff, getInvoice, invoicePdf, listInvoices, listOwnInvoices, listOwnPayments, payOwnInvoice } from './invoices.portal.usecases.ts';
import { presentInvoice, presentInvoiceDetail, presentPayment } from './invoices.presenters.ts';
import { getReminderLevels, setReminderLevels } from './invoices.reminders.settings.ts';
import { CreditNoteInput, InvoiceDetailOut, InvoiceListQuery, InvoiceOut, OwnInvoicesQuery, PaymentOut, ReminderLevels } from './invoices.schemas.ts';

const tags = ['invoices'];

export function invoicesRoutes(app: App, deps: Deps): void {
  const today = () => deps.clock.now().toISOString().slice(0, 10);

  app.get('/api/me/invoices', { schema: { tags, summary: 'Your invoices of the last 12 months (archive=true: the older ones), newest first', querystring: OwnInvoicesQuery, response: { 200: Type.Array(InvoiceOut) } } }, async (request) => {
    return (await listOwnInvoices(deps, requireTenantActor(request.actor), request.query.archive === true)).map((i) => presentInvoice(i, today()));
  });

  app.get('/api/me/payments', { schema: { tags, summary: 'What you paid on your invoices in the last 6 months, newest first', response: { 200: Type.Array(PaymentOut) } } }, async (request) => {
    return (await listOwnPayments(deps, requireTenantActor(request.actor))).map(presentPayment);
  });

  // No client id needed: the payment's transfer id derives from the invoice and what was paid before, so a retry pays nothing twice.
  app.post('/api/me/invoices/:id/pay', { schema: { tags, summary: 'Pay what is due on one of your invoices from your wallet balance', params: IdParams, response: { 200: InvoiceOut } } }, async (request) => {
    return presentInvoice(await payOwnInvoice(deps, requireTenantActor(request.actor), request.params.id), today());
  });

  app.get('/api/invoices', { schema: { tags, summary: 'Invoices of the tenant, by customer, status or run, newest first', querystring: InvoiceListQuery, response: { 200: Type.Array(InvoiceOut) } } }, async (request) => {
    return (await listInvoices(deps, requireTenantActor(request.actor), request.query)).map((i) => presentInvoice(i, today()));
  });

  app.get('/api/invoices/:id', { schema: { tags, summary: 'One invoice with its lines and VAT per rate (yours, or any customer\'s for staff)', params: IdParams, response: { 200: InvoiceDetailOut } } }, async (request) => {
    const { invoice, lines, correction, reminders, eInvoice } = await getInvoice(deps, requireTenantActor(request.actor), request.params.id);
    return presentInvoiceDetail(invoice, lines, correction ?? null, reminders, eInvoice, today());
  });

  // One credit note per invoice (a unique index), so a repeated request is refused instead of crediting twice.
  app.post('/api/invoices/:id/credit-note', { schema: { tags, summary: 'Correct an invoice with a credit note for all of it (manager administrators)', params: IdParams, body: CreditNoteInput, response: { 201: InvoiceOut } } }, async (request, reply) => {
    return reply.status(201).send(presentInvoice(await creditInvoiceAsStaff(deps, requireTenantActor(request.actor), request.params.id, request.body.reason), today()));
  });

  app.get('/api/invoices/:id/pdf', { schema: { tags, summary: 'The invoice as PDF, in its language, with the payment part for what is due', params: IdParams, produces: ['application/pdf'] } }, async (request, reply) => {
    const { invoice, pdf } = await invoicePdf(deps, requireTenantActor(request.actor), request.params.id);
    return reply.type('application/pdf').header('content-disposition', `inline; filename="invoice-${invoice.number}.pdf"`)
      .header('cache-control', 'private, no-store').send(pdf);
  });

  app.get('/api/settings/reminders', { schema: { tags, summary: 'Reminder levels for unpaid invoices: days after the due date and fee of each (staff)', response: { 200: ReminderLevels } } }, async (request) => {
    return { levels: await getReminderLevels(deps, requireTenantActor(request.actor)) };
  });

  app.put('/api/settings/reminders', { schema: { tags, summary: 'Change the reminder levels (manager administrators): days strictly increasing, at most 5, none to send no reminders', body: ReminderLevels, response: { 200: ReminderLevels } } }, async (request) => {
    return { levels: await setReminderLevels(deps, requireTenantActor(request.actor), request.body.levels) };
  });
}
