import type { TenantActor } from '../../http/actor.ts';
import { forbidden } from '../../errors.ts';

const isStaff = (a: TenantActor) => a.role === 'manager_admin' || a.role === 'manager_staff';

export const sitePolicy = {
  read: (a: TenantActor) => isStaff(a) || a.role === 'technician',
  manage: (a: TenantActor) => isStaff(a),
};

export function authorize(allowed: boolean): void {
  if (!allowed) throw forbidden();
}
