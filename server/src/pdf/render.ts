// Collects a pdfkit document into one Buffer.
import PDFDocument from 'pdfkit';
import { useConciergeFonts } from './fonts.ts';

export function renderPdf(draw: (doc: PDFKit.PDFDocument) => void, info: { title: string }): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: info.title, Producer: 'Concierge' } });
  useConciergeFonts(doc);
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
