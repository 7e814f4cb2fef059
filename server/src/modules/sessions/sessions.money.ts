// Where a usage session meets the ledger. A prepaid session is paid through holds on the wallet:
// one for the pre-selected maximum, or, without a pre-selection (a charger, a terminal of another
// make), one step at a time while the consumption goes on. At the end the holds are posted in
// order up to the cost and the rest returns; a cost beyond the holds (a device that ran on while
// offline) is charged as recorded debt. Transfer ids derive from the session and its holds, so a
// StopTransaction seen twice charges once.
import type { Tx } from '../../db/scope.ts';
import type { UsageSession } from '../../db/schema.ts';
import { createTransfer, systemAccount, transferId, tryCreateTransfer, tryResolveHold, walletOf } from '../ledger/ledger.usecases.ts';
import * as repo from './sessions.repository.ts';

/** A hold covers a running session for a day at most; a longer charge is settled as debt beyond it. */
export const HOLD_SECONDS = 24 * 60 * 60;

export type HoldOutcome = { held: true; amountMinor: number } | { held: false };

/** The accounts a session's holds move between, when the caller has them at hand (the tap's answer, the process's cache). */
export interface SessionAccounts {
  walletId: string | null;
  revenueId: string;
}

const usage = (session: Pick<UsageSession, 'id'>) => ({ code: 'usage' as const, reference: { type: 'usage_session', id: session.id } });

/**
 * Holds `amountMinor` on the session's wallet, or reports that the wallet cannot cover it (the
 * ledger refuses a hold beyond what is available, and any hold on a wallet in debt). The
 * session's hold row is written first, so the ledger call is the last statement before the
 * caller's commit that locks the tenant's revenue account.
 */
export async function holdForSession(tx: Tx, session: Pick<UsageSession, 'tenant_id' | 'id' | 'person_id'>, amountMinor: number, holdNumber: number, now: Date, accounts?: SessionAccounts): Promise<HoldOutcome> {
  const walletId = accounts?.walletId ?? (await walletOf(tx, session.tenant_id, session.person_id!)).id;
  const holdId = transferId('session-hold', `${session.id}:${holdNumber}`);
  const recorded = await repo.insertHold(tx, session.tenant_id, session.id, holdId, amountMinor, now);
  const hold = await tryCreateTransfer(tx, session.tenant_id, {
    id: holdId, debitAccountId: walletId, creditAccountId: accounts?.revenueId ?? await systemAccount(tx, session.tenant_id, 'revenue'), amount: amountMinor,
    pendingTimeoutSeconds: HOLD_SECONDS, ...usage(session),
  }, now);
  if ('refusal' in hold) {
    // Refused: the hold row goes again, so the session's holds stay those the ledger has.
    if (recorded) await repo.deleteHold(tx, session.tenant_id, session.id, holdId);
    return { held: false };
  }
  return { held: true, amountMinor };
}

/** Charges `costMinor` for a prepaid session: its holds first (as read with the locked session, or read here), then recorded debt. Returns the debt. */
export async function settlePrepaid(tx: Tx, session: UsageSession, costMinor: number, now: Date, holds?: repo.SessionHold[]): Promise<number> {
  let remaining = costMinor;
  for (const hold of holds ?? await repo.holdsOf(tx, session.tenant_id, session.id)) {
    const charge = Math.min(remaining, hold.amount_minor);
    const posted = charge > 0
      ? await tryResolveHold(tx, session.tenant_id, { id: transferId('session-post', hold.hold_id), pendingId: hold.hold_id, amount: charge, hold: usage(session) }, now)
      : await tryResolveHold(tx, session.tenant_id, { id: transferId('session-void', hold.hold_id), pendingId: hold.hold_id, hold: usage(session) }, now);
    // null: the hold expired (a session longer than HOLD_SECONDS) and its money returned; the charge falls to the debt below.
    if (posted !== null) remaining -= charge;
  }
  return remaining <= 0 ? 0 : chargeBeyondHolds(tx, session, remaining, 'session-charge', now);
}

/** Charges what no hold covers, as recorded debt where the balance falls short. Returns the debt. */
export async function chargeBeyondHolds(tx: Tx, session: UsageSession, amountMinor: number, namespace: 'session-charge' | 'session-late', now: Date): Promise<number> {
  const wallet = await walletOf(tx, session.tenant_id, session.person_id!);
  await createTransfer(tx, session.tenant_id, {
    id: transferId(namespace, session.id), debitAccountId: wallet.id, creditAccountId: await systemAccount(tx, session.tenant_id, 'revenue'),
    amount: amountMinor, code: 'usage', reference: { type: 'usage_session', id: session.id }, allowOfflineDebt: true,
  }, now);
  // What the spendable balance did not cover is debt (other holds will take the rest when they post).
  return Math.min(amountMinor, Math.max(0, amountMinor - Math.max(0, wallet.available)));
}

/** Returns every hold of a session that never ran. */
export async function releaseHolds(tx: Tx, session: UsageSession, now: Date): Promise<void> {
  for (const hold of await repo.holdsOf(tx, session.tenant_id, session.id)) {
    await tryResolveHold(tx, session.tenant_id, { id: transferId('session-void', hold.hold_id), pendingId: hold.hold_id, hold: usage(session) }, now);
  }
}
