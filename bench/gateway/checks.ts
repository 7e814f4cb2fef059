// After the load: the money must still be right. The ledger's invariants hold, every session is
// closed, what the revenue accounts received equals the sum of the sessions' amounts, and the
// laundry sessions the terminals completed are the ones stored, each charged its 0.5 kWh.
import { sql } from 'kysely';
import { checkLedgerInvariants } from '../../server/src/modules/ledger/ledger.invariants.ts';
import { print, type Bench } from './context.ts';
import { SESSION_WH } from './fleet.ts';
import { WASHER_PRICE_MINOR } from './world.ts';

export async function checkMoney(bench: Bench, laundryCompletedByTerminals: number): Promise<void> {
  await bench.handle.asOwner(async (owner) => {
    const violations = await checkLedgerInvariants(owner);
    const sessions = (await sql<{ kind: string; status: string; n: number; amount: number | null }>`
      SELECT a.kind, s.status, count(*)::int AS n, sum(s.amount_minor)::bigint AS amount
      FROM usage_sessions s JOIN appliances a ON a.tenant_id = s.tenant_id AND a.id = s.appliance_id GROUP BY 1, 2`.execute(owner)).rows;
    const revenue = (await sql<{ posted: number; pending: number }>`
      SELECT coalesce(sum(credits_posted), 0)::bigint AS posted, coalesce(sum(credits_pending), 0)::bigint AS pending
      FROM ledger_accounts WHERE kind = 'revenue'`.execute(owner)).rows[0]!;
    const completed = sessions.filter((s) => s.status === 'completed');
    const amount = completed.reduce((sum, s) => sum + Number(s.amount ?? 0), 0);
    const washes = completed.find((s) => s.kind === 'washer');
    const open = sessions.filter((s) => s.status === 'active' || s.status === 'preselected').reduce((sum, s) => sum + s.n, 0);
    const perWash = Math.round((SESSION_WH * WASHER_PRICE_MINOR) / 1000);
    print('ledger_check', {
      invariant_violations: violations.length, first_violations: violations.slice(0, 3),
      charged_minor: Number(revenue.posted), sessions_amount_minor: amount, charged_equals_sessions: Number(revenue.posted) === amount,
      still_held_minor: Number(revenue.pending), sessions_open: open,
      laundry_completed_by_terminals: laundryCompletedByTerminals, laundry_completed_stored: washes?.n ?? 0,
      laundry_amount_minor: Number(washes?.amount ?? 0), laundry_amount_expected_minor: (washes?.n ?? 0) * perWash,
      sessions_by_status: sessions,
    });
  });
}
