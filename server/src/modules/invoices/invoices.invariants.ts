// What must hold between invoices and the ledger: a resident's receivable account owes exactly
// what their open invoices still ask for, reminder fees included (invoices and fees debit it,
// payments and credit notes credit it, and nothing is paid beyond what is due). Checked by the
// tests beside the ledger's own invariants.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

export interface ReceivableViolation { personId: string; owed: number; due: number }

export async function checkReceivables(db: Kysely<Database>, tenantId: string): Promise<ReceivableViolation[]> {
  const { rows } = await sql<{ person_id: string; owed: string; due: string }>`
    SELECT a.person_id, (a.debits_posted - a.credits_posted)::text AS owed, coalesce(i.due, 0)::text AS due
    FROM ledger_accounts a
    LEFT JOIN (SELECT person_id, sum(gross_minor + reminder_fees_minor - paid_minor) AS due FROM invoices
      WHERE tenant_id = ${tenantId}::uuid AND kind = 'invoice' AND status = 'open' GROUP BY person_id) i ON i.person_id = a.person_id
    WHERE a.tenant_id = ${tenantId}::uuid AND a.kind = 'receivable' AND a.debits_posted - a.credits_posted <> coalesce(i.due, 0)`.execute(db);
  return rows.map((r) => ({ personId: r.person_id, owed: Number(r.owed), due: Number(r.due) }));
}
