// Reading settlements and keeping contracts: the manager sees its own (and chooses the split and
// the sites' accounts), the operator sees every manager's and keeps their contracts.
import { electronicFormatIBAN, isValidBIC, isValidIBAN } from 'ibantools';
import type { Deps } from '../../deps.ts';
import { asPlatform, inTenant, type Tx } from '../../db/scope.ts';
import type { SettlementPeriodKind, SettlementSplit } from '../../db/schema.ts';
import type { Actor, TenantActor } from '../../http/actor.ts';
import { recordAudit, recordAuditFor } from '../audit/audit.repository.ts';
import { invalidBic, invalidIban } from '../banking/banking.errors.ts';
import { timeZoneOf } from '../tenancy/countries.ts';
import { tenantNotFound } from '../tenancy/tenancy.errors.ts';
import { accountIncomplete, noContract, noPayoutFile, settlementNotFound, siteNotFound } from './settlements.errors.ts';
import { renderSettlementPdf } from './settlements.pdf.ts';
import { authorize, settlementPolicy } from './settlements.policies.ts';
import * as repo from './settlements.repository.ts';

export function listOwnSettlements(deps: Pick<Deps, 'db'>, actor: TenantActor) {
  authorize(settlementPolicy.read(actor));
  return inTenant(deps.db, actor.tenantId, (tx) => repo.listSettlements(tx, actor.tenantId));
}

async function settlementIn(tx: Tx, tenantId: string, id: string) {
  const settlement = await repo.findSettlement(tx, tenantId, id);
  if (!settlement) throw settlementNotFound();
  return settlement;
}

export function getOwnSettlement(deps: Pick<Deps, 'db'>, actor: TenantActor, id: string) {
  authorize(settlementPolicy.read(actor));
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    const settlement = await settlementIn(tx, actor.tenantId, id);
    return { settlement, lines: await repo.linesOf(tx, actor.tenantId, id) };
  });
}

async function statement(tx: Tx, tenantId: string, id: string) {
  const settlement = await settlementIn(tx, tenantId, id);
  const lines = await repo.linesOf(tx, tenantId, id);
  const tenant = await repo.tenantFacts(tx, tenantId);
  return { settlement, lines, managerName: tenant.name, timeZone: timeZoneOf(tenant.country) };
}

/** The statement PDF, drawn from the stored settlement. */
export async function ownStatementPdf(deps: Pick<Deps, 'db'>, actor: TenantActor, id: string) {
  authorize(settlementPolicy.read(actor));
  const { settlement, lines, managerName, timeZone } = await inTenant(deps.db, actor.tenantId, (tx) => statement(tx, actor.tenantId, id));
  return { settlement, pdf: await renderSettlementPdf(settlement, lines, managerName, timeZone) };
}

export function ownPayoutFile(deps: Pick<Deps, 'db'>, actor: TenantActor, id: string) {
  authorize(settlementPolicy.read(actor));
  return inTenant(deps.db, actor.tenantId, async (tx) => payoutFileOf(await settlementIn(tx, actor.tenantId, id)));
}

function payoutFileOf(settlement: { file_name: string | null; pain001: string | null }) {
  if (!settlement.file_name || !settlement.pain001) throw noPayoutFile();
  return { fileName: settlement.file_name, xml: settlement.pain001 };
}

export function getOwnContract(deps: Pick<Deps, 'db'>, actor: TenantActor) {
  authorize(settlementPolicy.read(actor));
  return inTenant(deps.db, actor.tenantId, async (tx) => ({
    contract: (await repo.findContract(tx, actor.tenantId)) ?? null,
    siteAccounts: await repo.siteAccounts(tx, actor.tenantId),
  }));
}

/** The manager chooses whether a settlement pays one sum or one per site. */
export function setSplit(deps: Pick<Deps, 'db'>, actor: TenantActor, split: SettlementSplit) {
  authorize(settlementPolicy.configure(actor));
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    const contract = await repo.findContract(tx, actor.tenantId);
    if (!contract) throw noContract();
    await repo.saveContract(tx, actor.tenantId, { split });
    await recordAudit(tx, actor, { action: 'settlement_contract.split', entityType: 'settlement_contract', entityId: actor.tenantId, before: { split: contract.split }, after: { split } });
    return { contract: (await repo.findContract(tx, actor.tenantId))!, siteAccounts: await repo.siteAccounts(tx, actor.tenantId) };
  });
}

