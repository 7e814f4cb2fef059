import { forbidden } from '../../errors.ts';
import type { TenantActor } from '../../http/actor.ts';

export const settlementPolicy = {
  /** The manager's staff see their settlements, statements and payout files. */
  read: (a: TenantActor) => a.role === 'manager_admin' || a.role === 'manager_staff',
  /** The manager's administrators choose how the payout is split over sites, and the sites' accounts. */
  configure: (a: TenantActor) => a.role === 'manager_admin',
};

export function authorize(allowed: boolean): void {
  if (!allowed) throw forbidden();
}
