// Fonts for every PDF: DejaVu Sans from the npm registry covers the letters of all five
// languages (pdfkit's built-in Helvetica has no ł, ś or ż), on any machine. Each font file is
// read and parsed once per process and handed to every document as the parsed font (pdfkit takes
// fontkit's objects as they are): parsing both files for each document cost ~40 ms per PDF,
// which an invoice run of 10,000 residents cannot afford.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as fontkit from 'fontkit';

const fontDir = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');

export const FONT_REGULAR = join(fontDir, 'DejaVuSans.ttf');
export const FONT_BOLD = join(fontDir, 'DejaVuSans-Bold.ttf');

type ParsedFont = ReturnType<typeof fontkit.create>;
const parsed = new Map<string, ParsedFont>();

interface GlyphCache { getGlyph(id: number, characters?: number[]): { codePoints: number[] } | null }

/**
 * fontkit keeps each glyph it made, with the characters of the first request. A document that
 * draws "ü" but no "u" makes "u" only as a part of the composite "ü", without characters; every
 * later document then wrote "u" without its Unicode mapping, and its text could not be searched
 * or copied ("Hausverwaltung" read back as "Ha\u0007sverwalt\u0007ng"). A glyph asked for again
 * with its characters gets them.
 */
function keepCharacters(font: ParsedFont): ParsedFont {
  const cache = font as unknown as GlyphCache;
  const getGlyph = cache.getGlyph.bind(font);
  cache.getGlyph = (id, characters = []) => {
    const glyph = getGlyph(id, characters);
    if (glyph && glyph.codePoints.length === 0 && characters.length > 0) glyph.codePoints = characters;
    return glyph;
  };
  return font;
}

/** The font at `path`, parsed on first use. */
export function parsedFont(path: string): ParsedFont {
  let font = parsed.get(path);
  if (!font) parsed.set(path, font = keepCharacters(fontkit.create(readFileSync(path))));
  return font;
}

/** Registers `regular` and `bold` on a document and selects `regular`. */
export function useConciergeFonts(doc: PDFKit.PDFDocument): PDFKit.PDFDocument {
  doc.registerFont('regular', parsedFont(FONT_REGULAR) as never);
  doc.registerFont('bold', parsedFont(FONT_BOLD) as never);
  return doc.font('regular');
}
