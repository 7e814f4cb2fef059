// The arithmetic of a settlement, without the database: periods, the platform's fees and how the
// payout is split over bank accounts. Yearly prices become a period's share rounded half up per
// site; every amount is integer minor units.
import type { SettlementFee, SettlementPeriodKind, SettlementSplit } from '../../db/schema.ts';

export const PERIODS_PER_YEAR: Record<SettlementPeriodKind, number> = { yearly: 1, quarterly: 4, monthly: 12 };

export interface SettlementPeriod {
  period: string;
  kind: SettlementPeriodKind;
  year: number;
  /** 1–12 */
  firstMonth: number;
  months: number;
}

const PERIOD = /^(\d{4})(?:-Q([1-4])|-(0[1-9]|1[0-2]))?$/;

/** "2026" (a year), "2026-Q3" (a quarter) or "2026-10" (a month). */
export function parseSettlementPeriod(text: string): SettlementPeriod | null {
  const match = PERIOD.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  if (match[2]) return { period: text, kind: 'quarterly', year, firstMonth: (Number(match[2]) - 1) * 3 + 1, months: 3 };
  if (match[3]) return { period: text, kind: 'monthly', year, firstMonth: Number(match[3]), months: 1 };
  return { period: text, kind: 'yearly', year, firstMonth: 1, months: 12 };
}

/** The period's first and last calendar day (YYYY-MM-DD). */
export function periodDays(period: SettlementPeriod): { firstDay: string; lastDay: string } {
  const pad = (n: number) => String(n).padStart(2, '0');
  const lastMonth = period.firstMonth + period.months - 1;
  const lastDate = new Date(Date.UTC(period.year, lastMonth, 0)).getUTCDate();
  return { firstDay: `${period.year}-${pad(period.firstMonth)}-01`, lastDay: `${period.year}-${pad(lastMonth)}-${pad(lastDate)}` };
}

/** The period of this kind that ended last before `today` (YYYY-MM-DD), for a default. */
export function lastEndedPeriod(kind: SettlementPeriodKind, today: string): string {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  if (kind === 'yearly') return String(year - 1);
  if (kind === 'quarterly') {
    const quarter = Math.ceil(month / 3) - 1;
    return quarter === 0 ? `${year - 1}-Q4` : `${year}-Q${quarter}`;
  }
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

/** A yearly amount's share for one period, half up. */
export function perPeriod(yearlyMinor: number, kind: SettlementPeriodKind): number {
  const n = PERIODS_PER_YEAR[kind];
  return Math.floor((2 * yearlyMinor + n) / (2 * n));
}

export interface FeeTerms {
  period: SettlementPeriodKind;
  portalFeeMinor: number;
  periodSurchargeMinor: number;
  pseudonymisedData: boolean;
  pseudonymisedDataFeeMinor: number;
  cardFeeBp: number;
  cardFeeFixedMinor: number;
}

/** Portal fee and period surcharge of one site's terminals for one period. */
export function terminalFees(terms: FeeTerms, terminals: number): { portal: number; surcharge: number } {
  const extraPeriods = PERIODS_PER_YEAR[terms.period] - 1;
  return {
    portal: perPeriod(terminals * terms.portalFeeMinor, terms.period),
    surcharge: perPeriod(terminals * extraPeriods * terms.periodSurchargeMinor, terms.period),
  };
}

export interface SiteFigures {
  siteId: string | null;
  terminals: number;
  revenueMinor: number;
}

export interface CardFigures {
  count: number;
  amountMinor: number;
}

export interface FeeResult {
  /** Per site (same order as given): its portal fee and surcharge. The line without a site carries the rest. */
  perSite: number[];
  /** The fees that belong to no site: the data option and card fees. */
  general: number;
  lines: SettlementFee[];
  total: number;
}

/** Every fee of the period, per site and as the statement's lines (whose sum is the total). */
export function settlementFees(terms: FeeTerms, sites: SiteFigures[], cards: CardFigures): FeeResult {
  const extraPeriods = PERIODS_PER_YEAR[terms.period] - 1;
  let portal = 0;
  let surcharge = 0;
  const perSite = sites.map((site) => {
    const fees = terminalFees(terms, site.terminals);
    portal += fees.portal;
    surcharge += fees.surcharge;
    return fees.portal + fees.surcharge;
  });
  const terminals = sites.reduce((sum, s) => sum + s.terminals, 0);
  const lines: SettlementFee[] = [{ kind: 'portal', quantity: terminals, rateMinor: terms.portalFeeMinor, amountMinor: portal }];
  if (extraPeriods > 0) lines.push({ kind: 'period_surcharge', quantity: terminals * extraPeriods, rateMinor: terms.periodSurchargeMinor, amountMinor: surcharge });
  let general = 0;
  if (terms.pseudonymisedData) {
    const amount = perPeriod(terms.pseudonymisedDataFeeMinor, terms.period);
    lines.push({ kind: 'pseudonymised_data', quantity: 1, rateMinor: terms.pseudonymisedDataFeeMinor, amountMinor: amount });
    general += amount;
  }
  if (cards.count > 0 && (terms.cardFeeBp > 0 || terms.cardFeeFixedMinor > 0)) {
    const amount = Math.floor((2 * cards.amountMinor * terms.cardFeeBp + 10_000) / 20_000) + cards.count * terms.cardFeeFixedMinor;
    lines.push({ kind: 'card', quantity: cards.count, rateMinor: terms.cardFeeBp, baseMinor: cards.amountMinor, amountMinor: amount });
    general += amount;
  }
  return { perSite, general, lines, total: portal + surcharge + general };
}

export interface PayoutLine {
  /** Revenue minus fees of the line. */
  netMinor: number;
  /** The line has a bank account of its own (a site's); otherwise its money goes to the contract's account. */
  ownAccount: boolean;
}

export interface Payout {
  /** Per line: what is paid to that line's account; the main line (index `main`) to the contract's. */
  perLine: number[];
  payout: number;
  /** What remains owed to the platform (zero or negative), carried into the next settlement. */
  carriedOut: number;
}

/**
 * What is paid, and to which account. Nothing when fees and an earlier shortfall exceed the revenue
 * (the shortfall is carried). Split per site, each site with an account of its own gets its net;
 * what is negative, belongs to no site or to a site without an account goes over the main line; if
 * that leaves the main line below zero, the largest site payouts cover it.
 */
export function allocatePayout(lines: PayoutLine[], main: number, carriedIn: number, split: SettlementSplit): Payout {
  const total = carriedIn + lines.reduce((sum, l) => sum + l.netMinor, 0);
  const perLine = lines.map(() => 0);
  if (total <= 0) return { perLine, payout: 0, carriedOut: total };
  if (split === 'per_site') {
    lines.forEach((line, index) => { if (index !== main && line.ownAccount && line.netMinor > 0) perLine[index] = line.netMinor; });
  }
  let rest = total - perLine.reduce((sum, p) => sum + p, 0);
  while (rest < 0) {
    const largest = perLine.reduce((best, p, index) => (p > perLine[best]! ? index : best), 0);
    const take = Math.min(perLine[largest]!, -rest);
    perLine[largest] = perLine[largest]! - take;
    rest += take;
  }
  perLine[main] = rest;
  return { perLine, payout: total, carriedOut: 0 };
}
