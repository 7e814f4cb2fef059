// Fonts for every PDF: DejaVu Sans from the npm registry covers the letters of all five
// languages (pdfkit's built-in Helvetica has no ł, ś or ż), on any machine.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const fontDir = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');

export const FONT_REGULAR = join(fontDir, 'DejaVuSans.ttf');
export const FONT_BOLD = join(fontDir, 'DejaVuSans-Bold.ttf');

/** Registers `regular` and `bold` on a document and selects `regular`. */
export function useConciergeFonts(doc: PDFKit.PDFDocument): PDFKit.PDFDocument {
  doc.registerFont('regular', FONT_REGULAR);
  doc.registerFont('bold', FONT_BOLD);
  return doc.font('regular');
}
