// Residents' prepaid wallets: balance, statement, staff adjustments and fees, and balance
// transfers between residents. The balance belongs to the person, not to a badge.
import { randomUUID } from 'node:crypto';
import type { Deps } from '../../deps.ts';
import { inTenant, type Tx } from '../../db/scope.ts';
import { forbidden } from '../../errors.ts';
import type { TenantActor } from '../../http/actor.ts';
import { requireAccess } from '../access/access.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { createTransfer, isInDebt, postPending, statement, systemAccount, voidPending, walletOf } from '../ledger/ledger.usecases.ts';
import type { Account } from '../ledger/ledger.types.ts';
import * as repo from './wallets.repository.ts';
import { invalidAmount, noWalletOwner, receiverNotFound, requestDecided, requestNotFound, selfTransfer } from './wallets.errors.ts';
import { walletPolicy } from './wallets.policies.ts';

/** A transfer request waits this long for the receiver; then the hold expires and the money returns. */
export const TRANSFER_REQUEST_TIMEOUT_SECONDS = 7 * 24 * 3600;

function authorize(allowed: boolean): void {
  if (!allowed) throw forbidden();
}

function ownPerson(actor: TenantActor): string {
  if (!walletPolicy.own(actor)) throw noWalletOwner();
  return actor.personId!;
}

function present(account: Account) {
  return { currency: account.currency, posted: account.posted, pendingDebits: account.pendingDebits, available: account.available, inDebt: isInDebt(account) };
}

/** The person whose wallet a request is about: the resident itself, or one a staff member may see. */
async function personFor(tx: Tx, actor: TenantActor, personId: string | null): Promise<string> {
  if (personId === null) return ownPerson(actor);
  authorize(walletPolicy.read(actor));
  await requireAccess(tx, actor, 'person', [personId]);
  return personId;
}

export function walletSummary(deps: Deps, actor: TenantActor, personId: string | null) {
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    const id = await personFor(tx, actor, personId);
    const person = (await repo.findPerson(tx, actor.tenantId, id))!;
    return { personId: id, customerNumber: person.customer_number, name: `${person.first_name} ${person.last_name}`, ...present(await walletOf(tx, actor.tenantId, id)) };
  });
}

export function walletStatement(deps: Deps, actor: TenantActor, personId: string | null, period: { from: Date | null; to: Date | null }) {
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    const id = await personFor(tx, actor, personId);
    const person = (await repo.findPerson(tx, actor.tenantId, id))!;
    const wallet = await walletOf(tx, actor.tenantId, id);
    return { person, currency: wallet.currency, ...(await statement(tx, actor.tenantId, wallet.id, period)) };
  });
}

export function searchWallets(deps: Deps, actor: TenantActor, search: string | undefined) {
  authorize(walletPolicy.read(actor));
  return inTenant(deps.db, actor.tenantId, (tx) => repo.searchWallets(tx, actor.tenantId, search));
}

/** A manual credit (positive) or debit (negative) by staff, with its reason, audited. */
export function adjustWallet(deps: Deps, actor: TenantActor, personId: string, input: { id: string; amountMinor: number; reason: string }) {
  authorize(walletPolicy.adjust(actor));
  if (!Number.isSafeInteger(input.amountMinor) || input.amountMinor === 0) throw invalidAmount();
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    await requireAccess(tx, actor, 'person', [personId]);
    const wallet = await walletOf(tx, actor.tenantId, personId);
    const adjustments = await systemAccount(tx, actor.tenantId, 'adjustments');
    const credit = input.amountMinor > 0;
    const transfer = await createTransfer(tx, actor.tenantId, {
      id: input.id, debitAccountId: credit ? adjustments : wallet.id, creditAccountId: credit ? wallet.id : adjustments,
      amount: Math.abs(input.amountMinor), code: 'adjustment', reference: { type: 'staff_adjustment', id: actor.userId }, note: input.reason,
    }, deps.clock.now());
    await recordAudit(tx, actor, { action: credit ? 'wallet.credited' : 'wallet.debited', entityType: 'wallet', entityId: personId,
      after: { transferId: transfer.id, amountMinor: input.amountMinor, reason: input.reason } });
    return present(await walletOf(tx, actor.tenantId, personId));
  });
}

/** A one-off fee (a badge, its shipping) from the wallet to the manager's revenue; fees are never refunded. */
export function chargeFeeInTransaction(tx: Tx, tenantId: string, personId: string, fee: { id: string; amountMinor: number; description: string }, now: Date) {
  if (!Number.isSafeInteger(fee.amountMinor) || fee.amountMinor <= 0) throw invalidAmount();
  return walletOf(tx, tenantId, personId).then(async (wallet) => createTransfer(tx, tenantId, {
    id: fee.id, debitAccountId: wallet.id, creditAccountId: await systemAccount(tx, tenantId, 'revenue'),
    amount: fee.amountMinor, code: 'fee', reference: { type: 'fee', id: fee.description }, note: fee.description,
  }, now));
}

