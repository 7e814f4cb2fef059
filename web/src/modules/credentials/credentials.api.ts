// What the credential and badge request endpoints return (server/src/modules/credentials/credentials.schemas.ts).
export type CredentialType = 'rfid' | 'phone' | 'pin' | 'fob';
export type CredentialStatus = 'ordered' | 'awaiting_fee' | 'active' | 'blocked' | 'lost' | 'returned';
export type BadgeRequestStatus = 'pending' | 'approved' | 'rejected' | 'cancelled';

export interface Credential {
  id: string;
  type: CredentialType;
  uid: string | null;
  label: string | null;
  technology: string | null;
  status: CredentialStatus;
  origin: string;
  personId: string;
  customerNumber: string;
  name: string;
  validUntil: string | null;
  fee: { id: string; status: 'open' | 'paid' | 'cancelled'; amountMinor: number; currency: string } | null;
  requestId: string | null;
  createdAt: string;
  statusChangedAt: string;
}

export interface HistoryEntry {
  at: string;
  actor: string;
  by: string | null;
  fromStatus: CredentialStatus | null;
  toStatus: CredentialStatus;
  reason: string | null;
}

export interface CredentialDetail { credential: Credential; history: HistoryEntry[] }

export interface PhoneIssued { credential: Credential; idTag: string; qrDataUrl: string }

export interface BadgeTerms { currency: string; badgeFeeMinor: number; shippingMinor: number; operatingMode: string }

export interface BadgeRequest {
  id: string;
  personId: string;
  customerNumber: string;
  name: string;
  kind: 'first' | 'additional' | 'replacement';
  purpose: 'laundry' | 'charging' | 'private_charger';
  parkingSpace: string | null;
  chargerSerial: string | null;
  note: string | null;
  status: BadgeRequestStatus;
  reason: string | null;
  decidedAt: string | null;
  credentialId: string | null;
  feeId: string | null;
  createdAt: string;
}

export const statusColor: Record<CredentialStatus, string> = {
  ordered: 'blue', awaiting_fee: 'orange', active: 'green', blocked: 'red', lost: 'gray', returned: 'gray',
};
export const requestStatusColor: Record<BadgeRequestStatus, string> = { pending: 'yellow', approved: 'teal', rejected: 'red', cancelled: 'gray' };

/** Statuses in which a badge can still be reported lost (the server decides; this only hides the button). */
export const reportable = (c: Credential) => (c.type === 'rfid' || c.type === 'fob') && ['awaiting_fee', 'active', 'blocked'].includes(c.status);
export const ended = (c: Credential) => c.status === 'lost' || c.status === 'returned';
