// An invoice as a PDF in its language: who bills whom, one row per line, the totals with VAT per
// rate, and — while something is due — the payment part for the currency: an EPC QR code for
// euros, the Swiss QR-bill for francs (with the invoice's reference and the amount due), the
// bank details written out for anything else.
import QRCode, { type BitMatrix } from 'qrcode';
import { SwissQRBill } from 'swissqrbill/pdf';
import type { Invoice, InvoiceLine } from '../../db/schema.ts';
import { fitsStandardFonts, renderPdf } from '../../pdf/render.ts';
import { epcPayload } from '../banking/epc.ts';
import type { PaymentInstructions } from '../banking/payment-instructions.ts';
import { qrBillLanguage, slipTexts } from '../banking/slip.i18n.ts';
import { amountDue, vatSummary } from './invoices.amounts.ts';
import { FACTURX_CONFORMANCE, FACTURX_FILENAME, facturXml, type Seller } from './invoices.facturx.ts';
import { fill, invoiceTexts, reminderLabel } from './invoices.texts.ts';

export type PrintedInvoice = Omit<Invoice, 'tenant_id' | 'due_on' | 'sending_since'> & { due_on: string };

const LEFT = 50;
const WIDTH = 495;
/** Columns of the line table: x offset from LEFT and width. */
const COLUMNS = { description: [0, 215], quantity: [215, 80], vat: [295, 50], net: [345, 70], gross: [415, 80] } as const;
/** What the Swiss QR-bill needs at the foot of a page (105 mm). */
const QR_BILL_HEIGHT = 298;

/** A QR code's dark modules as filled squares, with the quiet zone of four modules the standard asks for. */
function drawQrCode(doc: PDFKit.PDFDocument, modules: BitMatrix, x: number, y: number, size: number): void {
  const module = size / (modules.size + 8);
  for (let row = 0; row < modules.size; row++) {
    for (let column = 0; column < modules.size; column++) {
      if (modules.get(row, column)) doc.rect(x + (column + 4) * module, y + (row + 4) * module, module, module);
    }
  }
  doc.fillColor('black').fill();
}

/**
 * Whether an invoice's PDF carries it as a Factur-X / ZUGFeRD e-invoice: for business customers,
 * when the manager has a VAT ID (the seller's, which EN 16931 requires). Not for francs: the
 * Swiss QR-bill must be printed in Helvetica, which a PDF/A (whose fonts are all embedded) cannot.
 */
export function carriesEInvoice(invoice: Pick<PrintedInvoice, 'buyer' | 'currency'>, seller: Seller | null): seller is Seller & { vatId: string } {
  return Boolean(invoice.buyer.company && seller?.vatId && invoice.currency !== 'CHF');
}

