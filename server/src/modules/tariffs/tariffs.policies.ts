import { forbidden } from '../../errors.ts';
import type { TenantActor } from '../../http/actor.ts';

const isStaff = (a: TenantActor) => a.role === 'manager_admin' || a.role === 'manager_staff';

export const tariffPolicy = {
  /** Technicians see the prices of the sites they look after (their site access is checked per site). */
  read: (a: TenantActor) => isStaff(a) || a.role === 'technician',
  manage: isStaff,
  /** A resident sees the prices where they live. */
  own: (a: TenantActor) => a.role === 'resident' && a.personId !== null,
};

export function authorize(allowed: boolean): void {
  if (!allowed) throw forbidden();
}
