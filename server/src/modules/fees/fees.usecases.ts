// One-off fees (a badge, its shipping): created open, paid once (from the wallet, or by bank
// transfer under the fee's own reference), or cancelled by staff; never refunded. The functions
// taking a transaction are the seam for other modules: the badges issue creates a fee when a badge
// is ordered and learns in onFeePaid, in the same transaction, that it was paid.
import { randomUUID } from 'node:crypto';
import type { Tx } from '../../db/scope.ts';
import type { FeeItem } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { TenantActor } from '../../http/actor.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { BADGE_ORDER, onBadgeFeeCancelled, onBadgeFeePaid } from '../credentials/credentials.orders.usecases.ts';
import { feeReferences } from '../banking/references.ts';
import { createTransfer, systemAccount, transferId, walletOf } from '../ledger/ledger.usecases.ts';
import type { Transfer } from '../ledger/ledger.types.ts';
import { feeIdReused, feeNotFound, insufficientFunds, invalidItems, notOpen, subjectHasFee } from './fees.errors.ts';
import * as repo from './fees.repository.ts';
import type { FeeRow } from './fees.repository.ts';

export type { FeeRow };

export const MAX_FEE_ITEMS = 20;
export const MAX_FEE_MINOR = 10_000_00;

/**
 * A fee is paid by exactly one ledger transfer, whichever way the money comes: this id makes a
 * retried payment (a double click, a re-sent request) a no-op in the ledger itself.
 */
export const feeTransferId = (feeId: string) => transferId('fee', feeId);

/** What the statement line says: "Fee: Badge, Shipping". */
const feeNote = (fee: FeeRow) => fee.items.map((i) => i.description).join(', ').slice(0, 300);

function checkItems(items: FeeItem[]): FeeItem[] {
  if (items.length < 1 || items.length > MAX_FEE_ITEMS) throw invalidItems(`Give 1 to ${MAX_FEE_ITEMS} lines`);
  const clean = items.map((i) => ({ description: i.description.trim(), amountMinor: i.amountMinor }));
  if (clean.some((i) => i.description.length < 1 || i.description.length > 100)) throw invalidItems('Each line needs a description of up to 100 characters');
  if (clean.some((i) => !Number.isSafeInteger(i.amountMinor) || i.amountMinor <= 0)) throw invalidItems('Each line needs a positive amount');
  if (clean.reduce((sum, i) => sum + i.amountMinor, 0) > MAX_FEE_MINOR) throw invalidItems('The fee is too high');
  return clean;
}

export interface NewFee {
  tenantId: string;
  /** The caller's id: creating again with the same id returns the fee made first. */
  id?: string;
  personId: string;
  items: FeeItem[];
  /** What the fee is for, e.g. { type: 'badge_order', id }; at most one open or paid fee per subject. */
  subject?: { type: string; id: string };
  actor: TenantActor;
  now: Date;
}

const sameFee = (fee: FeeRow, input: NewFee) => fee.person_id === input.personId
  && fee.subject_type === (input.subject?.type ?? null) && fee.subject_id === (input.subject?.id ?? null)
  && JSON.stringify(fee.items.map((i) => [i.description, i.amountMinor]))
    === JSON.stringify(input.items.map((i) => [i.description.trim(), i.amountMinor]));

/** Bills a person (who must exist in the tenant; callers check access). The fee is open until paid or cancelled. */
export async function createFee(tx: Tx, input: NewFee): Promise<FeeRow> {
  const items = checkItems(input.items);
  const id = input.id ?? randomUUID();
  const existing = await repo.findFee(tx, input.tenantId, id);
  if (existing) {
    if (!sameFee(existing, input)) throw feeIdReused();
    return existing;
  }
  const context = await repo.referenceContext(tx, input.tenantId);
  const number = await repo.nextFeeNumber(tx, input.tenantId);
  const refs = feeReferences(context.shortCode, number);
  const inserted = await repo.insertFee(tx, input.tenantId, {
    id, number, personId: input.personId, currency: context.currency, amountMinor: items.reduce((sum, i) => sum + i.amountMinor, 0), items,
    subject: input.subject ?? null,
    // Like the wallet's slip: a Swiss manager with a QR-IBAN receives QR references, everyone else RF.
    reference: context.currency === 'CHF' && context.hasQrIban ? refs.qr : refs.rf,
    createdBy: input.actor.via === 'session' ? input.actor.userId : null, createdAt: input.now,
  });
  if (!inserted) {
    // A concurrent creation with the same id got in first, or the subject already has a live fee.
    const winner = await repo.findFee(tx, input.tenantId, id);
    if (winner && sameFee(winner, input)) return winner;
    throw winner ? feeIdReused() : subjectHasFee();
  }
  const fee = (await repo.findFee(tx, input.tenantId, id))!;
  await recordAudit(tx, input.actor, { action: 'fee.created', entityType: 'fee', entityId: id, after: fee });
  return fee;
}

/**
 * Called in the transaction that marks a fee paid, whichever way it was paid. The module a fee is
 * for reacts here, so "paid" and its consequence commit together.
 */
export async function onFeePaid(tx: Tx, fee: FeeRow): Promise<void> {
  switch (fee.subject_type) {
    // A badge waiting for its fee works from now on (an order not yet issued, once issued).
    case BADGE_ORDER:
      return onBadgeFeePaid(tx, fee);
    default:
      return;
  }
}

