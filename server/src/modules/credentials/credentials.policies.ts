import { forbidden } from '../../errors.ts';
import type { TenantActor } from '../../http/actor.ts';

const isStaff = (a: TenantActor) => a.role === 'manager_admin' || a.role === 'manager_staff';

export const credentialPolicy = {
  /** Staff find any credential of the tenant, see its history, issue, register, block, unblock, take back and decide requests. */
  manage: isStaff,
  /** A resident sees and acts on their own credentials and requests only. */
  own: (a: TenantActor) => a.role === 'resident' && a.personId !== null,
  /** The badge fee is shown to residents before they request and to staff before they issue. */
  readTerms: (a: TenantActor) => isStaff(a) || a.role === 'resident',
};

export function authorize(allowed: boolean): void {
  if (!allowed) throw forbidden();
}
