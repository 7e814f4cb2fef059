import type { TenantActor } from '../../http/actor.ts';

// Residents' personal data is for the manager's office only (API tokens act as manager_staff).
const isStaff = (a: TenantActor) => a.role === 'manager_admin' || a.role === 'manager_staff';

export const personPolicy = {
  read: isStaff,
  manage: isStaff,
};
