import type { EntryRow, StatementRow } from './bankimport.repository.ts';

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

export function presentStatement(s: StatementRow) {
  return {
    id: s.id, fileName: s.file_name, format: s.format, messageId: s.message_id, importedBy: s.imported_by_label,
    importedAt: iso(s.imported_at)!, credits: s.credit_count, newEntries: s.new_count, matched: s.matched_count,
    toReview: s.review_count, duplicatesSkipped: s.duplicate_count, ignored: s.ignored_count,
  };
}

export function presentEntry(e: EntryRow) {
  return {
    id: e.id, statementId: e.statement_id, amount: Number(e.amount), currency: e.currency, bookedOn: e.booked_on,
    reference: e.reference, freeText: e.free_text, debtorName: e.debtor_name, debtorIban: e.debtor_iban,
    status: e.status, matchedBy: e.matched_by, reviewReason: e.review_reason,
    person: e.person_id && e.customer_number
      ? { id: e.person_id, customerNumber: e.customer_number, name: `${e.first_name} ${e.last_name}` }
      : null,
    transferId: e.transfer_id, returnReason: e.return_reason, decidedAt: iso(e.decided_at),
  };
}