export async function renderInvoicePdf(invoice: PrintedInvoice, lines: InvoiceLine[], payment: PaymentInstructions | null, creditorName: string,
  seller: Seller | null = null): Promise<Buffer> {
  const t = invoiceTexts(invoice.language);
  const slip = slipTexts(invoice.language);
  // Formatters made once per document: making one costs more than formatting with it. French
  // groups digits with a narrow no-break space, which the built-in fonts lack: a no-break space
  // prints the same.
  const narrow = (text: string) => text.replace(/[\u202f\u2009]/g, '\u00a0');
  const moneyFormat = new Intl.NumberFormat(invoice.language, { style: 'currency', currency: invoice.currency });
  const dayFormat = new Intl.DateTimeFormat(invoice.language, { dateStyle: 'long', timeZone: 'UTC' });
  const percentFormat = new Intl.NumberFormat(invoice.language, { style: 'percent', maximumFractionDigits: 2 });
  const kwhFormat = new Intl.NumberFormat(invoice.language, { minimumFractionDigits: 3, maximumFractionDigits: 3 });
  const countFormat = new Intl.NumberFormat(invoice.language, { maximumFractionDigits: 0 });
  const money = (minor: number) => narrow(moneyFormat.format(minor / 100));
  const day = (iso: string) => narrow(dayFormat.format(new Date(`${iso}T00:00:00Z`)));
  const percent = (bp: number) => narrow(percentFormat.format(bp / 10_000));
  const quantity = (line: InvoiceLine) => `${narrow((line.unit === 'kWh' ? kwhFormat : countFormat).format(Number(line.quantity)))} ${t[`unit_${line.unit}`]}`;
  const title = invoice.kind === 'invoice' ? t.invoice : t.credit_note;
  const due = amountDue(invoice);
  const eInvoice = carriesEInvoice(invoice, seller);
  const issued = invoice.issued_at.toISOString().slice(0, 10);
  // While something is due on it, an invoice that was reminded says which reminder it is.
  const reminder = invoice.kind === 'invoice' && due > 0 ? reminderLabel(invoice.language, invoice.reminder_level) : null;
  // Medium error correction, as EPC069-12 requires; drawn as squares, like the QR-bill's code.
  const qrCode = payment?.form === 'epc' && due > 0 && invoice.kind === 'invoice'
    ? QRCode.create(epcPayload({ bic: payment.bic, name: payment.creditor.name, iban: payment.account, reference: payment.reference, amountCents: due }), { errorCorrectionLevel: 'M' }).modules
    : null;

  return renderPdf((doc) => {
    const regular = (size: number) => doc.font('regular').fontSize(size);
    const bold = (size: number) => doc.font('bold').fontSize(size);
    const cell = (text: string, column: keyof typeof COLUMNS, y: number, align: 'left' | 'right' = 'right') =>
      doc.text(text, LEFT + COLUMNS[column][0], y, { width: COLUMNS[column][1], align });

    // Who bills, who is billed, and the invoice's facts.
    const creditorLine = payment ? [payment.creditor.name, payment.creditor.street, `${payment.creditor.postalCode} ${payment.creditor.city}`] : [creditorName];
    regular(9).text([...creditorLine, ...(seller?.vatId ? [`${t.vat_id} ${seller.vatId}`] : [])].join(' · '), LEFT, 50, { width: WIDTH });
    const buyer = invoice.buyer;
    const addressLines = buyer.address ? [buyer.address.unit, buyer.address.street, `${buyer.address.postalCode} ${buyer.address.city}`].filter(Boolean) : [];
    regular(11).text([...(buyer.company ? [buyer.company] : []), buyer.name, ...addressLines].join('\n'), LEFT, 90, { width: 250 });
    const facts: [string, string][] = [
      [t.number, invoice.number], [t.date, day(issued)], ...(invoice.kind === 'invoice' ? [[t.due, day(invoice.due_on)] as [string, string]] : []),
      [t.customer_number, buyer.customerNumber], ...(buyer.vatId ? [[t.vat_id, buyer.vatId] as [string, string]] : []),
      [t.reference, payment?.referenceFormatted ?? invoice.reference],
    ];
    let y = 90;
    for (const [label, value] of facts) {
      regular(9).text(label, LEFT + 280, y, { width: 95 });
      regular(9).text(value, LEFT + 375, y, { width: 120, align: 'right' });
      y += 14;
    }
    bold(18).text(`${title} ${invoice.number}`, LEFT, Math.max(doc.y, y) + 25, { width: WIDTH });
    if (reminder) bold(12).text(reminder, { width: WIDTH });
    if (invoice.reason) regular(10).text(`${t.reason}: ${invoice.reason}`, { width: WIDTH });

    // The lines, with the header again on every new page.
    const header = (top: number) => {
      bold(9);
      cell(t.description, 'description', top, 'left');
      cell(t.quantity, 'quantity', top);
      cell(t.vat, 'vat', top);
      cell(t.net, 'net', top);
      cell(t.gross, 'gross', top);
      doc.moveTo(LEFT, top + 13).lineTo(LEFT + WIDTH, top + 13).lineWidth(0.5).stroke();
      return top + 18;
    };
    y = header(doc.y + 10);
    for (const line of lines) {
      const height = regular(9).heightOfString(line.description, { width: COLUMNS.description[1] });
      if (y + height > doc.page.height - 80) {
        doc.addPage();
        y = header(50);
      }
      regular(9);
      cell(line.description, 'description', y, 'left');
      cell(quantity(line), 'quantity', y);
      cell(percent(line.vat_rate_bp), 'vat', y);
      cell(money(line.net_minor), 'net', y);
      cell(money(line.gross_minor), 'gross', y);
      y += Math.max(height, 11) + 4;
    }

    // Totals: net, VAT per rate, total.
    if (y > doc.page.height - 160) {
      doc.addPage();
      y = 50;
    }
    doc.moveTo(LEFT + 215, y).lineTo(LEFT + WIDTH, y).lineWidth(0.5).stroke();
    y += 6;
    const total = (label: string, amount: string, strong = false) => {
      (strong ? bold(10) : regular(9)).text(label, LEFT + 215, y, { width: 200 });
      doc.text(amount, LEFT + 415, y, { width: 80, align: 'right' });
      y += strong ? 16 : 13;
    };
    total(t.net_total, money(invoice.net_minor));
    for (const row of vatSummary(lines.map((l) => ({ vatRateBp: l.vat_rate_bp, netMinor: l.net_minor, vatMinor: l.vat_minor, grossMinor: l.gross_minor })))) {
      total(fill(t.vat_line, { rate: percent(row.vatRateBp), net: money(row.netMinor) }), money(row.vatMinor));
    }
    total(t.total, money(invoice.gross_minor), true);
    if (invoice.reminder_fees_minor > 0) total(t.reminder_fees, money(invoice.reminder_fees_minor));
    if ((invoice.paid_minor > 0 || invoice.reminder_fees_minor > 0) && due > 0) total(t.due_now, money(due), true);
    regular(8).text(invoice.prices_include_vat ? t.prices_include : t.prices_exclude, LEFT, y + 4, { width: WIDTH });
    if (eInvoice) regular(8).text(t.e_invoice, LEFT, doc.y + 2, { width: WIDTH });
    y = doc.y + 14;

    // Payment.
    if (invoice.kind !== 'invoice') return;
    if (due <= 0) {
      bold(10).text(t.paid, LEFT, y, { width: WIDTH });
      return;
    }
    if (!payment) return;
    if (y > doc.page.height - 220 - (payment.form === 'swiss_qr_bill' ? QR_BILL_HEIGHT : 0)) {
      doc.addPage();
      y = 50;
    }
    regular(10).text(fill(reminder ? t.reminder_pay : t.pay, { amount: money(due), due: day(invoice.due_on), reference: payment.referenceFormatted }), LEFT, y, { width: WIDTH });
    y = doc.y + 8;
    const rows: [string, string][] = [
      [slip.creditor, [payment.creditor.name, payment.creditor.street, `${payment.creditor.postalCode} ${payment.creditor.city}`].join(', ')],
      [slip.iban, payment.accountFormatted], ...(payment.bic ? [[slip.bic, payment.bic] as [string, string]] : []),
      [slip.reference, payment.referenceFormatted], [slip.amount, money(due)],
    ];
    for (const [label, value] of rows) {
      regular(9).text(label, LEFT, y, { width: 120 });
      bold(9).text(value, LEFT + 130, y, { width: WIDTH - 130 });
      y = doc.y + 3;
    }
    if (qrCode) {
      drawQrCode(doc, qrCode, LEFT, y + 8, 120);
      regular(9).text(t.scan, LEFT + 140, y + 30, { width: WIDTH - 140 });
    } else if (payment.form === 'swiss_qr_bill') {
      regular(9).text(t.qr_bill, LEFT, y + 8, { width: WIDTH });
      new SwissQRBill({
        currency: 'CHF', amount: due / 100, reference: payment.reference, message: `${title} ${invoice.number}`,
        creditor: { account: payment.account, name: payment.creditor.name, address: payment.creditor.street, zip: payment.creditor.postalCode, city: payment.creditor.city, country: payment.creditor.country },
        ...(buyer.address ? { debtor: { name: buyer.name, address: buyer.address.street, zip: buyer.address.postalCode, city: buyer.address.city, country: buyer.address.country } } : {}),
      }, { language: qrBillLanguage(invoice.language) }).attachTo(doc);
    }
  }, {
    title: `${title} ${invoice.number}`, language: invoice.language, standardFonts: fitsStandardFonts(printedTexts(invoice, lines, payment, creditorName, seller)),
    ...(eInvoice && {
      embed: { filename: FACTURX_FILENAME, xml: facturXml(invoice, lines, seller), documentType: 'INVOICE', conformanceLevel: FACTURX_CONFORMANCE, issuedAt: new Date(invoice.issued_at) },
    }),
  });
}

/** Every text the invoice prints that does not come from money or date formatting. */
function printedTexts(invoice: PrintedInvoice, lines: InvoiceLine[], payment: PaymentInstructions | null, creditorName: string, seller: Seller | null): string[] {
  const { buyer } = invoice;
  const business = [buyer.company ?? '', buyer.vatId ?? '', seller?.vatId ?? ''];
  const catalogue = Object.values(invoiceTexts(invoice.language)) as string[];
  const address = buyer.address ? [buyer.address.street, buyer.address.postalCode, buyer.address.city, buyer.address.unit ?? ''] : [];
  const creditor = payment ? Object.values(payment.creditor) : [creditorName];
  return [...catalogue, ...Object.values(slipTexts(invoice.language)), buyer.name, buyer.customerNumber, ...business, ...address, ...creditor, ...lines.map((l) => l.description)];
}
