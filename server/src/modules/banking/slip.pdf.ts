// Renders the payment slip: the written bank details in the payer's language, plus the
// machine-readable form for the currency (EPC QR code for euros, Swiss QR-bill for francs).
// A top-up slip leaves the amount to the payer; a fee's slip (SlipPurpose) fixes it.
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { SwissQRBill } from 'swissqrbill/pdf';
import { FONT_REGULAR, parsedFont } from '../../pdf/fonts.ts';
import { epcPayload } from './epc.ts';
import type { PaymentInstructions } from './payment-instructions.ts';
import { qrBillLanguage, slipTexts, type SlipTexts } from './slip.i18n.ts';

/** A slip for a fixed amount (a fee): its own wording, and the lines the amount is made of. */
export interface SlipPurpose {
  texts: Pick<SlipTexts, 'title' | 'intro' | 'scan' | 'qrBill' | 'keep'>;
  items: { description: string; amountMinor: number }[];
  /** The message the payer's bank passes on (QR-bill, at most 140 characters). */
  message?: string;
}

/** 650 -> "6.50": the form the QR-bill and banking apps print, in every language. */
const decimal = (minor: number) => (minor / 100).toFixed(2);

// Prose in DejaVu Sans (shipped through npm, covers all five languages). Values (IBAN,
// reference) stay in Helvetica: they are ASCII by construction, and a built-in font keeps them
// searchable and copyable in every viewer.
function toBuffer(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

export async function renderPaymentSlip(p: PaymentInstructions, purpose?: SlipPurpose): Promise<Buffer> {
  const t = { ...slipTexts(p.language), ...purpose?.texts };
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: t.title, Subject: `${p.customerNumber} ${p.reference}` } });
  const done = toBuffer(doc);
  doc.registerFont('prose', parsedFont(FONT_REGULAR) as never);
  const prose = (size: number) => doc.font('prose').fontSize(size);
  const say = (text: string) => text;
  const left = 50;
  const width = doc.page.width - 100;

  prose(18).text(say(t.title), left, 50, { width });
  prose(11).moveDown(0.5).text(say(`${t.customer}: ${p.payerName}`)).text(say(`${t.customerNumber}: ${p.customerNumber}`));
  prose(10).moveDown().text(say(t.intro), { width });
  doc.moveDown();
  for (const item of purpose?.items ?? []) {
    const y = doc.y;
    prose(10).text(say(item.description), left, y, { width: 300 });
    doc.font('Helvetica').fontSize(10).text(`${p.currency} ${decimal(item.amountMinor)}`, left + 300, y, { width: 120, align: 'right' });
    doc.moveDown(0.3);
  }
  if (purpose?.items.length) doc.moveDown();

  const creditorLines = [p.creditor.name, p.creditor.street, `${p.creditor.postalCode} ${p.creditor.city}`, p.creditor.country];
  const rows: [string, string, boolean][] = [
    [t.creditor, creditorLines.join('\n'), false],
    [t.iban, p.accountFormatted, true],
    ...(p.bic ? [[t.bic, p.bic, true] as [string, string, boolean]] : []),
    [t.reference, p.referenceFormatted, true],
    [t.currency, p.currency, true],
    p.amountMinor === null ? [t.amount, t.amountChoice, false] : [t.amount, decimal(p.amountMinor), true],
  ];
  for (const [label, value, isValue] of rows) {
    const y = doc.y;
    prose(10).text(say(label), left, y, { width: 140 });
    (isValue ? doc.font('Helvetica-Bold').fontSize(11) : prose(10)).text(isValue ? value : say(value), left + 150, y, { width: width - 150 });
    doc.moveDown(0.4);
  }

  if (p.form === 'epc') {
    const payload = epcPayload({ bic: p.bic, name: p.creditor.name, iban: p.account, reference: p.reference, ...(p.amountMinor !== null ? { amountCents: p.amountMinor } : {}) });
    // Medium error correction, as EPC069-12 requires.
    const png = await QRCode.toDataURL(payload, { errorCorrectionLevel: 'M', margin: 2, width: 400 });
    const y = doc.y + 10;
    doc.image(png, left, y, { width: 140 });
    prose(10).text(say(t.scan), left + 160, y + 20, { width: width - 160 });
    doc.y = y + 150;
  } else if (p.form === 'swiss_qr_bill') {
    prose(10).moveDown().text(say(t.qrBill), left, doc.y, { width });
  }
  prose(9).moveDown().text(say(t.keep), left, doc.y, { width });

  if (p.form === 'swiss_qr_bill') {
    // For a top-up the amount stays blank: the resident chooses how much.
    const bill = new SwissQRBill({
      currency: 'CHF',
      reference: p.reference,
      ...(p.amountMinor !== null ? { amount: p.amountMinor / 100 } : {}),
      ...(purpose?.message ? { message: purpose.message.slice(0, 140) } : {}),
      creditor: { account: p.account, name: p.creditor.name, address: p.creditor.street, zip: p.creditor.postalCode, city: p.creditor.city, country: p.creditor.country },
    }, { language: qrBillLanguage(p.language) });
    bill.attachTo(doc);
  }
  doc.end();
  return done;
}
