import type { Static } from 'typebox';
import { formatReference } from '../banking/references.ts';
import type { FeeRow } from './fees.repository.ts';
import type { FeeOut } from './fees.schemas.ts';

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

export function presentFee(f: FeeRow): Static<typeof FeeOut> {
  return {
    id: f.id, number: Number(f.number), personId: f.person_id, customerNumber: f.customer_number, name: `${f.first_name} ${f.last_name}`,
    currency: f.currency, amountMinor: Number(f.amount_minor),
    items: f.items.map((i) => ({ description: i.description, amountMinor: Number(i.amountMinor) })),
    subject: f.subject_type && f.subject_id ? { type: f.subject_type, id: f.subject_id } : null,
    reference: f.reference, referenceFormatted: formatReference(f.reference),
    status: f.status, paidVia: f.paid_via, paidAt: iso(f.paid_at), cancelledAt: iso(f.cancelled_at), cancelReason: f.cancel_reason,
    createdAt: iso(f.created_at)!,
  };
}