export interface AccountInput { accountHolder: string; iban: string; bic?: string | null }

/** Checks and normalises an account; people type IBANs with spaces and in lower case. */
function normalised<T extends { iban: string | null; bic?: string | null }>(input: T): T & { iban: string | null; bic: string | null } {
  const iban = input.iban === null ? null : electronicFormatIBAN(input.iban) ?? '';
  if (iban !== null && !isValidIBAN(iban)) throw invalidIban();
  const bic = input.bic ? input.bic.replace(/\s+/g, '').toUpperCase() : null;
  if (bic !== null && !isValidBIC(bic)) throw invalidBic();
  return { ...input, iban, bic };
}

/** A site's own payout account (null: the site is paid to the contract's account). */
export function setSiteAccount(deps: Pick<Deps, 'db'>, actor: TenantActor, siteId: string, account: AccountInput | null) {
  authorize(settlementPolicy.configure(actor));
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    if (!(await repo.siteExists(tx, actor.tenantId, siteId))) throw siteNotFound();
    if (account) {
      const checked = normalised(account);
      await repo.saveSiteAccount(tx, { tenant_id: actor.tenantId, site_id: siteId, account_holder: checked.accountHolder, iban: checked.iban!, bic: checked.bic });
    }
    else await repo.deleteSiteAccount(tx, actor.tenantId, siteId);
    await recordAudit(tx, actor, { action: 'site_payout_account.set', entityType: 'site', entityId: siteId, after: account ? { accountHolder: account.accountHolder, iban: account.iban } : null });
    return repo.siteAccounts(tx, actor.tenantId);
  });
}

// The operator's side.

/** Every manager's settlements, newest first, with the manager's name. */
export function listAllSettlements(deps: Pick<Deps, 'db'>, _operator: Actor) {
  return asPlatform(deps.db, (tx) => repo.allSettlements(tx));
}

/** Every manager with its contract (or none yet). */
export function listContracts(deps: Pick<Deps, 'db'>, _operator: Actor) {
  return asPlatform(deps.db, (tx) => repo.allContracts(tx));
}

export interface ContractInput {
  period: SettlementPeriodKind;
  portalFeeMinor: number;
  periodSurchargeMinor: number;
  pseudonymisedData: boolean;
  pseudonymisedDataFeeMinor: number;
  cardFeeBp: number;
  cardFeeFixedMinor: number;
  accountHolder: string | null;
  iban: string | null;
  bic: string | null;
}

/** The operator sets a manager's contract (created on first save). */
export async function saveContractAsOperator(deps: Pick<Deps, 'db'>, operator: Actor, tenantId: string, given: ContractInput) {
  const input = normalised(given);
  if ((input.accountHolder === null) !== (input.iban === null)) throw accountIncomplete();
  return asPlatform(deps.db, async (tx) => {
    if (!(await repo.tenantExists(tx, tenantId))) throw tenantNotFound();
    const before = await repo.findContract(tx, tenantId);
    await repo.saveContract(tx, tenantId, {
      period: input.period, portal_fee_minor: input.portalFeeMinor, period_surcharge_minor: input.periodSurchargeMinor,
      pseudonymised_data: input.pseudonymisedData, pseudonymised_data_fee_minor: input.pseudonymisedDataFeeMinor,
      card_fee_bp: input.cardFeeBp, card_fee_fixed_minor: input.cardFeeFixedMinor,
      account_holder: input.accountHolder, iban: input.iban, bic: input.bic,
    });
    await recordAuditFor(tx, tenantId, operator, { action: 'settlement_contract.saved', entityType: 'settlement_contract', entityId: tenantId, before: before ?? null, after: input });
    return (await repo.findContract(tx, tenantId))!;
  });
}

export async function operatorStatementPdf(deps: Pick<Deps, 'db'>, _operator: Actor, tenantId: string, id: string) {
  const { settlement, lines, managerName, timeZone } = await asPlatform(deps.db, (tx) => statement(tx, tenantId, id));
  return { settlement, pdf: await renderSettlementPdf(settlement, lines, managerName, timeZone) };
}

export function operatorPayoutFile(deps: Pick<Deps, 'db'>, _operator: Actor, tenantId: string, id: string) {
  return asPlatform(deps.db, async (tx) => payoutFileOf(await settlementIn(tx, tenantId, id)));
}
