// The fields of credentials and badge requests that leave the server. A phone's idTag and a PIN's
// tag never do (the phone's is answered once, when it is created).
import type { Static } from 'typebox';
import { splitActor } from './credentials.changes.ts';
import type { CredentialView, history } from './credentials.portal.repository.ts';
import type { BadgeRequestRow } from './credentials.requests.repository.ts';
import type { BadgeRequestOut, CredentialOut, HistoryOut } from './credentials.schemas.ts';

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

type HistoryRow = Awaited<ReturnType<typeof history>>[number];

export function presentCredential(c: CredentialView): Static<typeof CredentialOut> {
  return {
    id: c.id, type: c.type, uid: c.type === 'rfid' || c.type === 'fob' ? c.id_tag : null, label: c.label, technology: c.technology,
    status: c.status, origin: c.origin, personId: c.person_id, customerNumber: c.customer_number, name: `${c.first_name} ${c.last_name}`,
    validUntil: iso(c.valid_until),
    fee: c.fee_id && c.fee_status ? { id: c.fee_id, status: c.fee_status, amountMinor: Number(c.fee_amount_minor), currency: c.fee_currency! } : null,
    requestId: c.request_id, createdAt: iso(c.created_at)!, statusChangedAt: iso(c.status_changed_at)!,
  };
}

export function presentHistory(e: HistoryRow): Static<typeof HistoryOut> {
  const { kind, by } = splitActor(e.actor);
  return { at: iso(e.at)!, actor: kind, by, fromStatus: e.from_status, toStatus: e.to_status, reason: e.reason };
}

export function presentBadgeRequest(r: BadgeRequestRow): Static<typeof BadgeRequestOut> {
  return {
    id: r.id, personId: r.person_id, customerNumber: r.customer_number, name: `${r.first_name} ${r.last_name}`, kind: r.kind, purpose: r.purpose,
    parkingSpace: r.parking_space, chargerSerial: r.charger_serial, note: r.note, status: r.status, reason: r.reason,
    decidedAt: iso(r.decided_at), credentialId: r.credential_id, feeId: r.fee_id, createdAt: iso(r.created_at)!,
  };
}