/** Tells the module named by the subject, in the same transaction, that its fee was withdrawn. */
export async function onFeeCancelled(tx: Tx, fee: FeeRow): Promise<void> {
  switch (fee.subject_type) {
    // Staff withdrawing a badge's fee waive it: the badge waiting for it works (a returned one stays returned).
    case BADGE_ORDER:
      return onBadgeFeeCancelled(tx, fee);
    default:
      return;
  }
}

async function markPaid(tx: Tx, fee: FeeRow, paid: { via: 'wallet' | 'bank'; transfer: Transfer; bankEntryId: string | null; at: Date }) {
  await repo.markPaid(tx, fee.tenant_id, fee.id, { via: paid.via, transferId: paid.transfer.id, bankEntryId: paid.bankEntryId, at: paid.at });
  const after = (await repo.findFee(tx, fee.tenant_id, fee.id))!;
  await onFeePaid(tx, after);
  return after;
}

/**
 * Pays an open fee from its person's wallet to the manager's revenue. Paying again a fee this
 * already paid returns it unchanged (a retry); a fee paid by bank or cancelled is refused.
 * `personId` limits it to that person's fees (a resident paying their own).
 */
export async function payFeeFromWallet(tx: Tx, input: { tenantId: string; feeId: string; personId?: string; actor: TenantActor; now: Date }): Promise<FeeRow> {
  const fee = await repo.findFeeForUpdate(tx, input.tenantId, input.feeId);
  if (!fee || (input.personId !== undefined && fee.person_id !== input.personId)) throw feeNotFound();
  if (fee.status === 'paid' && fee.paid_via === 'wallet') return fee;
  if (fee.status !== 'open') throw notOpen();
  const wallet = await walletOf(tx, input.tenantId, fee.person_id);
  if (wallet.available < fee.amount_minor) throw insufficientFunds();
  let transfer: Transfer;
  try {
    transfer = await createTransfer(tx, input.tenantId, {
      id: feeTransferId(fee.id), debitAccountId: wallet.id, creditAccountId: await systemAccount(tx, input.tenantId, 'revenue'),
      amount: fee.amount_minor, code: 'fee', reference: { type: 'fee', id: fee.id }, note: feeNote(fee),
    }, input.now);
  } catch (error) {
    // The ledger decides under its lock; a concurrent spend may have won since the check above.
    if (error instanceof AppError && error.code === 'ledger.insufficient_funds') throw insufficientFunds();
    throw error;
  }
  const after = await markPaid(tx, fee, { via: 'wallet', transfer, bankEntryId: null, at: input.now });
  await recordAudit(tx, input.actor, { action: 'fee.paid', entityType: 'fee', entityId: fee.id, before: fee, after });
  return after;
}

export type BankFeeOutcome = 'paid' | 'underpaid' | 'not_open';

export interface BankFeePayment {
  fee: FeeRow;
  outcome: BankFeeOutcome;
  /** The transfer that paid the fee (outcome 'paid'). */
  transfer: Transfer | null;
  /** What the fee did not take; the bank import credits it to the person's wallet. */
  remainderMinor: number;
}

/**
 * A bank credit quoting the fee's reference (bank import). An open fee paid in full or more is
 * paid from the bank clearing account; the rest, a short payment, or money for a fee no longer
 * open is handed back as remainder for the wallet, so no money is ever refused or lost.
 */
export async function payFeeByBank(tx: Tx, tenantId: string, feeId: string, payment: { amountMinor: number; bankEntryId: string }, now: Date): Promise<BankFeePayment> {
  const fee = await repo.findFeeForUpdate(tx, tenantId, feeId);
  if (!fee) throw feeNotFound();
  if (fee.status !== 'open') return { fee, outcome: 'not_open', transfer: null, remainderMinor: payment.amountMinor };
  if (payment.amountMinor < fee.amount_minor) return { fee, outcome: 'underpaid', transfer: null, remainderMinor: payment.amountMinor };
  const transfer = await createTransfer(tx, tenantId, {
    id: feeTransferId(fee.id), debitAccountId: await systemAccount(tx, tenantId, 'bank_clearing'),
    creditAccountId: await systemAccount(tx, tenantId, 'revenue'), amount: fee.amount_minor, code: 'fee',
    reference: { type: 'fee', id: fee.id }, note: feeNote(fee),
  }, now);
  const after = await markPaid(tx, fee, { via: 'bank', transfer, bankEntryId: payment.bankEntryId, at: now });
  return { fee: after, outcome: 'paid', transfer, remainderMinor: payment.amountMinor - fee.amount_minor };
}

/** The fee (and whose it is) a payment reference's number names in this tenant, or null. */
export async function feeByNumber(tx: Tx, tenantId: string, number: number): Promise<{ id: string; personId: string } | null> {
  const row = await repo.feeByNumber(tx, tenantId, number);
  return row ? { id: row.id, personId: row.person_id } : null;
}

/** Staff withdraw an open fee (billed by mistake, badge order withdrawn); paid fees stay paid. */
export async function cancelFee(tx: Tx, input: { tenantId: string; feeId: string; reason: string; actor: TenantActor; now: Date }): Promise<FeeRow> {
  const fee = await repo.findFeeForUpdate(tx, input.tenantId, input.feeId);
  if (!fee) throw feeNotFound();
  if (fee.status !== 'open') throw notOpen();
  await repo.markCancelled(tx, input.tenantId, fee.id, { reason: input.reason, by: input.actor.via === 'session' ? input.actor.userId : null, at: input.now });
  const after = (await repo.findFee(tx, input.tenantId, fee.id))!;
  await recordAudit(tx, input.actor, { action: 'fee.cancelled', entityType: 'fee', entityId: fee.id, before: fee, after });
  await onFeeCancelled(tx, after);
  return after;
}
