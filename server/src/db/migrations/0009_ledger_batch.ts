// Group commit for the ledger (TigerBeetle's batching): many independent transfers in one
// round trip and one commit. A refused transfer (insufficient funds, a reused id) changes
// nothing, so the others stay applied without subtransactions; all accounts of the batch are
// locked first, in id order, the order every single transfer locks in, so nothing deadlocks.
import type { Migration } from '../migrate.ts';
import { executeScript } from '../script.ts';

export const ledgerBatch: Migration = {
  version: 9,
  name: 'ledger_batch',
  async up(db) {
    await executeScript(db, `
      CREATE FUNCTION ledger_apply_batch(p_tenant uuid, p_items jsonb, p_now timestamptz) RETURNS jsonb
      LANGUAGE plpgsql AS $fn$
      DECLARE
        item jsonb;
        outcome record;
        results jsonb := '[]'::jsonb;
      BEGIN
        PERFORM set_config('app.tenant_id', p_tenant::text, true);
        PERFORM 1 FROM ledger_accounts
          WHERE tenant_id = p_tenant AND id IN (
            SELECT (i->>'debit')::uuid FROM jsonb_array_elements(p_items) i WHERE i->>'debit' IS NOT NULL
            UNION SELECT (i->>'credit')::uuid FROM jsonb_array_elements(p_items) i WHERE i->>'credit' IS NOT NULL
            UNION SELECT t.debit_account_id FROM ledger_transfers t JOIN jsonb_array_elements(p_items) i
              ON t.tenant_id = p_tenant AND t.id = (i->>'pendingId')::uuid
            UNION SELECT t.credit_account_id FROM ledger_transfers t JOIN jsonb_array_elements(p_items) i
              ON t.tenant_id = p_tenant AND t.id = (i->>'pendingId')::uuid)
          ORDER BY id FOR UPDATE;
        FOR item IN SELECT * FROM jsonb_array_elements(p_items) LOOP
          outcome := ledger_try_apply(p_tenant, (item->>'id')::uuid, item->>'kind', (item->>'debit')::uuid, (item->>'credit')::uuid,
            (item->>'amount')::bigint, item->>'code', (item->>'pendingId')::uuid, (item->>'timeoutSeconds')::integer,
            coalesce((item->>'offlineDebt')::boolean, false), item->>'referenceType', item->>'referenceId', item->>'note', p_now);
          results := results || jsonb_build_array(CASE WHEN outcome.refusal IS NULL
            THEN jsonb_build_object('transfer', to_jsonb(outcome.applied)) ELSE jsonb_build_object('error', outcome.refusal) END);
        END LOOP;
        RETURN results;
      END
      $fn$;
    `);
  },
};
