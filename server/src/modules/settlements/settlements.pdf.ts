// The settlement statement as a PDF in the property manager's language: the period, the revenue
// per site with its fees, the platform's fees line by line, the totals with what was carried, and
// where the payout went. Everything printed comes from the stored settlement, so the statement of
// a settlement is the same whenever it is downloaded.
import type { Settlement, SettlementLine } from '../../db/schema.ts';
import { fitsStandardFonts, renderPdf } from '../../pdf/render.ts';
import { fill } from '../invoices/invoices.texts.ts';
import { PERIODS_PER_YEAR } from './settlements.amounts.ts';
import { settlementTexts } from './settlements.texts.ts';

const LEFT = 50;
const WIDTH = 495;
/** Columns of the site table: x offset from LEFT and width. */
const COLUMNS = { site: [0, 175], terminals: [175, 55], revenue: [230, 70], fees: [300, 60], net: [360, 65], payout: [425, 70] } as const;


/** IBANs are printed masked but for the country, check digits and the last four characters. */
export const maskIban = (iban: string) => `${iban.slice(0, 4)} •••• ${iban.slice(-4)}`;

export function renderSettlementPdf(settlement: Settlement, lines: SettlementLine[], managerName: string, timeZone: string): Promise<Buffer> {
  const t = settlementTexts(settlement.language);
  const narrow = (text: string) => text.replace(/[\u202f\u2009]/g, '\u00a0');
  const moneyFormat = new Intl.NumberFormat(settlement.language, { style: 'currency', currency: settlement.currency });
  const dayFormat = new Intl.DateTimeFormat(settlement.language, { dateStyle: 'long', timeZone });
  const percentFormat = new Intl.NumberFormat(settlement.language, { style: 'percent', maximumFractionDigits: 2 });
  const money = (minor: number) => narrow(moneyFormat.format(minor / 100));
  const day = (at: Date) => narrow(dayFormat.format(at));
  // The last day of the period is the day before its end.
  const lastDay = (end: Date) => day(new Date(end.getTime() - 12 * 3600_000));
  const title = fill(t.title, { period: settlement.period });
  const periods = PERIODS_PER_YEAR[settlement.period.includes('-Q') ? 'quarterly' : settlement.period.length === 7 ? 'monthly' : 'yearly'];
  const siteName = (line: SettlementLine) => line.site_name ?? t.no_site;
  const feeText = (fee: Settlement['fees'][number]) => fill(t[`fee_${fee.kind}`], {
    quantity: String(fee.quantity),
    rate: fee.kind === 'card' ? narrow(percentFormat.format(fee.rateMinor / 10_000)) : money(fee.rateMinor),
    base: money(fee.baseMinor ?? 0),
  }) + (fee.kind === 'card' || periods === 1 ? '' : ` (${fill(t.share, { share: `1/${periods}` })})`);
  // Split per site, each line shows what it paid; combined, the one payout is listed below.
  const perSite = settlement.split === 'per_site';
  const shown = lines.filter((l) => l.site_id !== null || l.revenue_minor !== 0 || l.fees_minor !== 0 || (perSite && l.payout_minor !== 0));
  const texts = [...Object.values(t), managerName, ...lines.map(siteName), ...lines.map((l) => l.account_holder ?? '')];

  return renderPdf((doc) => {
    const regular = (size: number) => doc.font('regular').fontSize(size);
    const bold = (size: number) => doc.font('bold').fontSize(size);
    const cell = (text: string, column: keyof typeof COLUMNS, y: number, align: 'left' | 'right' = 'right') =>
      doc.text(text, LEFT + COLUMNS[column][0], y, { width: COLUMNS[column][1], align });

    bold(18).text(title, LEFT, 50, { width: WIDTH });
    const counted = settlement.counted_from
      ? fill(t.counted, { from: day(new Date(settlement.counted_from)), to: lastDay(new Date(settlement.ends_at)) })
      : fill(t.counted_all, { to: lastDay(new Date(settlement.ends_at)) });
    regular(10).text(fill(t.manager, { name: managerName }), { width: WIDTH })
      .text(fill(t.period, { from: day(new Date(settlement.starts_at)), to: lastDay(new Date(settlement.ends_at)) }), { width: WIDTH })
      .text(counted, { width: WIDTH })
      .text(fill(t.created, { date: day(new Date(settlement.created_at)) }), { width: WIDTH });

    // Per site: terminals, revenue, fees, net, payout.
    const header = (top: number) => {
      bold(9);
      cell(t.site, 'site', top, 'left');
      cell(t.terminals, 'terminals', top);
      cell(t.revenue, 'revenue', top);
      cell(t.fees, 'fees', top);
      cell(t.net, 'net', top);
      if (perSite) cell(t.payout, 'payout', top);
      doc.moveTo(LEFT, top + 13).lineTo(LEFT + WIDTH, top + 13).lineWidth(0.5).stroke();
      return top + 18;
    };
    let y = header(doc.y + 20);
    for (const line of shown) {
      const height = regular(9).heightOfString(siteName(line), { width: COLUMNS.site[1] });
      if (y + height > doc.page.height - 80) {
        doc.addPage();
        y = header(50);
      }
      regular(9);
      cell(siteName(line), 'site', y, 'left');
      cell(String(line.terminals), 'terminals', y);
      cell(money(line.revenue_minor), 'revenue', y);
      cell(money(line.fees_minor), 'fees', y);
      cell(money(line.revenue_minor - line.fees_minor), 'net', y);
      if (perSite) cell(money(line.payout_minor), 'payout', y);
      y += Math.max(height, 11) + 4;
    }

    // The fees line by line, then the totals.
    if (y > doc.page.height - 260) {
      doc.addPage();
      y = 50;
    }
    y += 14;
    const row = (label: string, amount: string, strong = false) => {
      const height = (strong ? bold(10) : regular(9)).heightOfString(label, { width: 380 });
      (strong ? bold(10) : regular(9)).text(label, LEFT, y, { width: 380 });
      doc.text(amount, LEFT + 380, y, { width: WIDTH - 380, align: 'right' });
      y += Math.max(height, 11) + 5;
    };
    bold(11).text(t.fees, LEFT, y);
    y += 18;
    for (const fee of settlement.fees) row(feeText(fee), money(fee.amountMinor));
    row(t.fees_total, money(settlement.fees_minor), true);
    y += 8;
    row(t.revenue_total, money(settlement.revenue_minor));
    row(t.fees_total, money(-settlement.fees_minor));
    if (settlement.carried_in_minor !== 0) row(t.carried_in, money(settlement.carried_in_minor));
    if (settlement.carried_out_minor !== 0) row(t.carried_out, money(-settlement.carried_out_minor));
    row(t.payout_total, money(settlement.payout_minor), true);

    // Where the money went.
    y += 8;
    const paid = lines.filter((l) => l.payout_minor > 0);
    if (paid.length === 0) {
      regular(9).text(t.no_payout, LEFT, y, { width: WIDTH });
      y = doc.y + 6;
    }
    for (const line of paid) row(`${fill(t.paid_line, { holder: line.account_holder!, iban: maskIban(line.iban!) })}${line.site_name ? ` · ${line.site_name}` : ''}`, money(line.payout_minor));
    if (settlement.file_name) regular(8).text(fill(t.file, { file: settlement.file_name }), LEFT, y + 4, { width: WIDTH });
    regular(8).text(t.vat_note, LEFT, doc.y + 10, { width: WIDTH });
  }, { title, standardFonts: fitsStandardFonts(texts) });
}
