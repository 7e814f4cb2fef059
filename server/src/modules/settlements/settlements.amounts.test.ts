import { describe, expect, it } from 'vitest';
import { allocatePayout, lastEndedPeriod, parseSettlementPeriod, periodDays, perPeriod, settlementFees, terminalFees, type FeeTerms } from './settlements.amounts.ts';

const terms = (period: FeeTerms['period']): FeeTerms => ({
  period, portalFeeMinor: 12_000, periodSurchargeMinor: 500, pseudonymisedData: false, pseudonymisedDataFeeMinor: 5_000, cardFeeBp: 0, cardFeeFixedMinor: 0,
});

describe('periods', () => {
  it('reads a year, a quarter and a month, and nothing else', () => {
    expect(parseSettlementPeriod('2026')).toEqual({ period: '2026', kind: 'yearly', year: 2026, firstMonth: 1, months: 12 });
    expect(parseSettlementPeriod('2026-Q3')).toEqual({ period: '2026-Q3', kind: 'quarterly', year: 2026, firstMonth: 7, months: 3 });
    expect(parseSettlementPeriod('2026-10')).toEqual({ period: '2026-10', kind: 'monthly', year: 2026, firstMonth: 10, months: 1 });
    for (const bad of ['2026-Q0', '2026-Q5', '2026-13', '26', '2026-1', '2026-q3']) expect(parseSettlementPeriod(bad)).toBeNull();
  });

  it('knows a period\'s first and last day', () => {
    expect(periodDays(parseSettlementPeriod('2024-Q1')!)).toEqual({ firstDay: '2024-01-01', lastDay: '2024-03-31' });
    expect(periodDays(parseSettlementPeriod('2024-02')!)).toEqual({ firstDay: '2024-02-01', lastDay: '2024-02-29' });
    expect(periodDays(parseSettlementPeriod('2025')!)).toEqual({ firstDay: '2025-01-01', lastDay: '2025-12-31' });
  });

  it('names the last period that ended', () => {
    expect(lastEndedPeriod('yearly', '2026-12-06')).toBe('2025');
    expect(lastEndedPeriod('quarterly', '2026-12-06')).toBe('2026-Q3');
    expect(lastEndedPeriod('quarterly', '2026-02-01')).toBe('2025-Q4');
    expect(lastEndedPeriod('monthly', '2026-01-15')).toBe('2025-12');
  });
});

describe('fees', () => {
  it('turns 120 per terminal and year into 135 when settled quarterly (the seed\'s example)', () => {
    const quarter = terminalFees(terms('quarterly'), 1);
    expect(quarter).toEqual({ portal: 3_000, surcharge: 375 });
    expect(4 * (quarter.portal + quarter.surcharge)).toBe(13_500);
    expect(terminalFees(terms('yearly'), 1)).toEqual({ portal: 12_000, surcharge: 0 });
  });

  it('rounds a period\'s share half up, per site', () => {
    expect(perPeriod(17_500, 'monthly')).toBe(1_458); // 1,458.33
    expect(perPeriod(6, 'quarterly')).toBe(2); // 1.5
    const fees = settlementFees(terms('monthly'), [{ siteId: 'a', terminals: 1, revenueMinor: 0 }, { siteId: 'b', terminals: 1, revenueMinor: 0 }], { count: 0, amountMinor: 0 });
    expect(fees.perSite).toEqual([1_000 + 458, 1_000 + 458]);
    expect(fees.lines.reduce((sum, l) => sum + l.amountMinor, 0)).toBe(fees.total);
  });

  it('takes card fees as basis points of the top-ups plus a fixed part per payment', () => {
    const fees = settlementFees({ ...terms('yearly'), cardFeeBp: 140, cardFeeFixedMinor: 25 }, [], { count: 3, amountMinor: 12_345 });
    expect(fees.lines).toEqual([
      { kind: 'portal', quantity: 0, rateMinor: 12_000, amountMinor: 0 },
      { kind: 'card', quantity: 3, rateMinor: 140, baseMinor: 12_345, amountMinor: 173 + 75 },
    ]);
    expect(fees.general).toBe(248);
  });
});

describe('payout', () => {
  it('pays nothing and carries the shortfall when fees exceed revenue', () => {
    expect(allocatePayout([{ netMinor: -500, ownAccount: false }, { netMinor: 300, ownAccount: true }], 0, -100, 'per_site'))
      .toEqual({ perLine: [0, 0], payout: 0, carriedOut: -300 });
  });

  it('pays everything to the main account when combined', () => {
    expect(allocatePayout([{ netMinor: 100, ownAccount: false }, { netMinor: 900, ownAccount: true }], 0, -50, 'combined'))
      .toEqual({ perLine: [950, 0], payout: 950, carriedOut: 0 });
  });

  it('split per site, pays each site with an account its net, the rest to the main account, and never a line below zero', () => {
    expect(allocatePayout([{ netMinor: 100, ownAccount: false }, { netMinor: 900, ownAccount: true }, { netMinor: 400, ownAccount: false }], 0, 0, 'per_site'))
      .toEqual({ perLine: [500, 900, 0], payout: 1_400, carriedOut: 0 });
    // The main line's deficit comes out of the largest site payout first.
    expect(allocatePayout([{ netMinor: -700, ownAccount: false }, { netMinor: 900, ownAccount: true }, { netMinor: 500, ownAccount: true }], 0, -100, 'per_site'))
      .toEqual({ perLine: [0, 100, 500], payout: 600, carriedOut: 0 });
  });
});
