import { forbidden } from '../../errors.ts';
import type { TenantActor } from '../../http/actor.ts';

const isStaff = (a: TenantActor) => a.role === 'manager_admin' || a.role === 'manager_staff';

export const invoicePolicy = {
  /** Staff see every customer's invoices. */
  read: isStaff,
  /** The manager's administrators correct an invoice with a credit note. */
  credit: (a: TenantActor) => a.role === 'manager_admin',
  /** …and set the reminder levels and fees. */
  configure: (a: TenantActor) => a.role === 'manager_admin',
  /** A resident sees their own. */
  own: (a: TenantActor) => a.role === 'resident' && a.personId !== null,
};

export function authorize(allowed: boolean): void {
  if (!allowed) throw forbidden();
}
