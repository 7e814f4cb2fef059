// What the settlement endpoints return (server/src/modules/settlements/settlements.schemas.ts).
export type PeriodKind = 'yearly' | 'quarterly' | 'monthly';
export type Split = 'combined' | 'per_site';

export interface SettlementFee {
  kind: 'portal' | 'period_surcharge' | 'pseudonymised_data' | 'card';
  quantity: number;
  rateMinor: number;
  baseMinor?: number;
  amountMinor: number;
}

export interface Settlement {
  id: string;
  tenantId: string;
  period: string;
  firstDay: string;
  lastDay: string;
  startsAt: string;
  endsAt: string;
  countedFrom: string | null;
  currency: string;
  split: Split;
  terminals: number;
  revenueMinor: number;
  feesMinor: number;
  carriedInMinor: number;
  payoutMinor: number;
  carriedOutMinor: number;
  fees: SettlementFee[];
  hasPayoutFile: boolean;
  createdAt: string;
  createdBy: string;
}

export interface OperatorSettlement extends Settlement { tenantName: string; shortCode: string }

export interface SettlementLine {
  lineNo: number;
  siteId: string | null;
  siteName: string | null;
  terminals: number;
  revenueMinor: number;
  feesMinor: number;
  payoutMinor: number;
  accountHolder: string | null;
  ibanMasked: string | null;
}

export interface SettlementDetail extends Settlement { lines: SettlementLine[] }

export interface Contract {
  period: PeriodKind;
  portalFeeMinor: number;
  periodSurchargeMinor: number;
  pseudonymisedData: boolean;
  pseudonymisedDataFeeMinor: number;
  cardFeeBp: number;
  cardFeeFixedMinor: number;
  accountHolder: string | null;
  iban: string | null;
  bic: string | null;
  split: Split;
  updatedAt: string;
}

export interface SiteAccount { siteId: string; accountHolder: string; iban: string; bic: string | null }

export interface OwnContract { contract: Contract | null; siteAccounts: SiteAccount[] }

export interface OperatorContract { tenantId: string; tenantName: string; shortCode: string; currency: string; contract: Contract | null }

export const statementUrl = (s: Pick<Settlement, 'id'>) => `/api/settlements/${s.id}/statement`;
export const payoutFileUrl = (s: Pick<Settlement, 'id'>) => `/api/settlements/${s.id}/payout-file`;
export const operatorStatementUrl = (s: Pick<Settlement, 'id' | 'tenantId'>) => `/api/operator/tenants/${s.tenantId}/settlements/${s.id}/statement`;
export const operatorPayoutFileUrl = (s: Pick<Settlement, 'id' | 'tenantId'>) => `/api/operator/tenants/${s.tenantId}/settlements/${s.id}/payout-file`;
export const maskIban = (iban: string) => `${iban.slice(0, 4)} •••• ${iban.slice(-4)}`;
