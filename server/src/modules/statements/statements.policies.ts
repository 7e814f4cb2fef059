import { forbidden } from '../../errors.ts';
import type { TenantActor } from '../../http/actor.ts';

export const statementPolicy = {
  /** The owner's staff read the statements they bill from. */
  read: (a: TenantActor) => a.role === 'manager_admin' || a.role === 'manager_staff',
};

export function authorize(allowed: boolean): void {
  if (!allowed) throw forbidden();
}
