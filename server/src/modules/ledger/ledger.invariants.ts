// What must hold for the ledger at any committed moment, checked against the data itself (after
// TigerBeetle's "invariants you can check"). Used by the property, crash and operator checks.
// Reads every tenant's rows: call it with the owner's connection or inside asPlatform.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

export interface LedgerViolation {
  rule: 'account_totals' | 'debits_equal_credits' | 'wallet_overspent' | 'hold_resolved_twice' | 'bad_resolution' | 'duplicate_id' | 'currency';
  detail: string;
}

type Reader = Kysely<Database>;

/** Every violation found (empty when the ledger is sound), optionally for one tenant only. */
export async function checkLedgerInvariants(db: Reader, tenantId?: string): Promise<LedgerViolation[]> {
  const tenant = tenantId ?? null;
  const found: LedgerViolation[][] = await Promise.all([
    accountTotals(db, tenant), debitsEqualCredits(db, tenant), overspentWallets(db, tenant), resolutions(db, tenant), duplicateIds(db, tenant),
  ]);
  return found.flat();
}

// The cached totals of each account equal what its transfers imply: posted = posted transfers and
// posted holds; pending = holds not yet resolved.
async function accountTotals(db: Reader, tenant: string | null): Promise<LedgerViolation[]> {
  const { rows } = await sql<{ tenant_id: string; id: string; cached: string; implied: string }>`
    WITH t AS (
      SELECT h.tenant_id, h.debit_account_id, h.credit_account_id, h.amount, h.kind,
        (h.kind = 'pending' AND NOT EXISTS (SELECT 1 FROM ledger_transfers r WHERE r.tenant_id = h.tenant_id AND r.pending_id = h.id)) AS open
      FROM ledger_transfers h WHERE ${tenant}::uuid IS NULL OR h.tenant_id = ${tenant}::uuid
    ), sides AS (
      SELECT tenant_id, debit_account_id AS account_id,
        CASE WHEN kind IN ('posted', 'post_pending') THEN amount ELSE 0 END AS dp, CASE WHEN open THEN amount ELSE 0 END AS dpe,
        0::bigint AS cp, 0::bigint AS cpe FROM t
      UNION ALL
      SELECT tenant_id, credit_account_id, 0, 0,
        CASE WHEN kind IN ('posted', 'post_pending') THEN amount ELSE 0 END, CASE WHEN open THEN amount ELSE 0 END FROM t
    ), implied AS (
      SELECT tenant_id, account_id, sum(dp) AS dp, sum(dpe) AS dpe, sum(cp) AS cp, sum(cpe) AS cpe FROM sides GROUP BY 1, 2
    )
    SELECT a.tenant_id, a.id,
      concat_ws('/', a.debits_posted, a.debits_pending, a.credits_posted, a.credits_pending) AS cached,
      concat_ws('/', coalesce(i.dp, 0), coalesce(i.dpe, 0), coalesce(i.cp, 0), coalesce(i.cpe, 0)) AS implied
    FROM ledger_accounts a LEFT JOIN implied i ON i.tenant_id = a.tenant_id AND i.account_id = a.id
    WHERE (${tenant}::uuid IS NULL OR a.tenant_id = ${tenant}::uuid)
      AND (a.debits_posted, a.debits_pending, a.credits_posted, a.credits_pending)
        IS DISTINCT FROM (coalesce(i.dp, 0), coalesce(i.dpe, 0), coalesce(i.cp, 0), coalesce(i.cpe, 0))`.execute(db);
  return rows.map((r) => ({ rule: 'account_totals', detail: `account ${r.id} (tenant ${r.tenant_id}): debits posted/pending, credits posted/pending are ${r.cached}, transfers imply ${r.implied}` }));
}

