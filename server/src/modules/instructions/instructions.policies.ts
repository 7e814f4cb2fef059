import type { TenantActor } from '../../http/actor.ts';
import { forbidden } from '../../errors.ts';

// The notices hang in the building: the manager's office prints them.
export const instructionsPolicy = {
  print: (a: TenantActor) => a.role === 'manager_admin' || a.role === 'manager_staff',
};

export function authorize(allowed: boolean): void {
  if (!allowed) throw forbidden();
}
