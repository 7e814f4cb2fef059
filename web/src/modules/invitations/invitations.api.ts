// Invitations and access requests as the API presents them. The status is derived here when the
// server leaves it out, so the page reads the same either way.
export type InvitationRole = 'manager_admin' | 'manager_staff' | 'technician' | 'resident' | 'lock_owner';
export const INVITABLE_ROLES = ['manager_admin', 'manager_staff', 'technician', 'lock_owner'] as const;

export interface Invitation {
  id: string;
  email: string;
  role: InvitationRole;
  personId: string | null;
  personName?: string | null;
  partyName?: string | null;
  status?: InvitationStatus;
  createdAt: string;
  expiresAt: string;
  acceptedAt?: string | null;
  revokedAt?: string | null;
}

export type InvitationStatus = 'pending' | 'accepted' | 'revoked' | 'expired';

export function statusOf(invitation: Invitation, now = Date.now()): InvitationStatus {
  if (invitation.status) return invitation.status;
  if (invitation.revokedAt) return 'revoked';
  if (invitation.acceptedAt) return 'accepted';
  return new Date(invitation.expiresAt).getTime() < now ? 'expired' : 'pending';
}

export interface AccessRequest {
  id: string;
  personId: string;
  email: string;
  status: 'pending' | 'approved' | 'declined';
  createdAt: string;
  personName?: string;
  customerNumber?: string;
}
