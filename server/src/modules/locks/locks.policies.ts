// Who may do what with a lock.
//   owner:   the lock owner's members (role lock_owner, acting for the owning party) and the
//            property manager's admins: everything the licence allows.
//   shared:  members of an organisation holding an active organisation key of the lock, while
//            the lock's organisation option runs and the organisation has organisation
//            management: read, issue and revoke keys (not keys for organisations), read events.
//   reader:  the property manager's staff: read only.
import type { TenantActor } from '../../http/actor.ts';

export type LockRight = 'owner' | 'shared' | 'reader';

export interface LockOwnership {
  owner_party_id: string;
}

export function isLockOwner(actor: TenantActor, lock: LockOwnership): boolean {
  return actor.role === 'manager_admin' || (actor.role === 'lock_owner' && actor.partyId === lock.owner_party_id);
}

/** The right an actor has on a lock; `sharedWith` tells whether the actor's organisation shares it now. */
export function lockRight(actor: TenantActor, lock: LockOwnership, sharedWith: boolean): LockRight | null {
  if (isLockOwner(actor, lock)) return 'owner';
  if (actor.role === 'lock_owner' && sharedWith) return 'shared';
  if (actor.role === 'manager_staff') return 'reader';
  return null;
}

export const canManageKeys = (right: LockRight) => right === 'owner' || right === 'shared';
export const canSeeLocks = (actor: TenantActor) => actor.role === 'manager_admin' || actor.role === 'manager_staff' || actor.role === 'lock_owner';
