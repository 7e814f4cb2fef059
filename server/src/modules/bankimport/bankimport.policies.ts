import type { TenantActor } from '../../http/actor.ts';
import { forbidden } from '../../errors.ts';

const isStaff = (a: TenantActor) => a.role === 'manager_admin' || a.role === 'manager_staff';

/** Bank files and the review queue are the property manager's office work. */
export const bankImportPolicy = {
  manage: (a: TenantActor) => isStaff(a),
};

export function authorize(allowed: boolean): void {
  if (!allowed) throw forbidden();
}
