import type { TenantActor } from '../../http/actor.ts';
import { forbidden } from '../../errors.ts';

const isStaff = (a: TenantActor) => a.role === 'manager_admin' || a.role === 'manager_staff';

export const refundPolicy = {
  /** Only a resident asks, and only for their own wallet. */
  request: (a: TenantActor) => a.role === 'resident' && a.personId !== null,
  decide: isStaff,
  pay: isStaff,
  /** The fee is a business term of the manager: set by an admin. */
  setFee: (a: TenantActor) => a.role === 'manager_admin',
  /** Residents see the fee before they ask, so the portal can tell them what arrives. */
  readFee: (a: TenantActor) => isStaff(a) || a.role === 'resident',
};

export function authorize(allowed: boolean): void {
  if (!allowed) throw forbidden();
}
