// Settlement runs: once per tenant and period (its contract says yearly, quarterly or monthly),
// after the period has ended. In one transaction, under the contract's row lock (runs of a
// tenant take turns): the revenue account's movements since the previous settlement, per site;
// the platform's fees; the payout over the bank accounts; two ledger transfers (revenue → platform
// fees, revenue → payouts); the pain.001 file the operator sends to the bank; the settlement and
// its lines. A period settled before is returned as it was: a second run makes nothing new.
import { randomUUID } from 'node:crypto';
import type { Config } from '../../config.ts';
import type { Deps } from '../../deps.ts';
import { inTenant, type Tx } from '../../db/scope.ts';
import type { Currency, Language, SettlementContract } from '../../db/schema.ts';
import { createTransfer, systemAccount, transferId } from '../ledger/ledger.usecases.ts';
import { isoDate, painWriter, type PayoutPayment } from '../refunds/pain001.ts';
import { timeZoneOf } from '../tenancy/countries.ts';
import { allocatePayout, parseSettlementPeriod, settlementFees, type FeeTerms } from './settlements.amounts.ts';
import { invalidPeriod, noContract, noPayoutAccount, noPlatformAccount, periodCovered, periodNotOver, wrongPeriodKind } from './settlements.errors.ts';
import * as repo from './settlements.repository.ts';
import { settlementTexts } from './settlements.texts.ts';

export interface SettlementRun {
  settlement: NonNullable<Awaited<ReturnType<typeof repo.findSettlement>>>;
  /** False: the period had been settled before and nothing was made now. */
  created: boolean;
}

export const feeTerms = (contract: SettlementContract): FeeTerms => ({
  period: contract.period, portalFeeMinor: contract.portal_fee_minor, periodSurchargeMinor: contract.period_surcharge_minor,
  pseudonymisedData: contract.pseudonymised_data, pseudonymisedDataFeeMinor: contract.pseudonymised_data_fee_minor,
  cardFeeBp: contract.card_fee_bp, cardFeeFixedMinor: contract.card_fee_fixed_minor,
});

/** Settles `period` for one tenant; `by` says who asked (a user's e-mail, or "cli"). */
export function runSettlement(deps: Pick<Deps, 'db' | 'clock' | 'config'>, tenantId: string, period: string, by: string): Promise<SettlementRun> {
  const spec = parseSettlementPeriod(period);
  if (!spec) return Promise.reject(invalidPeriod());
  const now = deps.clock.now();
  return inTenant(deps.db, tenantId, async (tx) => {
    const contract = await repo.lockContract(tx, tenantId);
    if (!contract) throw noContract();
    const existing = await repo.findByPeriod(tx, tenantId, period);
    if (existing) return { settlement: existing, created: false };
    if (spec.kind !== contract.period) throw wrongPeriodKind(contract.period);

    const tenant = await repo.tenantFacts(tx, tenantId);
    const firstDay = `${spec.year}-${String(spec.firstMonth).padStart(2, '0')}-01`;
    const { starts_at, ends_at } = await repo.periodBounds(tx, firstDay, spec.months, timeZoneOf(tenant.country));
    if (now < ends_at) throw periodNotOver();
    const previous = await repo.latestSettlement(tx, tenantId);
    if (previous && new Date(previous.ends_at) > starts_at) throw periodCovered();
    const countedFrom = previous ? new Date(previous.ends_at) : null;

    const id = randomUUID();
    const figures = await gather(tx, tenantId, contract, countedFrom, ends_at);
    const payout = allocatePayout(figures.lines.map((l, index) => ({ netMinor: l.revenueMinor - l.feesMinor, ownAccount: index !== 0 && l.account !== null })), 0, previous?.carried_out_minor ?? 0, contract.split);
    const mainAccount = contract.iban ? { holder: contract.account_holder!, iban: contract.iban, bic: contract.bic } : null;
    const paidTo = figures.lines.map((l, index) => (payout.perLine[index]! > 0 ? (index === 0 || contract.split === 'combined' ? mainAccount : l.account ?? mainAccount) : null));
    if (payout.perLine.some((amount, index) => amount > 0 && !paidTo[index])) throw noPayoutAccount();

    const revenue = await systemAccount(tx, tenantId, 'revenue');
    const reference = { type: 'settlement', id };
    const feeTransfer = figures.fees.total > 0
      ? await createTransfer(tx, tenantId, { id: transferId('settlement-fees', `${tenantId}:${period}`), debitAccountId: revenue, creditAccountId: await systemAccount(tx, tenantId, 'platform_fees'), amount: figures.fees.total, code: 'fee', reference, note: period }, now)
      : null;
    const payoutTransfer = payout.payout > 0
      ? await createTransfer(tx, tenantId, { id: transferId('settlement-payout', `${tenantId}:${period}`), debitAccountId: revenue, creditAccountId: await systemAccount(tx, tenantId, 'payouts'), amount: payout.payout, code: 'payout', reference, note: period }, now)
      : null;

    const file = payout.payout > 0 ? payoutFile(deps.config, tenant, period, id, now, figures.lines.flatMap((line, index) => {
      const account = paidTo[index];
      return account ? [{ amountMinor: payout.perLine[index]!, account, siteName: line.siteName }] : [];
    })) : null;

    await repo.insertSettlement(tx, {
      tenant_id: tenantId, id, period, starts_at, ends_at, counted_from: countedFrom, currency: tenant.currency, language: tenant.default_language,
      split: contract.split, terminals: figures.terminals, revenue_minor: figures.revenueMinor, fees_minor: figures.fees.total,
      carried_in_minor: previous?.carried_out_minor ?? 0, payout_minor: payout.payout, carried_out_minor: payout.carriedOut,
      fees: JSON.stringify(figures.fees.lines), fee_transfer_id: feeTransfer?.id ?? null, payout_transfer_id: payoutTransfer?.id ?? null,
      message_id: file?.messageId ?? null, file_name: file?.fileName ?? null, pain001: file?.xml ?? null, created_at: now, created_by: by,
    }, figures.lines.map((line, index) => ({
      tenant_id: tenantId, settlement_id: id, line_no: index + 1, site_id: line.siteId, site_name: line.siteName, terminals: line.terminals,
      revenue_minor: line.revenueMinor, fees_minor: line.feesMinor, payout_minor: payout.perLine[index]!,
      account_holder: paidTo[index]?.holder ?? null, iban: paidTo[index]?.iban ?? null,
    })));
    return { settlement: (await repo.findSettlement(tx, tenantId, id))!, created: true };
  });
}

