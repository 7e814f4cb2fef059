// The arithmetic of an invoice, in integer minor units. VAT is computed and rounded per line
// (half up, to the minor unit), and the invoice's totals are the sums of its lines, so the VAT per
// rate printed on an invoice always equals the sum of the lines at that rate:
// - prices including VAT: net = round(gross × 10000 / (10000 + rate)), VAT = gross − net;
// - prices excluding VAT: VAT = round(net × rate / 10000), gross = net + VAT.
// Rates are basis points (2000 = 20 %). docs/billing.md says the same for people.

export interface LineAmounts { netMinor: number; vatMinor: number; grossMinor: number }

/** a / b rounded half up, for a ≥ 0 and b > 0 (exact in doubles far beyond any invoice). */
export function divideHalfUp(a: number, b: number): number {
  return Math.floor((2 * a + b) / (2 * b));
}

export function lineAmounts(priceMinor: number, vatRateBp: number, pricesIncludeVat: boolean): LineAmounts {
  if (!Number.isSafeInteger(priceMinor) || priceMinor < 0) throw new RangeError(`not an amount: ${priceMinor}`);
  if (!Number.isInteger(vatRateBp) || vatRateBp < 0 || vatRateBp > 10_000) throw new RangeError(`not a VAT rate: ${vatRateBp}`);
  if (pricesIncludeVat) {
    const netMinor = divideHalfUp(priceMinor * 10_000, 10_000 + vatRateBp);
    return { netMinor, vatMinor: priceMinor - netMinor, grossMinor: priceMinor };
  }
  const vatMinor = divideHalfUp(priceMinor * vatRateBp, 10_000);
  return { netMinor: priceMinor, vatMinor, grossMinor: priceMinor + vatMinor };
}

export interface VatRow { vatRateBp: number; netMinor: number; vatMinor: number; grossMinor: number }

/** The VAT summary of an invoice: per rate, the sums of its lines at that rate, highest rate first. */
export function vatSummary(lines: Array<LineAmounts & { vatRateBp: number }>): VatRow[] {
  const byRate = new Map<number, VatRow>();
  for (const line of lines) {
    const row = byRate.get(line.vatRateBp) ?? { vatRateBp: line.vatRateBp, netMinor: 0, vatMinor: 0, grossMinor: 0 };
    row.netMinor += line.netMinor;
    row.vatMinor += line.vatMinor;
    row.grossMinor += line.grossMinor;
    byRate.set(line.vatRateBp, row);
  }
  return [...byRate.values()].sort((a, b) => b.vatRateBp - a.vatRateBp);
}

export function totals(lines: LineAmounts[]): LineAmounts {
  return lines.reduce((sum, l) => ({ netMinor: sum.netMinor + l.netMinor, vatMinor: sum.vatMinor + l.vatMinor, grossMinor: sum.grossMinor + l.grossMinor }),
    { netMinor: 0, vatMinor: 0, grossMinor: 0 });
}

/** What an invoice asks for in all: its total, and the fees its reminders added (no VAT on those: they are compensation, not a sale). */
export const amountOwed = (invoice: { gross_minor: number; reminder_fees_minor: number }): number => invoice.gross_minor + invoice.reminder_fees_minor;

/** What is still to pay on an invoice, reminder fees included: nothing on a credit note, a paid or a credited invoice. */
export function amountDue(invoice: { kind: string; status: string; gross_minor: number; paid_minor: number; reminder_fees_minor: number }): number {
  return invoice.kind === 'invoice' && invoice.status === 'open' ? Math.max(0, amountOwed(invoice) - invoice.paid_minor) : 0;
}

/** 2026-000042: the year, then the gapless sequence of that year. */
export const invoiceNumber = (year: number, sequence: number) => `${year}-${String(sequence).padStart(6, '0')}`;

const PERIOD = /^([0-9]{4})-(0[1-9]|1[0-2])$/;

/** A billing period, `YYYY-MM`; null when the text is not one. */
export function parsePeriod(text: string): { year: number; month: number } | null {
  const match = PERIOD.exec(text);
  return match ? { year: Number(match[1]), month: Number(match[2]) } : null;
}
