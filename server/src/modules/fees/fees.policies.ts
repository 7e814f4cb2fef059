import { forbidden } from '../../errors.ts';
import type { TenantActor } from '../../http/actor.ts';

const isStaff = (a: TenantActor) => a.role === 'manager_admin' || a.role === 'manager_staff';

export const feePolicy = {
  /** Staff see, bill and cancel any customer's fees. */
  read: isStaff,
  create: isStaff,
  cancel: isStaff,
  /** A resident sees and pays their own. */
  own: (a: TenantActor) => a.role === 'resident' && a.personId !== null,
};

export function authorize(allowed: boolean): void {
  if (!allowed) throw forbidden();
}
