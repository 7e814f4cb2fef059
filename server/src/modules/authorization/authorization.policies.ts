import type { TenantActor } from '../../http/actor.ts';

const isStaff = (a: TenantActor) => a.role === 'manager_admin' || a.role === 'manager_staff';

export const authorizationPolicy = {
  /** What devices are told: every tag of the tenant. */
  readDeviceLists: isStaff,
  /** Staff try a tag as a terminal would, to answer "why does my badge not work?". */
  check: isStaff,
  /** A resident claims an auto-registered badge for their own account. */
  claim: (a: TenantActor) => a.role === 'resident' && a.personId !== null,
};
