import { Type } from 'typebox';
import { Body, Uuid } from '../../http/types.ts';

export const StaffRole = Type.Union([Type.Literal('manager_admin'), Type.Literal('manager_staff'), Type.Literal('technician')]);

export const UserIdParams = Type.Object({ userId: Uuid }, { additionalProperties: false });
export const StaffUpdate = Body({ role: StaffRole });
export const TechnicianSites = Body({ siteIds: Type.Array(Uuid, { maxItems: 500, uniqueItems: true }) });

export const StaffOut = Type.Object({
  userId: Type.String(),
  email: Type.String(),
  displayName: Type.String(),
  role: StaffRole,
  siteIds: Type.Array(Type.String()),
  pseudonymisedAccess: Type.Boolean({ description: 'reads units\' meters under pseudonyms (the contract\'s pseudonymised usage data option)' }),
});
