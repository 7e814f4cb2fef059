import type { TenantActor } from '../../http/actor.ts';

const isStaff = (a: TenantActor) => a.role === 'manager_admin' || a.role === 'manager_staff';

export const bankingPolicy = {
  readBankAccount: isStaff,
  // Where residents' money arrives is changed by an admin only.
  manageBankAccount: (a: TenantActor) => a.role === 'manager_admin',
  // Staff print slips for any customer; a resident gets their own through /api/wallet.
  printSlipFor: isStaff,
};
