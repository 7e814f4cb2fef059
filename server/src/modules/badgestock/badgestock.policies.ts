import type { TenantActor } from '../../http/actor.ts';
import { forbidden } from '../../errors.ts';

// The stock is the manager's office inventory; residents and technicians never see it.
// (The operator's routes require the platform role at the edge: requireOperator.)
const isStaff = (a: TenantActor) => a.role === 'manager_admin' || a.role === 'manager_staff';

export const badgeStockPolicy = {
  import: isStaff,
  read: isStaff,
  registerBuildingBadge: isStaff,
};

export function authorize(allowed: boolean): void {
  if (!allowed) throw forbidden();
}
