// What the PDF workers can render: each a function of plain data (structured-clonable) to a PDF.
import { renderInvoicePdf } from '../modules/invoices/invoices.pdf.ts';

export const renderers = { invoice: renderInvoicePdf };

export type Renderers = typeof renderers;
