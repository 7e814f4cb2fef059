import type { TenantActor } from '../../http/actor.ts';

const isStaff = (a: TenantActor) => a.role === 'manager_admin' || a.role === 'manager_staff';

export const cardPaymentPolicy = {
  /** Only a resident tops up, and only their own wallet. */
  start: (a: TenantActor) => a.role === 'resident' && a.personId !== null,
  /** Residents see their own payments; the manager's staff see any of the tenant's. */
  read: (a: TenantActor, personId: string) => isStaff(a) || (a.role === 'resident' && a.personId === personId),
};