export function chargeFee(deps: Deps, actor: TenantActor, personId: string, fee: { id: string; amountMinor: number; description: string }) {
  authorize(walletPolicy.adjust(actor));
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    await requireAccess(tx, actor, 'person', [personId]);
    const transfer = await chargeFeeInTransaction(tx, actor.tenantId, personId, fee, deps.clock.now());
    await recordAudit(tx, actor, { action: 'wallet.fee_charged', entityType: 'wallet', entityId: personId, after: { transferId: transfer.id, ...fee } });
    return present(await walletOf(tx, actor.tenantId, personId));
  });
}

/** Saldotransfer at a terminal: both badges are present, so the money moves at once. */
export async function transferBetweenResidents(tx: Tx, tenantId: string, input: { id: string; fromPersonId: string; toPersonId: string; amountMinor: number }, now: Date) {
  if (input.fromPersonId === input.toPersonId) throw selfTransfer();
  const [from, to] = [await walletOf(tx, tenantId, input.fromPersonId), await walletOf(tx, tenantId, input.toPersonId)];
  return createTransfer(tx, tenantId, { id: input.id, debitAccountId: from.id, creditAccountId: to.id, amount: input.amountMinor,
    code: 'transfer', reference: { type: 'terminal_transfer', id: input.id } }, now);
}

/** In the portal the sender names the receiver; the amount is held until the receiver accepts. */
export function requestTransfer(deps: Deps, actor: TenantActor, input: { id: string; to: string; amountMinor: number }) {
  const fromPersonId = ownPerson(actor);
  if (!Number.isSafeInteger(input.amountMinor) || input.amountMinor <= 0) throw invalidAmount();
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    const receiver = await repo.findPersonByCustomerNumber(tx, actor.tenantId, input.to);
    if (!receiver) throw receiverNotFound();
    if (receiver.id === fromPersonId) throw selfTransfer();
    const [from, to] = [await walletOf(tx, actor.tenantId, fromPersonId), await walletOf(tx, actor.tenantId, receiver.id)];
    const hold = await createTransfer(tx, actor.tenantId, {
      id: input.id, debitAccountId: from.id, creditAccountId: to.id, amount: input.amountMinor, code: 'transfer',
      reference: { type: 'transfer_request', id: input.id }, pendingTimeoutSeconds: TRANSFER_REQUEST_TIMEOUT_SECONDS,
    }, deps.clock.now());
    await repo.insertTransferRequest(tx, { tenantId: actor.tenantId, id: input.id, fromPersonId, toPersonId: receiver.id, amount: input.amountMinor, holdTransferId: hold.id });
    return { id: input.id, status: 'pending' as const, receiverName: `${receiver.first_name} ${receiver.last_name}` };
  });
}

/** The receiver accepts (posted) or declines (voided); the sender may cancel while it waits. */
export function decideTransfer(deps: Deps, actor: TenantActor, requestId: string, decision: 'accept' | 'decline' | 'cancel') {
  const personId = ownPerson(actor);
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    const request = await repo.findTransferRequest(tx, actor.tenantId, requestId);
    const mine = decision === 'cancel' ? request?.from_person_id === personId : request?.to_person_id === personId;
    if (!request || !mine) throw requestNotFound();
    if (request.status !== 'pending') throw requestDecided();
    const now = deps.clock.now();
    const resolution = { id: randomUUID(), pendingId: request.hold_transfer_id };
    try {
      if (decision === 'accept') await postPending(tx, actor.tenantId, resolution, now);
      else await voidPending(tx, actor.tenantId, resolution, now);
    } catch (error) {
      if ((error as { code?: string }).code === 'ledger.hold_expired' || (error as { code?: string }).code === 'ledger.hold_resolved') throw requestDecided();
      throw error;
    }
    const status = decision === 'accept' ? 'accepted' : decision === 'decline' ? 'declined' : 'cancelled';
    await repo.decideTransferRequest(tx, actor.tenantId, requestId, status, now);
    return { id: requestId, status };
  });
}

export function listTransferRequests(deps: Deps, actor: TenantActor) {
  const personId = ownPerson(actor);
  return inTenant(deps.db, actor.tenantId, (tx) => repo.transferRequestsOf(tx, actor.tenantId, personId));
}

/** Called after holds expired: requests nobody answered in time are closed as cancelled. */
export function closeExpiredTransferRequests(tx: Tx, tenantId: string, now: Date) {
  return repo.cancelRequestsWithExpiredHolds(tx, tenantId, now);
}
