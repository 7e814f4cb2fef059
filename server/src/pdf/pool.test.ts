// The PDF pool renders on worker threads what the main thread would: the same document, and an
// error as an error.
import { afterAll, describe, expect, it } from 'vitest';
import type { PrintedInvoice } from '../modules/invoices/invoices.pdf.ts';
import { renderInvoicePdf } from '../modules/invoices/invoices.pdf.ts';
import { pdfPages } from '../test/pdf.ts';
import { createPdfPool } from './pool.ts';

const pool = createPdfPool(2);
afterAll(() => pool.close());

const invoice = {
  id: 'a', kind: 'invoice', year: 2026, sequence: 7, number: '2026-000007', person_id: 'p', run_id: null, corrects_id: null, reason: null,
  buyer: { name: 'Tomasz Nowak', customerNumber: 'HEIMBAU-10004', address: null }, language: 'pl', currency: 'EUR', prices_include_vat: true,
  net_minor: 321, vat_minor: 64, gross_minor: 385, reference: 'RF18HEIMBAUI2026000007', issued_at: new Date('2026-11-02T09:00:00Z'), due_on: '2026-12-02',
  transfer_id: 't', paid_minor: 0, status: 'open', delivery: 'pending', delivered_at: null, reminder_level: 0, reminder_fees_minor: 0, sending_since: null,
} as unknown as PrintedInvoice;
const lines = [{ tenant_id: 't', invoice_id: 'a', line_no: 1, description: 'Ładowanie (samochód elektryczny), Garaż, 3 paź 2026', quantity: '10.000', unit: 'kWh' as const, net_minor: 321, vat_rate_bp: 2000, vat_minor: 64, gross_minor: 385, session_id: null }];

describe('the PDF pool', () => {
  it('renders on worker threads the document the main thread renders, many at once', async () => {
    const [direct, ...pooled] = await Promise.all([renderInvoicePdf(invoice, lines, null, 'Heimbau'), ...Array.from({ length: 4 }, () => pool.render('invoice', invoice, lines, null, 'Heimbau'))]);
    const expected = await pdfPages(direct);
    expect(expected[0]).toContain('Faktura 2026-000007');
    for (const pdf of pooled) expect((await pdfPages(pdf)).join("\n").slice(0, 2000)).toBe(expected.join("\n").slice(0, 2000));
  });

  it('passes a renderer\'s error back', async () => {
    await expect(pool.render('invoice', invoice, null as never, null, 'Heimbau')).rejects.toThrow(/PDF worker/);
  });
});
