import { forbidden } from '../../errors.ts';
import type { TenantActor } from '../../http/actor.ts';

const isStaff = (a: TenantActor) => a.role === 'manager_admin' || a.role === 'manager_staff';

export const devicePolicy = {
  /** Technicians see the devices of their sites, and what they say, but change nothing. */
  read: (a: TenantActor) => isStaff(a) || a.role === 'technician',
  manage: isStaff,
  command: isStaff,
  readSettings: isStaff,
  changeSettings: (a: TenantActor) => a.role === 'manager_admin',
};

export function authorize(allowed: boolean): void {
  if (!allowed) throw forbidden();
}
