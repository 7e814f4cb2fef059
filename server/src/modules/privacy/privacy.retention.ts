// How long bookkeeping records must be kept, by the tenant's country. As configured from the
// commercial and tax codes (AT: BAO §132; CH: OR Art. 958f; DE: AO §147 / HGB §257 for
// invoices; FR: Code de commerce L123-22; BE: WIB/CIR 92 art. 315; NL: AWR art. 52; PL:
// Ordynacja podatkowa art. 86, counted from the end of the year): not legal advice, and a
// country not listed keeps 10 years, the longest of them.
export const BOOKKEEPING_YEARS: Record<string, number> = { AT: 7, CH: 10, DE: 10, FR: 10, BE: 7, NL: 7, PL: 5 };
const FALLBACK_YEARS = 10;

/** The last day the bookkeeping of a person erased `now` must be kept (end of the year + N years). */
export function retainUntil(country: string, now: Date): string {
  const years = BOOKKEEPING_YEARS[country.trim().toUpperCase()] ?? FALLBACK_YEARS;
  return `${now.getUTCFullYear() + years}-12-31`;
}
