// Reads a PDF back as a person or a banking app would: the text on its pages (pdf.js, which maps
// every font's glyphs back to Unicode) and the QR codes they show (the page rendered to pixels,
// then decoded by jsQR). For tests only.
import { createCanvas } from '@napi-rs/canvas';
import jsQRModule from 'jsqr';

// jsqr is CommonJS with a default export: under Node's ESM loading it arrives as the module object.
const jsQR = ((jsQRModule as unknown as { default?: typeof jsQRModule }).default ?? jsQRModule) as unknown as typeof jsQRModule.default;
import { getDocument, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

async function open(pdf: Buffer): Promise<PDFDocumentProxy> {
  return getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
}

/** Each page's text, its pieces joined by spaces. */
export async function pdfPages(pdf: Buffer): Promise<string[]> {
  const doc = await open(pdf);
  try {
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' ').replace(/\s+/g, ' '));
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

/** The payload of the QR code on page `n` (1-based), or null when there is none. Tries a few resolutions, as a phone's camera would. */
export async function pdfQrCode(pdf: Buffer, n = 1): Promise<string | null> {
  const doc = await open(pdf);
  try {
    const page = await doc.getPage(n);
    for (const scale of [2, 3, 4]) {
      const viewport = page.getViewport({ scale });
      const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
      const context = canvas.getContext('2d');
      context.fillStyle = 'white';
      context.fillRect(0, 0, canvas.width, canvas.height);
      await page.render({ canvas: canvas as never, canvasContext: context as never, viewport }).promise;
      const pixels = context.getImageData(0, 0, canvas.width, canvas.height);
      const code = jsQR(new Uint8ClampedArray(pixels.data.buffer), pixels.width, pixels.height);
      if (code) return code.data;
    }
    return null;
  } finally {
    await doc.destroy();
  }
}

/** The files embedded in the PDF, by name (an e-invoice's XML, for one). */
export async function pdfAttachments(pdf: Buffer): Promise<Record<string, Buffer>> {
  const doc = await open(pdf);
  try {
    const files = (await doc.getAttachments()) as Record<string, { filename: string; content: Uint8Array }> | null;
    return Object.fromEntries(Object.values(files ?? {}).map((file) => [file.filename, Buffer.from(file.content)]));
  } finally {
    await doc.destroy();
  }
}

/** The PDF's XMP metadata as written (PDF/A and Factur-X declare themselves there). */
export async function pdfXmp(pdf: Buffer): Promise<string> {
  const doc = await open(pdf);
  try {
    const { metadata } = await doc.getMetadata();
    return metadata?.getRaw() ?? '';
  } finally {
    await doc.destroy();
  }
}
