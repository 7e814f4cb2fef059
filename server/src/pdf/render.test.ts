// The built-in fonts' metrics are made once and shared by every document: each document must
// still come out whole, with its own font objects, whatever was rendered before it.
import { describe, expect, it } from 'vitest';
import { pdfPages } from '../test/pdf.ts';
import { renderPdf } from './render.ts';

const draw = (text: string) => (doc: PDFKit.PDFDocument) => {
  doc.font('bold').fontSize(16).text(`Rechnung ${text}`);
  doc.font('regular').fontSize(10).text(`Gesamtbetrag ${text} € – Grüße`);
};

describe('renderPdf with the built-in fonts', () => {
  it('renders one document after another, each with its text, its kerning-true widths and its own Helvetica', async () => {
    const first = await renderPdf(draw('2026-000001'), { title: 'A', standardFonts: true });
    const second = await renderPdf(draw('2026-000002'), { title: 'B', standardFonts: true });
    const embedded = await renderPdf(draw('2026-000003'), { title: 'C' });
    expect((await pdfPages(first))[0]).toContain('Rechnung 2026-000001');
    expect((await pdfPages(second))[0]).toMatch(/Gesamtbetrag 2026-000002 € – Grüße/);
    expect((await pdfPages(embedded))[0]).toContain('Rechnung 2026-000003');
    for (const pdf of [first, second]) {
      const text = pdf.toString('latin1');
      expect(text.match(/\/BaseFont \/Helvetica-Bold\b/g)).toHaveLength(1);
      expect(text.match(/\/BaseFont \/Helvetica\b(?!-)/g)).toHaveLength(1);
    }
    // Only what a document uses is in it: no default font of its own beside the two.
    expect(embedded.toString('latin1')).not.toMatch(/\/BaseFont \/Helvetica/);
    // The same input gives the same layout: the shared metrics are not changed by use.
    const again = await renderPdf(draw('2026-000001'), { title: 'A', standardFonts: true });
    expect((await pdfPages(again))[0]).toBe((await pdfPages(first))[0]);
  });

  it('keeps every letter searchable after a document drew it only as part of another (u in ü)', async () => {
    await renderPdf((doc) => { doc.font('regular').text('Grüße'); }, { title: 'A' });
    const pdf = await renderPdf((doc) => { doc.font('regular').text('Heimbau Hausverwaltung'); }, { title: 'B' });
    expect((await pdfPages(pdf))[0]).toContain('Heimbau Hausverwaltung');
  });
});
