// A wallet statement as CSV and as PDF, in the person's language.
import type { Language } from '../../db/schema.ts';
import { renderPdf } from '../../pdf/render.ts';
import type { walletStatement } from './wallets.usecases.ts';
import de from './i18n/de.json' with { type: 'json' };
import en from './i18n/en.json' with { type: 'json' };
import fr from './i18n/fr.json' with { type: 'json' };
import nl from './i18n/nl.json' with { type: 'json' };
import pl from './i18n/pl.json' with { type: 'json' };

type Statement = Awaited<ReturnType<typeof walletStatement>>;
type Period = { from: Date | null; to: Date | null };

const texts = { de, en, fr, nl, pl } satisfies Record<Language, typeof en>;
const locales: Record<Language, string> = { de: 'de-AT', fr: 'fr-CH', nl: 'nl-NL', pl: 'pl-PL', en: 'en-GB' };

function describe(t: typeof en, line: Statement['lines'][number]): string {
  const code = t.codes[line.code as keyof typeof en.codes] ?? line.code;
  return line.note ? `${code}: ${line.note}` : code;
}

/** Decimal major units with a dot, for spreadsheets: 1250 -> "12.50". */
function decimal(minor: number): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function statementCsv(s: Statement, language: Language): string {
  const t = texts[language];
  const rows = [[t.date, t.description, `${t.amount} (${s.currency})`, `${t.balance} (${s.currency})`]];
  for (const line of s.lines) rows.push([line.at.toISOString(), describe(t, line), decimal(line.amount), decimal(line.balance)]);
  // A byte-order mark so spreadsheet programs read the file as UTF-8.
  return '\uFEFF' + rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

export function statementPdf(s: Statement, language: Language, period: Period): Promise<Buffer> {
  const t = texts[language];
  const money = new Intl.NumberFormat(locales[language], { style: 'currency', currency: s.currency });
  const date = new Intl.DateTimeFormat(locales[language], { dateStyle: 'medium', timeStyle: 'short' });
  const day = new Intl.DateTimeFormat(locales[language], { dateStyle: 'medium' });
  const periodText = period.from || period.to
    ? [period.from && `${t.from} ${day.format(period.from)}`, period.to && `${t.until} ${day.format(period.to)}`].filter(Boolean).join(' ')
    : t.all;
  return renderPdf((doc) => {
    doc.font('bold').fontSize(18).text(t.title);
    doc.font('regular').fontSize(10).moveDown(0.5)
      .text(`${s.person.first_name} ${s.person.last_name} · ${t.customerNumber} ${s.person.customer_number}`)
      .text(`${t.period}: ${periodText}`).moveDown();
    const columns = [50, 170, 390, 470];
    const row = (cells: string[], bold = false) => {
      const y = doc.y;
      doc.font(bold ? 'bold' : 'regular').fontSize(9);
      cells.forEach((cell, i) => doc.text(cell, columns[i]!, y, { width: (columns[i + 1] ?? 545) - columns[i]! - 8, align: i >= 2 ? 'right' : 'left' }));
      doc.moveDown(0.4);
      if (doc.y > 770) doc.addPage();
    };
    row([t.date, t.description, t.amount, t.balance], true);
    row(['', t.opening, '', money.format(s.opening / 100)]);
    for (const line of s.lines) row([date.format(line.at), describe(t, line), money.format(line.amount / 100), money.format(line.balance / 100)]);
    row(['', t.closing, '', money.format(s.closing / 100)], true);
  }, { title: t.title });
}
