import type { findStaff } from './staff.repository.ts';

type StaffRow = NonNullable<Awaited<ReturnType<typeof findStaff>>>;

export function presentStaff(s: StaffRow) {
  return {
    userId: s.user_id,
    email: s.email,
    displayName: s.display_name,
    role: s.role as 'manager_admin' | 'manager_staff' | 'technician',
    siteIds: [...(s.site_ids ?? [])].sort(),
    pseudonymisedAccess: Boolean(s.pseudonymised_access),
  };
}
