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

/** An e-invoice's XML to embed: the PDF becomes a PDF/A-3b with it attached, as Factur-X / ZUGFeRD require. */
export interface EmbeddedInvoice {
  filename: string;
  xml: string;
  /** Written into the PDF's XMP metadata: Factur-X's extension schema with these values. */
  documentType: 'INVOICE';
  conformanceLevel: string;
  /** When the invoice was issued: the attachment's dates. */
  issuedAt: Date;
}

export function renderPdf(draw: (doc: PDFKit.PDFDocument) => void, info: { title: string; language?: string; standardFonts?: boolean; embed?: EmbeddedInvoice }): Promise<Buffer> {
  // No default font (pdfkit would build Helvetica's metrics for it): the fonts are chosen next.
  const doc = new PDFDocument({
    size: 'A4', margin: 50, font: null as unknown as string, info: { Title: info.title, Producer: 'Concierge' },
    ...(info.language && { lang: info.language }),
    ...(info.embed && { subset: 'PDF/A-3b', pdfVersion: '1.7' }),
  } as PDFKit.PDFDocumentOptions);
  // PDF/A embeds every font: the built-in ones cannot be used there.
  if (info.standardFonts && !info.embed) {
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
  if (info.embed) embedInvoice(doc, info.embed);
  doc.end();
  return done;
}

function embedInvoice(doc: PDFKit.PDFDocument, invoice: EmbeddedInvoice): void {
  const files = doc as unknown as { file(src: Uint8Array, options: object): void; appendXML(xml: string): void };
  files.file(Buffer.from(invoice.xml, 'utf8'), {
    name: invoice.filename, type: 'text/xml', relationship: 'Alternative', description: 'Factur-X / ZUGFeRD invoice',
    creationDate: invoice.issuedAt, modifiedDate: invoice.issuedAt,
  });
  files.appendXML(facturXMetadata(invoice));
}

const FX = 'urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#';

/** The XMP that says which embedded file is the invoice, and the PDF/A extension schema that declares those properties. */
function facturXMetadata(invoice: EmbeddedInvoice): string {
  const property = (name: string, description: string) => `
            <rdf:li rdf:parseType="Resource">
              <pdfaProperty:name>${name}</pdfaProperty:name>
              <pdfaProperty:valueType>Text</pdfaProperty:valueType>
              <pdfaProperty:category>external</pdfaProperty:category>
              <pdfaProperty:description>${description}</pdfaProperty:description>
            </rdf:li>`;
  return `
    <rdf:Description xmlns:fx="${FX}" rdf:about="">
      <fx:DocumentType>${invoice.documentType}</fx:DocumentType>
      <fx:DocumentFileName>${invoice.filename}</fx:DocumentFileName>
      <fx:Version>1.0</fx:Version>
      <fx:ConformanceLevel>${invoice.conformanceLevel}</fx:ConformanceLevel>
    </rdf:Description>
    <rdf:Description xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#" rdf:about="">
      <pdfaExtension:schemas>
        <rdf:Bag>
          <rdf:li rdf:parseType="Resource">
            <pdfaSchema:schema>Factur-X PDFA Extension Schema</pdfaSchema:schema>
            <pdfaSchema:namespaceURI>${FX}</pdfaSchema:namespaceURI>
            <pdfaSchema:prefix>fx</pdfaSchema:prefix>
            <pdfaSchema:property>
              <rdf:Seq>${property('DocumentFileName', 'The name of the embedded XML document')}${property('DocumentType', 'The type of the hybrid document in capital letters, e.g. INVOICE or ORDER')}${property('Version', 'The actual version of the standard applying to the embedded XML document')}${property('ConformanceLevel', 'The conformance level of the embedded XML document')}
              </rdf:Seq>
            </pdfaSchema:property>
          </rdf:li>
        </rdf:Bag>
      </pdfaExtension:schemas>
    </rdf:Description>`;
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
