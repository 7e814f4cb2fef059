// Collects a pdfkit document into one Buffer. Fonts: DejaVu Sans (embedded, every language's
// letters), or with `standardFonts` pdfkit's built-in Helvetica under the same names, for a
// document whose every letter is in the WinAnsi set: nothing to embed, a fifth of the time.
import PDFDocument from 'pdfkit';
import { useConciergeFonts } from './fonts.ts';

export function renderPdf(draw: (doc: PDFKit.PDFDocument) => void, info: { title: string; standardFonts?: boolean }): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: info.title, Producer: 'Concierge' } });
  if (info.standardFonts) {
    doc.registerFont('regular', 'Helvetica');
    doc.registerFont('bold', 'Helvetica-Bold');
    doc.font('regular');
  } else {
    useConciergeFonts(doc);
  }
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  draw(doc);
  doc.end();
  return done;
}

// WinAnsi (PDF's standard encoding for the built-in fonts): Latin-1 and these from cp1252's 0x80–0x9F.
const CP1252_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/** Whether every character of `texts` can be drawn in the built-in fonts. */
export function fitsStandardFonts(texts: readonly string[]): boolean {
  for (const text of texts) {
    for (const char of text) {
      const code = char.codePointAt(0)!;
      if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || code === 0x0a || CP1252_EXTRA.has(char)) continue;
      return false;
    }
  }
  return true;
}
