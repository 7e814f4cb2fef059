import type { Static } from 'typebox';
import type { Settlement, SettlementContract, SettlementLine, SitePayoutAccountsTable } from '../../db/schema.ts';
import { parseSettlementPeriod, periodDays } from './settlements.amounts.ts';
import { maskIban } from './settlements.pdf.ts';
import type { ContractOut, SettlementDetailOut, SettlementOut, SiteAccountOut } from './settlements.schemas.ts';

const iso = (at: Date | string) => new Date(at).toISOString();

export function presentSettlement(s: Settlement): Static<typeof SettlementOut> {
  return {
    id: s.id, tenantId: s.tenant_id, period: s.period, ...periodDays(parseSettlementPeriod(s.period)!), startsAt: iso(s.starts_at), endsAt: iso(s.ends_at), countedFrom: s.counted_from ? iso(s.counted_from) : null,
    currency: s.currency, split: s.split, terminals: s.terminals, revenueMinor: s.revenue_minor, feesMinor: s.fees_minor,
    carriedInMinor: s.carried_in_minor, payoutMinor: s.payout_minor, carriedOutMinor: s.carried_out_minor, fees: s.fees,
    hasPayoutFile: s.pain001 !== null, createdAt: iso(s.created_at), createdBy: s.created_by,
  };
}

export function presentSettlementDetail(s: Settlement, lines: SettlementLine[]): Static<typeof SettlementDetailOut> {
  return {
    ...presentSettlement(s),
    lines: lines.map((l) => ({
      lineNo: l.line_no, siteId: l.site_id, siteName: l.site_name, terminals: l.terminals, revenueMinor: l.revenue_minor, feesMinor: l.fees_minor,
      payoutMinor: l.payout_minor, accountHolder: l.account_holder, ibanMasked: l.iban ? maskIban(l.iban) : null,
    })),
  };
}

export function presentContract(c: SettlementContract): Static<typeof ContractOut> {
  return {
    period: c.period, portalFeeMinor: c.portal_fee_minor, periodSurchargeMinor: c.period_surcharge_minor, pseudonymisedData: c.pseudonymised_data,
    pseudonymisedDataFeeMinor: c.pseudonymised_data_fee_minor, cardFeeBp: c.card_fee_bp, cardFeeFixedMinor: c.card_fee_fixed_minor,
    accountHolder: c.account_holder, iban: c.iban, bic: c.bic, split: c.split, updatedAt: iso(c.updated_at),
  };
}

export function presentSiteAccount(a: SitePayoutAccountsTable): Static<typeof SiteAccountOut> {
  return { siteId: a.site_id, accountHolder: a.account_holder, iban: a.iban, bic: a.bic };
}
