import type { TenantActor } from '../../http/actor.ts';

const isStaff = (a: TenantActor) => a.role === 'manager_admin' || a.role === 'manager_staff';

// Technicians see the units of their sites (the access check narrows to those); only staff change them.
export const unitPolicy = {
  read: (a: TenantActor) => isStaff(a) || a.role === 'technician',
  manage: (a: TenantActor) => isStaff(a),
};
