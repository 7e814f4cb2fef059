import type { TenantActor } from '../../http/actor.ts';

export const isStaff = (a: TenantActor) => a.role === 'manager_admin' || a.role === 'manager_staff';

export const alarmRulePolicy = {
  /** Staff change any rule they may read; a resident only the rules they made; a technician none. */
  change: (a: TenantActor, rule: { created_by: string }) => isStaff(a) || (a.role === 'resident' && rule.created_by === a.userId),
};
