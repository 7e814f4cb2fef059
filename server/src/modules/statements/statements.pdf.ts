// A resident's consumption statement as a PDF in their language: for whom it is made, the
// period, one row per charge, VAT per rate and the total, and that it is not an invoice.
import { fitsStandardFonts, renderPdf } from '../../pdf/render.ts';
import { vatSummary } from '../invoices/invoices.amounts.ts';
import { fill, invoiceTexts } from '../invoices/invoices.texts.ts';
import { statementTexts } from './statements.texts.ts';
import type { MonthStatements, Statement } from './statements.usecases.ts';

const LEFT = 50;
const WIDTH = 495;
const COLUMNS = { description: [0, 215], quantity: [215, 80], vat: [295, 50], net: [345, 70], gross: [415, 80] } as const;

export function renderStatementPdf(month: MonthStatements, statement: Statement): Promise<Buffer> {
  const language = statement.language;
  const t = statementTexts(language);
  const units = invoiceTexts(language);
  const narrow = (text: string) => text.replace(/[\u202f\u2009]/g, '\u00a0');
  const moneyFormat = new Intl.NumberFormat(language, { style: 'currency', currency: month.currency });
  const dayFormat = new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: month.timeZone });
  const percentFormat = new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 2 });
  const kwhFormat = new Intl.NumberFormat(language, { minimumFractionDigits: 3, maximumFractionDigits: 3 });
  const money = (minor: number) => narrow(moneyFormat.format(minor / 100));
  const percent = (bp: number) => narrow(percentFormat.format(bp / 10_000));
  const title = fill(t.title, { period: month.period });
  const unitOf = (unit: string) => units[`unit_${unit}` as keyof typeof units] ?? unit;
  const quantity = (q: string, unit: string) => `${narrow(unit === 'kWh' ? kwhFormat.format(Number(q)) : q)} ${unitOf(unit)}`;
  const texts = [...Object.values(t), statement.name, month.owner, ...statement.lines.map((l) => l.description)];

  return renderPdf((doc) => {
    const regular = (size: number) => doc.font('regular').fontSize(size);
    const bold = (size: number) => doc.font('bold').fontSize(size);
    const cell = (text: string, column: keyof typeof COLUMNS, y: number, align: 'left' | 'right' = 'right') =>
      doc.text(text, LEFT + COLUMNS[column][0], y, { width: COLUMNS[column][1], align });

    regular(9).text(fill(t.owner, { owner: month.owner }), LEFT, 50, { width: WIDTH });
    regular(11).text(statement.name, LEFT, 80, { width: 250 });
    const lastDay = new Date(month.endsAt.getTime() - 12 * 3600_000);
    const facts: [string, string][] = [
      [t.customer, statement.customerNumber],
      [t.period, narrow(fill(t.from_to, { from: dayFormat.format(month.startsAt), to: dayFormat.format(lastDay) }))],
    ];
    let y = 80;
    for (const [label, value] of facts) {
      regular(9).text(label, LEFT + 250, y, { width: 95 });
      regular(9).text(value, LEFT + 345, y, { width: 150, align: 'right' });
      y += 14;
    }
    bold(18).text(title, LEFT, Math.max(doc.y, y) + 25, { width: WIDTH });
    regular(10).text(fill(t.not_invoice, { owner: month.owner }), { width: WIDTH });

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
    if (statement.lines.length === 0) {
      regular(9).text(t.none, LEFT, y, { width: WIDTH });
      y = doc.y + 6;
    }
    for (const line of statement.lines) {
      const height = regular(9).heightOfString(line.description, { width: COLUMNS.description[1] });
      if (y + height > doc.page.height - 80) {
        doc.addPage();
        y = header(50);
      }
      regular(9);
      cell(line.description, 'description', y, 'left');
      cell(quantity(line.quantity, line.unit), 'quantity', y);
      cell(percent(line.vatRateBp), 'vat', y);
      cell(money(line.netMinor), 'net', y);
      cell(money(line.grossMinor), 'gross', y);
      y += Math.max(height, 11) + 4;
    }

    if (y > doc.page.height - 140) {
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
    total(t.net_total, money(statement.netMinor));
    for (const row of vatSummary(statement.lines)) total(fill(t.vat_line, { rate: percent(row.vatRateBp), net: money(row.netMinor) }), money(row.vatMinor));
    total(t.total, money(statement.grossMinor), true);
    regular(8).text(month.pricesIncludeVat ? t.prices_include : t.prices_exclude, LEFT, y + 10, { width: WIDTH });
  }, { title, standardFonts: fitsStandardFonts(texts) });
}