interface Account { holder: string; iban: string; bic: string | null }

interface Line {
  siteId: string | null;
  siteName: string | null;
  terminals: number;
  revenueMinor: number;
  feesMinor: number;
  account: Account | null;
}

/**
 * The period's figures: line 1 is what belongs to no site (and, combined, the main account's line),
 * then each site with terminals or revenue, by name.
 */
async function gather(tx: Tx, tenantId: string, contract: SettlementContract, from: Date | null, to: Date) {
  const revenueAccount = await systemAccount(tx, tenantId, 'revenue');
  const revenue = await repo.revenueBySite(tx, tenantId, revenueAccount, from, to);
  const terminals = await repo.terminalsBySite(tx, tenantId, to);
  const sites = await repo.siteNames(tx, tenantId);
  const accounts = await repo.siteAccounts(tx, tenantId);
  const clearing = [await systemAccount(tx, tenantId, 'card_clearing'), await systemAccount(tx, tenantId, 'terminal_card_clearing')];
  const cards = await repo.cardPayments(tx, tenantId, clearing, from, to);
  const accountOf = new Map(accounts.map((a) => [a.site_id, { holder: a.account_holder, iban: a.iban, bic: a.bic }]));
  const siteLines = sites.filter((s) => terminals.has(s.id) || revenue.has(s.id)).map((s) => ({
    siteId: s.id, siteName: s.name, terminals: terminals.get(s.id) ?? 0, revenueMinor: revenue.get(s.id) ?? 0, account: accountOf.get(s.id) ?? null,
  }));
  const fees = settlementFees(feeTerms(contract), siteLines, cards);
  const lines: Line[] = [
    { siteId: null, siteName: null, terminals: 0, revenueMinor: revenue.get(null) ?? 0, feesMinor: fees.general, account: null },
    ...siteLines.map((line, index) => ({ ...line, feesMinor: fees.perSite[index]! })),
  ];
  return {
    lines, fees,
    terminals: siteLines.reduce((sum, l) => sum + l.terminals, 0),
    revenueMinor: lines.reduce((sum, l) => sum + l.revenueMinor, 0),
  };
}

interface Tenant { name: string; short_code: string; currency: Currency; default_language: Language }

function payoutFile(config: Pick<Config, 'platform'>, tenant: Tenant, period: string, id: string, now: Date, payments: { amountMinor: number; account: Account; siteName: string | null }[]) {
  const write = painWriter(tenant.currency);
  if (!write) return null;
  const platform = config.platform.accounts[tenant.currency];
  if (!platform) throw noPlatformAccount();
  const texts = settlementTexts(tenant.default_language);
  const compact = id.replace(/-/g, '');
  const messageId = `CZS-${isoDate(now).replace(/-/g, '')}-${compact.slice(0, 16).toUpperCase()}`;
  const orders: PayoutPayment[] = payments.map((p, index) => ({
    endToEndId: `${compact.slice(0, 24)}${String(index + 1).padStart(3, '0')}`,
    amountMinor: p.amountMinor, creditorName: p.account.holder, creditorIban: p.account.iban,
    remittance: `${texts.remittance} ${period}${p.siteName ? ` ${p.siteName}` : ''}`.slice(0, 140),
  }));
  const xml = write({
    messageId, createdAt: now, executionDate: now, initiatorName: config.platform.name, payments: orders,
    debtor: { name: config.platform.name, iban: platform.iban, bic: platform.bic, street: config.platform.street, postalCode: config.platform.postalCode, city: config.platform.city, country: config.platform.country },
  });
  return { messageId, fileName: `pain001-${tenant.short_code}-settlement-${period}.xml`, xml };
}