// Double entry: over all accounts of a currency, debits equal credits, posted and pending alike;
// and a transfer moves money only between accounts of its own currency.
async function debitsEqualCredits(db: Reader, tenant: string | null): Promise<LedgerViolation[]> {
  const totals = await sql<{ currency: string; dp: string; cp: string; dpe: string; cpe: string }>`
    SELECT currency, sum(debits_posted)::text AS dp, sum(credits_posted)::text AS cp, sum(debits_pending)::text AS dpe, sum(credits_pending)::text AS cpe
    FROM ledger_accounts WHERE ${tenant}::uuid IS NULL OR tenant_id = ${tenant}::uuid GROUP BY currency
    HAVING sum(debits_posted) <> sum(credits_posted) OR sum(debits_pending) <> sum(credits_pending)`.execute(db);
  const currencies = await sql<{ id: string }>`
    SELECT t.id FROM ledger_transfers t
    JOIN ledger_accounts d ON d.tenant_id = t.tenant_id AND d.id = t.debit_account_id
    JOIN ledger_accounts c ON c.tenant_id = t.tenant_id AND c.id = t.credit_account_id
    WHERE (${tenant}::uuid IS NULL OR t.tenant_id = ${tenant}::uuid) AND (d.currency <> t.currency OR c.currency <> t.currency)
    LIMIT 100`.execute(db);
  return [
    ...totals.rows.map((r): LedgerViolation => ({ rule: 'debits_equal_credits', detail: `${r.currency}: debits posted ${r.dp} vs credits ${r.cp}, pending ${r.dpe} vs ${r.cpe}` })),
    ...currencies.rows.map((r): LedgerViolation => ({ rule: 'currency', detail: `transfer ${r.id} crosses currencies` })),
  ];
}

// A wallet never commits (posts or holds) more than it was credited, except by recorded offline
// debt. This is stronger than "posted balance >= -offline debt": holds count as commitments too.
async function overspentWallets(db: Reader, tenant: string | null): Promise<LedgerViolation[]> {
  const { rows } = await sql<{ id: string; committed: string; allowed: string }>`
    SELECT a.id, (a.debits_posted + a.debits_pending)::text AS committed, (a.credits_posted + coalesce(o.debt, 0))::text AS allowed
    FROM ledger_accounts a
    LEFT JOIN (SELECT tenant_id, debit_account_id, sum(amount) AS debt FROM ledger_transfers WHERE offline_debt GROUP BY 1, 2) o
      ON o.tenant_id = a.tenant_id AND o.debit_account_id = a.id
    WHERE a.debits_must_not_exceed_credits AND (${tenant}::uuid IS NULL OR a.tenant_id = ${tenant}::uuid)
      AND a.debits_posted + a.debits_pending > a.credits_posted + coalesce(o.debt, 0)`.execute(db);
  return rows.map((r) => ({ rule: 'wallet_overspent', detail: `wallet ${r.id}: committed ${r.committed}, credited plus offline debt ${r.allowed}` }));
}

// A hold is resolved at most once, only a hold is resolved, by its own accounts, and a post never
// takes more than was held.
async function resolutions(db: Reader, tenant: string | null): Promise<LedgerViolation[]> {
  const twice = await sql<{ pending_id: string; n: number }>`
    SELECT pending_id, count(*)::int AS n FROM ledger_transfers
    WHERE pending_id IS NOT NULL AND (${tenant}::uuid IS NULL OR tenant_id = ${tenant}::uuid)
    GROUP BY tenant_id, pending_id HAVING count(*) > 1 LIMIT 100`.execute(db);
  const bad = await sql<{ id: string }>`
    SELECT r.id FROM ledger_transfers r
    LEFT JOIN ledger_transfers h ON h.tenant_id = r.tenant_id AND h.id = r.pending_id
    WHERE r.pending_id IS NOT NULL AND (${tenant}::uuid IS NULL OR r.tenant_id = ${tenant}::uuid)
      AND (h.id IS NULL OR h.kind <> 'pending' OR h.debit_account_id <> r.debit_account_id OR h.credit_account_id <> r.credit_account_id
        OR r.amount > h.amount OR (r.kind <> 'post_pending' AND r.amount <> h.amount))
    LIMIT 100`.execute(db);
  return [
    ...twice.rows.map((r): LedgerViolation => ({ rule: 'hold_resolved_twice', detail: `hold ${r.pending_id} resolved ${r.n} times` })),
    ...bad.rows.map((r): LedgerViolation => ({ rule: 'bad_resolution', detail: `resolution ${r.id} does not match its hold` })),
  ];
}

// The primary key promises this; checked on the data anyway, as a ledger audit would.
async function duplicateIds(db: Reader, tenant: string | null): Promise<LedgerViolation[]> {
  const { rows } = await sql<{ n: number; distinct_ids: number }>`
    SELECT count(*)::int AS n, count(DISTINCT (tenant_id, id))::int AS distinct_ids FROM ledger_transfers
    WHERE ${tenant}::uuid IS NULL OR tenant_id = ${tenant}::uuid`.execute(db);
  const { n, distinct_ids: distinct } = rows[0]!;
  return n === distinct ? [] : [{ rule: 'duplicate_id', detail: `${n} transfers but ${distinct} distinct ids` }];
}
