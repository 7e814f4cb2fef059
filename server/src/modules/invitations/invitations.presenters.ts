import type { findInvitation } from './invitations.repository.ts';
import type { listAccessRequests } from './access-requests.repository.ts';

type InvitationRow = NonNullable<Awaited<ReturnType<typeof findInvitation>>>;
type AccessRequestRow = Awaited<ReturnType<typeof listAccessRequests>>[number];

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

function invitationStatus(row: InvitationRow, now: Date) {
  if (row.accepted_at) return 'accepted' as const;
  if (row.revoked_at) return 'revoked' as const;
  if (new Date(row.expires_at) <= now) return 'expired' as const;
  return 'pending' as const;
}

export function presentInvitation(row: InvitationRow, now: Date) {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    personId: row.person_id,
    personName: row.first_name ? `${row.first_name} ${row.last_name}` : null,
    partyId: row.party_id,
    partyName: row.party_name,
    status: invitationStatus(row, now),
    invitedBy: row.invited_by,
    createdAt: iso(row.created_at)!,
    expiresAt: iso(row.expires_at)!,
  };
}

export function presentAccessRequest(row: AccessRequestRow) {
  return {
    id: row.id,
    personId: row.person_id,
    personName: `${row.first_name} ${row.last_name}`,
    customerNumber: row.customer_number,
    email: row.email,
    status: row.status,
    decidedBy: row.decided_by,
    decidedAt: iso(row.decided_at),
    createdAt: iso(row.created_at)!,
  };
}
