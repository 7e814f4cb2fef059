// A resident claims a badge that registered itself at a terminal (seed 003: "Autoregistrierung"),
// with the label printed on the card. The badge moves to the resident, with an entry in its
// history; whatever was paid onto the badge's account meanwhile (a bank transfer quoting the
// label, say) moves to the resident's wallet by a ledger transfer. The empty account stays, still
// marked auto-registered, without credentials: its customer number may appear on old payments.
import { inTenant, type Tx } from '../../db/scope.ts';
import type { Deps } from '../../deps.ts';
import type { TenantActor } from '../../http/actor.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { recordChange } from '../credentials/credentials.lifecycle.ts';
import { createTransfer, transferId, walletOf } from '../ledger/ledger.usecases.ts';
import { notClaimable, residentsOnly, unknownLabel } from './authorization.errors.ts';
import { authorizationPolicy } from './authorization.policies.ts';
import * as repo from './authorization.repository.ts';

export interface ClaimedBadge {
  credentialId: string;
  label: string;
  status: string;
  /** Moved from the badge's account to the resident's wallet, minor units. */
  movedMinor: number;
  currency: string;
}

export async function claimBadge(deps: Pick<Deps, 'db' | 'clock'>, actor: TenantActor, label: string): Promise<ClaimedBadge> {
  if (!authorizationPolicy.claim(actor)) throw residentsOnly();
  const residentId = actor.personId!;
  const now = deps.clock.now();
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    // Locked, so two residents claiming at once cannot both get it.
    const badge = await repo.lockRfidByLabel(tx, actor.tenantId, label.trim());
    if (!badge) throw unknownLabel();
    const wallet = await walletOf(tx, actor.tenantId, residentId);
    if (badge.person_id === residentId) return claimed(badge, 0, wallet.currency); // a repeated request
    const holder = await repo.findPerson(tx, actor.tenantId, badge.person_id);
    if (badge.origin !== 'auto' || !holder.auto_registered) throw notClaimable();

    const moved = await repo.setHolder(tx, actor.tenantId, badge.id, residentId);
    await recordChange(tx, moved, badge.status, { userId: actor.userId, actor: 'resident', reason: `claimed from ${holder.customer_number}`, now });
    const movedMinor = await moveBalance(tx, actor.tenantId, badge.id, holder.id, wallet.id, now);
    await recordAudit(tx, actor, {
      action: 'credential.claimed', entityType: 'credential', entityId: badge.id,
      before: { personId: holder.id, customerNumber: holder.customer_number }, after: { personId: residentId, movedMinor },
    });
    return claimed(moved, movedMinor, wallet.currency);
  });
}

/** What the badge's own account can spend goes to the resident; a debt stays where it arose. */
async function moveBalance(tx: Tx, tenantId: string, credentialId: string, fromPersonId: string, toWalletId: string, now: Date): Promise<number> {
  const from = await repo.walletTotals(tx, tenantId, fromPersonId);
  const available = from ? Number(from.credits_posted) - Number(from.debits_posted) - Number(from.debits_pending) : 0;
  if (!from || available <= 0) return 0;
  await createTransfer(tx, tenantId, {
    id: transferId('badge-claim', `${credentialId}:${fromPersonId}`), debitAccountId: from.id, creditAccountId: toWalletId,
    amount: available, code: 'transfer', reference: { type: 'badge_claim', id: credentialId },
  }, now);
  return available;
}

/** Who holds the badge with this printed label (any case), for bank transfers that quote it. */
export function holderOfBadgeLabel(tx: Tx, tenantId: string, label: string): Promise<string | null> {
  return repo.holderOfLabel(tx, tenantId, label);
}

function claimed(badge: { id: string; label: string | null; status: string }, movedMinor: number, currency: string): ClaimedBadge {
  return { credentialId: badge.id, label: badge.label ?? '', status: badge.status, movedMinor, currency };
}
