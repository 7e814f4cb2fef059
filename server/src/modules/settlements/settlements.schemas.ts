import { Type } from 'typebox';
import { Body } from '../../http/types.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const Minor = (description: string) => Type.Integer({ minimum: 0, maximum: 100_000_000, description });
export const PeriodKind = Type.Union([Type.Literal('yearly'), Type.Literal('quarterly'), Type.Literal('monthly')]);
export const Split = Type.Union([Type.Literal('combined'), Type.Literal('per_site')]);

export const SettlementRunInput = Body({
  period: Type.String({ pattern: '^[0-9]{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$', description: '2026 (yearly), 2026-Q3 (quarterly) or 2026-10 (monthly), as the contract settles' }),
});

export const FeeOut = Type.Object({
  kind: Type.Union([Type.Literal('portal'), Type.Literal('period_surcharge'), Type.Literal('pseudonymised_data'), Type.Literal('card')]),
  quantity: Type.Integer(),
  rateMinor: Type.Integer({ description: 'yearly price per unit, or the card fee in basis points' }),
  baseMinor: Type.Optional(Type.Integer({ description: 'card fees: the card top-ups they are taken from' })),
  amountMinor: Type.Integer(),
});

export const SettlementOut = Type.Object({
  id: Type.String(),
  tenantId: Type.String(),
  period: Type.String(),
  firstDay: Type.String({ format: 'date', description: 'the period\'s first day' }),
  lastDay: Type.String({ format: 'date', description: 'the period\'s last day' }),
  startsAt: Type.String({ format: 'date-time' }),
  endsAt: Type.String({ format: 'date-time' }),
  countedFrom: Nullable(Type.String({ format: 'date-time' })),
  currency: Type.String(),
  split: Split,
  terminals: Type.Integer(),
  revenueMinor: Type.Integer(),
  feesMinor: Type.Integer(),
  carriedInMinor: Type.Integer(),
  payoutMinor: Type.Integer(),
  carriedOutMinor: Type.Integer(),
  fees: Type.Array(FeeOut),
  hasPayoutFile: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
  createdBy: Type.String(),
});

export const OperatorSettlementOut = Type.Intersect([SettlementOut, Type.Object({ tenantName: Type.String(), shortCode: Type.String() })]);

export const SettlementDetailOut = Type.Intersect([SettlementOut, Type.Object({
  lines: Type.Array(Type.Object({
    lineNo: Type.Integer(),
    siteId: Nullable(Type.String()),
    siteName: Nullable(Type.String({ description: 'null: what belongs to no site' })),
    terminals: Type.Integer(),
    revenueMinor: Type.Integer(),
    feesMinor: Type.Integer(),
    payoutMinor: Type.Integer(),
    accountHolder: Nullable(Type.String()),
    ibanMasked: Nullable(Type.String()),
  })),
})]);

export const SettlementRunOut = Type.Object({ created: Type.Boolean({ description: 'false: the period had been settled before; nothing new was made' }), settlement: SettlementOut });

const ContractFields = {
  period: PeriodKind,
  portalFeeMinor: Minor('per installed terminal per year, one settlement a year included'),
  periodSurchargeMinor: Minor('per terminal per year for each extra settlement in a year'),
  pseudonymisedData: Type.Boolean({ description: 'the pseudonymised-usage-data option is booked' }),
  pseudonymisedDataFeeMinor: Minor('per year'),
  cardFeeBp: Type.Integer({ minimum: 0, maximum: 1000, description: 'card top-ups: basis points of the amount' }),
  cardFeeFixedMinor: Minor('card top-ups: per payment'),
  accountHolder: Nullable(Type.String({ minLength: 1, maxLength: 70 })),
  iban: Nullable(Type.String({ minLength: 15, maxLength: 42 })),
  bic: Nullable(Type.String({ maxLength: 11 })),
};

export const ContractInput = Body(ContractFields);

export const ContractOut = Type.Object({
  ...ContractFields,
  split: Split,
  updatedAt: Type.String({ format: 'date-time' }),
});

export const OperatorContractOut = Type.Object({
  tenantId: Type.String(),
  tenantName: Type.String(),
  shortCode: Type.String(),
  currency: Type.String(),
  contract: Nullable(ContractOut),
});

export const SiteAccountOut = Type.Object({ siteId: Type.String(), accountHolder: Type.String(), iban: Type.String(), bic: Nullable(Type.String()) });

export const OwnContractOut = Type.Object({ contract: Nullable(ContractOut), siteAccounts: Type.Array(SiteAccountOut) });

export const SplitInput = Body({ split: Split });

export const SiteAccountInput = Body({
  accountHolder: Type.String({ minLength: 1, maxLength: 70 }),
  iban: Type.String({ minLength: 15, maxLength: 42 }),
  bic: Type.Optional(Nullable(Type.String({ maxLength: 11 }))),
});

export const SiteParams = Type.Object({ siteId: Type.String({ format: 'uuid' }) }, { additionalProperties: false });
export const TenantSettlementParams = Type.Object({ tenantId: Type.String({ format: 'uuid' }), id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });
