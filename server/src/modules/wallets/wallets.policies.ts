import type { TenantActor } from '../../http/actor.ts';

const isStaff = (a: TenantActor) => a.role === 'manager_admin' || a.role === 'manager_staff';

export const walletPolicy = {
  /** Find wallets, read any wallet's movements. */
  read: isStaff,
  /** Manual credits and debits, fees. */
  adjust: isStaff,
  /** A resident's own wallet. */
  own: (a: TenantActor) => a.role === 'resident' && a.personId !== null,
};
