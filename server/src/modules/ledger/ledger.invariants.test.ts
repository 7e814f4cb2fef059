// The invariant check must notice a broken ledger, or the property and crash tests prove nothing.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client.ts';
import { inTenant } from '../../db/scope.ts';
import { createTestDatabase } from '../../test/database.ts';
import { ledgerFixture } from './ledger.fixtures.ts';
import { checkLedgerInvariants } from './ledger.invariants.ts';
import { createTransfer, systemAccount, walletOf } from './ledger.usecases.ts';

let handle: DatabaseHandle;
let tenantId: string;
let wallet: string;
let hold: string;
beforeAll(async () => {
  handle = await createTestDatabase();
  const fixture = await handle.asOwner((owner) => ledgerFixture(owner, { shortCode: 'invar', currency: 'EUR', people: 2 }));
  tenantId = fixture.tenantId;
  await inTenant(handle.db, tenantId, async (tx) => {
    wallet = (await walletOf(tx, tenantId, fixture.personIds[0]!)).id;
    const [clearing, revenue] = [await systemAccount(tx, tenantId, 'card_clearing'), await systemAccount(tx, tenantId, 'revenue')];
    const ref = { type: 'test', id: 'invariants' };
    await createTransfer(tx, tenantId, { id: randomUUID(), debitAccountId: clearing, creditAccountId: wallet, amount: 1000, code: 'top_up', reference: ref });
    hold = (await createTransfer(tx, tenantId, { id: randomUUID(), debitAccountId: wallet, creditAccountId: revenue, amount: 300, code: 'usage', reference: ref, pendingTimeoutSeconds: 60 })).id;
  });
});
afterAll(async () => { await handle.close(); });

// Each corruption runs in a transaction that is rolled back, so the cases do not add up.
async function rulesBrokenBy(corruption: string): Promise<string[]> {
  return handle.asOwner((owner) => owner.transaction().execute(async (tx) => {
    for (const statement of corruption.split(';')) await sql.raw(statement).execute(tx);
    const rules = (await checkLedgerInvariants(tx, tenantId)).map((v) => v.rule);
    throw Object.assign(new Error('rollback'), { rules });
  }).catch((error: { rules?: string[] }) => {
    if (!error.rules) throw error;
    return [...new Set(error.rules)].sort();
  }));
}

it('finds nothing wrong with a ledger written through the use cases', async () => {
  expect(await handle.asOwner((owner) => checkLedgerInvariants(owner))).toEqual([]);
});

it('notices cached totals that disagree with the transfers', async () => {
  expect(await rulesBrokenBy(`UPDATE ledger_accounts SET credits_posted = credits_posted + 1 WHERE id = '${wallet}'`))
    .toEqual(['account_totals', 'debits_equal_credits']);
  expect(await rulesBrokenBy(`UPDATE ledger_accounts SET debits_pending = 0 WHERE id = '${wallet}'`))
    .toEqual(['account_totals', 'debits_equal_credits']);
});

it('notices a wallet that spent more than it holds, a hold resolved twice and a duplicated id', async () => {
  expect(await rulesBrokenBy(`UPDATE ledger_transfers SET amount = 5000 WHERE id = '${hold}';
    UPDATE ledger_accounts SET debits_pending = 5000 WHERE id = '${wallet}'; UPDATE ledger_accounts SET credits_pending = 5000 WHERE kind = 'revenue'`))
    .toEqual(['wallet_overspent']);
  expect(await rulesBrokenBy(`DROP INDEX ledger_one_resolution;
    INSERT INTO ledger_transfers (tenant_id, id, debit_account_id, credit_account_id, amount, currency, code, kind, pending_id, reference_type, reference_id)
      SELECT tenant_id, gen_random_uuid(), debit_account_id, credit_account_id, amount, currency, code, 'void_pending', id, 'test', 'x'
      FROM ledger_transfers, generate_series(1, 2) WHERE id = '${hold}'`))
    .toEqual(['account_totals', 'hold_resolved_twice']);
  expect(await rulesBrokenBy(`ALTER TABLE ledger_transfers DROP CONSTRAINT ledger_transfers_pkey CASCADE;
    INSERT INTO ledger_transfers SELECT * FROM ledger_transfers WHERE id = '${hold}'`))
    .toContain('duplicate_id');
});
