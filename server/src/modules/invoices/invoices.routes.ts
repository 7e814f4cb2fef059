import { Type } from 'typebox';
import type { Deps } from '../../deps.ts';
import { requireTenantActor } from '../../http/actor.ts';
import { IdParams, type App } from '../../http/types.ts';
import { getInvoice, invoicePdf, listInvoices, listOwnInvoices, payOwnInvoice } from './invoices.portal.usecases.ts';
import { presentInvoice, presentInvoiceDetail } from './invoices.presenters.ts';
import { InvoiceDetailOut, InvoiceListQuery, InvoiceOut, OwnInvoicesQuery } from './invoices.schemas.ts';

const tags = ['invoices'];

export function invoicesRoutes(app: App, deps: Deps): void {
  const today = () => deps.clock.now().toISOString().slice(0, 10);

  app.get('/api/me/invoices', { schema: { tags, summary: 'Your invoices of the last 12 months (archive=true: the older ones), newest first', querystring: OwnInvoicesQuery, response: { 200: Type.Array(InvoiceOut) } } }, async (request) => {
    return (await listOwnInvoices(deps, requireTenantActor(request.actor), request.query.archive === true)).map((i) => presentInvoice(i, today()));
  });

  // No client id needed: the payment's transfer id derives from the invoice and what was paid before, so a retry pays nothing twice.
  app.post('/api/me/invoices/:id/pay', { schema: { tags, summary: 'Pay what is due on one of your invoices from your wallet balance', params: IdParams, response: { 200: InvoiceOut } } }, async (request) => {
    return presentInvoice(await payOwnInvoice(deps, requireTenantActor(request.actor), request.params.id), today());
  });

  app.get('/api/invoices', { schema: { tags, summary: 'Invoices of the tenant, by customer, status or run, newest first', querystring: InvoiceListQuery, response: { 200: Type.Array(InvoiceOut) } } }, async (request) => {
    return (await listInvoices(deps, requireTenantActor(request.actor), request.query)).map((i) => presentInvoice(i, today()));
  });

  app.get('/api/invoices/:id', { schema: { tags, summary: 'One invoice with its lines and VAT per rate (yours, or any customer\'s for staff)', params: IdParams, response: { 200: InvoiceDetailOut } } }, async (request) => {
    const { invoice, lines } = await getInvoice(deps, requireTenantActor(request.actor), request.params.id);
    return presentInvoiceDetail(invoice, lines, today());
  });

  app.get('/api/invoices/:id/pdf', { schema: { tags, summary: 'The invoice as PDF, in its language, with the payment part for what is due', params: IdParams, produces: ['application/pdf'] } }, async (request, reply) => {
    const { invoice, pdf } = await invoicePdf(deps, requireTenantActor(request.actor), request.params.id);
    return reply.type('application/pdf').header('content-disposition', `inline; filename="invoice-${invoice.number}.pdf"`)
      .header('cache-control', 'private, no-store').send(pdf);
  });
}
