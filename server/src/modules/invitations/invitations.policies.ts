import type { TenantRole } from '../../db/schema.ts';
import { forbidden } from '../../errors.ts';
import type { TenantActor } from '../../http/actor.ts';

const isManager = (a: TenantActor) => a.role === 'manager_admin' || a.role === 'manager_staff';

// Admins invite anyone; office staff only residents (so nobody hands out more rights than they hold).
export const invitationPolicy = {
  list: isManager,
  invite: (a: TenantActor, role: TenantRole) => a.role === 'manager_admin' || (a.role === 'manager_staff' && role === 'resident'),
};

export const accessRequestPolicy = {
  list: isManager,
  decide: isManager,
};

export function authorize(allowed: boolean): void {
  if (!allowed) throw forbidden();
}
