// The invoice PDF's fonts: the built-in ones when every letter fits them (nothing embedded), DejaVu
// when a name, a site or the language needs more; the text reads back the same either way.
import { describe, expect, it } from 'vitest';
import type { InvoiceLine, Language } from '../../db/schema.ts';
import { pdfPages } from '../../test/pdf.ts';
import { renderInvoicePdf, type PrintedInvoice } from './invoices.pdf.ts';

function invoice(language: Language, name: string): PrintedInvoice {
  return {
    id: 'i', kind: 'invoice', year: 2026, sequence: 7, number: '2026-000007', person_id: 'p', run_id: null, corrects_id: null, reason: null, language, currency: 'EUR',
    buyer: { name, customerNumber: 'HEIMBAU-10009', address: { street: 'Leopoldauer Straße 120', postalCode: '1210', city: 'Wien', country: 'AT', unit: 'Top 9' } },
    prices_include_vat: true, net_minor: 102_855, vat_minor: 20_571, gross_minor: 123_426, reference: 'RF02HEIMBAUI20267', issued_at: new Date('2026-11-02T08:00:00Z'),
    due_on: '2026-12-02', transfer_id: 't', paid_minor: 0, status: 'open', delivery: 'pending', delivered_at: null, reminder_level: 0, reminder_fees_minor: 0,
  };
}

const lines: InvoiceLine[] = [{
  tenant_id: 't', invoice_id: 'i', line_no: 1, description: 'Recharge (véhicule électrique), Garage, 3 oct. 2026', quantity: '3526.457', unit: 'kWh',
  net_minor: 102_855, vat_rate_bp: 2000, vat_minor: 20_571, gross_minor: 123_426, session_id: null,
}];

const embedsFonts = (pdf: Buffer) => pdf.toString('latin1').includes('/FontFile2');

describe('invoice PDF fonts', () => {
  it('prints French in the built-in fonts, thousands grouped with a no-break space', async () => {
    const pdf = await renderInvoicePdf(invoice('fr', 'Camille Favre'), lines, null, 'Heimbau');
    expect(embedsFonts(pdf)).toBe(false);
    const page = (await pdfPages(pdf))[0]!.replace(/\u00a0/g, ' ');
    expect(page).toContain('Facture 2026-000007');
    expect(page).toContain('1 234,26 €');
    expect(page).toContain('3 526,457 kWh');
  });

  it('embeds DejaVu when a name needs letters the built-in fonts lack, and for Polish', async () => {
    const german = await renderInvoicePdf(invoice('de', 'Łukasz Wiśniewski'), lines, null, 'Heimbau');
    expect(embedsFonts(german)).toBe(true);
    expect((await pdfPages(german))[0]).toContain('Łukasz Wiśniewski');
    const polish = await renderInvoicePdf(invoice('pl', 'Jan Kowalski'), lines, null, 'Heimbau');
    expect(embedsFonts(polish)).toBe(true);
    expect((await pdfPages(polish))[0]).toContain('Faktura 2026-000007');
  });
});
