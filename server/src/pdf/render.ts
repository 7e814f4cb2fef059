// Collects a pdfkit document into one Buffer. Fonts: DejaVu Sans (embedded, every language's
// letters), or with `standardFonts` pdfkit's built-in Helvetica under the same names, for a
// document whose every letter is in the WinAnsi set: nothing to embed, a fifth of the time.
import PDFDocument from 'pdfkit';
import { useConciergeFonts } from './fonts.ts';

/** What of pdfkit's document the font cache below reaches into (pdfkit 0.17+; checked at use). */
interface FontInternals { _fontFamilies?: Record<string, object>; _fontCount?: number }
interface StandardFontLike { document: unknown; id: string; dictionary?: unknown; embedded?: boolean }

// pdfkit builds a built-in font's metrics (widths and some 2,700 kerning pairs of Helvetica) anew
// for every document: 40 % of rendering an invoice. The metrics never change, so each font is
// made once, in a document of its own, and every later document gets a copy that shares them but
// has its own identity (document, resource id, and its own PDF object once used).
const templates = new Map<string, StandardFontLike>();

function standardFont(doc: PDFKit.PDFDocument, name: string): object | null {
  const internals = doc as unknown as FontInternals;
  if (typeof internals._fontFamilies !== 'object' || typeof internals._fontCount !== 'number') return null;
  let template = templates.get(name);
  if (!template) {
    const scratch = new PDFDocument({ autoFirstPage: false });
    scratch.font(name);
    template = (scratch as unknown as { _font: StandardFontLike })._font;
    templates.set(name, template);
  }
  const copy = Object.assign(Object.create(Object.getPrototypeOf(template) as object) as StandardFontLike, template);
  copy.document = doc;
  copy.id = `F${++internals._fontCount}`;
  delete copy.dictionary;
  delete copy.embedded;
  return copy;
}

function useStandardFonts(doc: PDFKit.PDFDocument): void {
  for (const [alias, name] of [['regular', 'Helvetica'], ['bold', 'Helvetica-Bold']] as const) {
    doc.registerFont(alias, name);
    const font = standardFont(doc, name);
    if (font) (doc as unknown as Required<FontInternals>)._fontFamilies[alias] = font;
  }
  doc.font('regular');
}

export function renderPdf(draw: (doc: PDFKit.PDFDocument) => void, info: { title: string; standardFonts?: boolean }): Promise<Buffer> {
  // No default font (pdfkit would build Helvetica's metrics for it): the fonts are chosen next.
  const doc = new PDFDocument({ size: 'A4', margin: 50, font: null as unknown as string, info: { Title: info.title, Producer: 'Concierge' } });
  if (info.standardFonts) {
    useStandardFonts(doc);
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
