// What the staff endpoints return (server/src/modules/staff/staff.schemas.ts and
// server/src/modules/pseudonymised-access/pseudonymised-access.routes.ts).
export type StaffRole = 'manager_admin' | 'manager_staff' | 'technician';

export interface StaffMember {
  userId: string;
  email: string;
  displayName: string;
  role: StaffRole;
  siteIds: string[];
  /** Reads units' meters under pseudonyms (the contract's pseudonymised usage data option). */
  pseudonymisedAccess: boolean;
}

/** The settlement contract's pseudonymised usage data option: whether it is included, how many accounts it covers, who has it. */
export interface PseudonymisedAccessOverview {
  available: boolean;
  limit: number;
  userIds: string[];
}

/** Technicians read no usage data; admins and office staff may be granted it. */
export const readsUsageData = (role: StaffRole) => role === 'manager_admin' || role === 'manager_staff';
