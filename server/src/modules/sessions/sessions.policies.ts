import { forbidden } from '../../errors.ts';
import type { TenantActor } from '../../http/actor.ts';

const isStaff = (a: TenantActor) => a.role === 'manager_admin' || a.role === 'manager_staff';

export const sessionPolicy = {
  /** Staff see every session and end a stuck one. */
  read: isStaff,
  end: isStaff,
  /** A resident starts, follows and ends their own. */
  own: (a: TenantActor) => a.role === 'resident' && a.personId !== null,
};

export function authorize(allowed: boolean): void {
  if (!allowed) throw forbidden();
}
