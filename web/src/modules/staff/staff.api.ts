export type StaffRole = 'manager_admin' | 'manager_staff' | 'technician';

export interface StaffMember {
  userId: string;
  email: string;
  displayName: string;
  role: StaffRole;
  siteIds: string[];
}
