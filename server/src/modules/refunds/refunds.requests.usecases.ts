// A resident asks for their remaining balance back. The amount is held on the wallet at once
// (a ledger hold towards refunds payable), so it cannot be spent while staff decide; the
// processing fee is fixed at request time, so a later change of the fee does not alter it.
import { electronicFormatIBAN, isSEPACountry, isValidIBAN } from 'ibantools';
import type { Currency } from '../../db/schema.ts';
import { inTenant } from '../../db/scope.ts';
import type { Deps } from '../../deps.ts';
import type { TenantActor } from '../../http/actor.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { createTransfer, systemAccount, transferId, walletOf } from '../ledger/ledger.usecases.ts';
import { amountTooHigh, balanceTooLow, ibanCountryNotServed, invalidHolder, invalidIban, notAResident, openRequest, requestIdReused } from './refunds.errors.ts';
import { expireOverdueRefunds, notifyExpired, REFUND_HOLD_SECONDS } from './refunds.expiry.usecases.ts';
import { refundPolicy } from './refunds.policies.ts';
import * as repo from './refunds.repository.ts';
import type { RefundRow } from './refunds.repository.ts';

export const DEFAULT_REFUND_FEE_MINOR = 150;

export interface RequestRefund {
  requestId: string;
  iban: string;
  accountHolder: string;
  amountMinor?: number;
}

/** Normalises the IBAN and checks that the payout file of the tenant's currency can reach it. */
export function refundIban(input: string, currency: Currency): string {
  const iban = electronicFormatIBAN(input) ?? '';
  if (!isValidIBAN(iban)) throw invalidIban();
  const country = iban.slice(0, 2);
  // CHF refunds are domestic Swiss payments; EUR refunds are SEPA credit transfers.
  if (currency === 'CHF' && country !== 'CH' && country !== 'LI') throw ibanCountryNotServed('Switzerland or Liechtenstein');
  if (currency === 'EUR' && !isSEPACountry(country)) throw ibanCountryNotServed('a SEPA country');
  if (currency === 'PLN' && country !== 'PL') throw ibanCountryNotServed('Poland');
  return iban;
}

export async function refundFeeOf(tx: Parameters<typeof repo.refundFee>[0], tenantId: string): Promise<number> {
  return (await repo.refundFee(tx, tenantId)) ?? DEFAULT_REFUND_FEE_MINOR;
}

export async function requestRefund(deps: Deps, actor: TenantActor, input: RequestRefund) {
  if (!refundPolicy.request(actor)) throw notAResident();
  const personId = actor.personId!;
  const holder = input.accountHolder.trim();
  if (!holder) throw invalidHolder();
  const now = deps.clock.now();
  let expired: RefundRow[] = [];
  const refund = await inTenant(deps.db, actor.tenantId, async (tx) => {
    const existing = await repo.findRefund(tx, actor.tenantId, input.requestId);
    if (existing) {
      if (existing.person_id !== personId) throw requestIdReused();
      return existing;
    }
    const tenant = await repo.findTenant(tx, actor.tenantId);
    const iban = refundIban(input.iban, tenant.currency);
    // A request whose hold ran out no longer blocks a new one, and its money is free again.
    expired = await expireOverdueRefunds(tx, actor.tenantId, now, { personId });
    if (await repo.findOpenRefund(tx, actor.tenantId, personId)) throw openRequest();

    const fee = await refundFeeOf(tx, actor.tenantId);
    const wallet = await walletOf(tx, actor.tenantId, personId);
    const amount = input.amountMinor ?? wallet.available;
    if (amount > wallet.available) throw amountTooHigh();
    if (amount - fee <= 0) throw balanceTooLow();

    const hold = await createTransfer(tx, actor.tenantId, {
      id: transferId('refund-hold', input.requestId), debitAccountId: wallet.id,
      creditAccountId: await systemAccount(tx, actor.tenantId, 'refunds_payable'), amount, code: 'refund',
      reference: { type: 'refund_request', id: input.requestId }, pendingTimeoutSeconds: REFUND_HOLD_SECONDS,
    }, now);
    await repo.insertRefund(tx, {
      tenant_id: actor.tenantId, id: input.requestId, person_id: personId, amount, fee, currency: tenant.currency,
      iban, account_holder: holder, hold_transfer_id: hold.id,
    });
    const refund = await repo.findRefund(tx, actor.tenantId, input.requestId);
    // Not inserted: a concurrent request of the same person got in first (this rolls back our hold).
    if (!refund) throw openRequest();
    if (refund.person_id !== personId) throw requestIdReused();
    await recordAudit(tx, actor, { action: 'refund.requested', entityType: 'refund_request', entityId: refund.id, after: { amount, fee, iban } });
    return refund;
  });
  await notifyExpired(deps, expired);
  return refund;
}

export async function listOwnRefunds(deps: Deps, actor: TenantActor) {
  if (!refundPolicy.request(actor)) throw notAResident();
  const personId = actor.personId!;
  const { expired, refunds } = await inTenant(deps.db, actor.tenantId, async (tx) => ({
    expired: await expireOverdueRefunds(tx, actor.tenantId, deps.clock.now(), { personId }),
    refunds: await repo.listRefunds(tx, actor.tenantId, { personId }),
  }));
  await notifyExpired(deps, expired);
  return refunds;
}
