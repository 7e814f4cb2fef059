// Who may redeem a code.
//   for a lock:     its owner (isLockOwner: the owning party's members and the manager's admins);
//                   an organisation sharing the lock may not.
//   for an account: a lock owner's or organisation's member for its own party, or the
//                   manager's admin for a party of the tenant it names.
// Making codes and reading batches and attempts is the operator's (requireOperator at the edge).
import type { TenantActor } from '../../http/actor.ts';

export { isLockOwner as mayRedeemForLock } from '../locks/locks.policies.ts';

/** The party an account code upgrades, or null when the actor may not redeem one. */
export function accountPartyOf(actor: TenantActor, named: string | undefined): { partyId: string | undefined } | null {
  if (actor.role === 'lock_owner' && actor.partyId) return named === undefined || named === actor.partyId ? { partyId: actor.partyId } : null;
  if (actor.role === 'manager_admin') return { partyId: named };
  return null;
}
