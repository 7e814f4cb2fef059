// Group commit, set-based. Calling ledger_try_apply once per item (0009) ran six statements per
// transfer; here a batch of new transfers costs four statements in all: read the items, lock
// and read every account of the batch (in id order, the order single transfers lock in, so
// nothing deadlocks), look up reused ids, then insert every accepted transfer and move the
// account totals in one statement. The rules are decided in memory, item by item in batch
// order, against the locked totals — the same rules as ledger_try_apply, which still handles
// what is not a plain new transfer (an id already stored or repeated in the batch): those go
// through it one by one after the others, so its answers (retry, ledger.id_reused) stay the same.
import type { Migration } from '../migrate.ts';
import { executeScript } from '../script.ts';

export const ledgerBatchSet: Migration = {
  version: 10,
  name: 'ledger_batch_set',
  async up(db) {
    await executeScript(db, `
      CREATE OR REPLACE FUNCTION ledger_apply_batch(p_tenant uuid, p_items jsonb, p_now timestamptz) RETURNS jsonb
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $fn$
      DECLARE
        ids uuid[]; kinds text[]; debits uuid[]; credits uuid[]; amounts bigint[]; codes text[]; timeouts integer[];
        offline boolean[]; ref_types text[]; ref_ids text[]; notes text[];
        acc_ids uuid[]; acc_currency text[]; acc_limited boolean[]; acc_room bigint[];
        stored uuid[];
        -- Per item: 'apply' (inserted below), 'alone' (through ledger_try_apply), or a refusal code.
        fate text[];
        d integer; c integer;
        inserted jsonb;
        outcome record;
        results jsonb := '[]'::jsonb;
      BEGIN
        PERFORM set_config('app.tenant_id', p_tenant::text, true);
        SELECT array_agg((e->>'id')::uuid ORDER BY o), array_agg(e->>'kind' ORDER BY o),
               array_agg((e->>'debit')::uuid ORDER BY o), array_agg((e->>'credit')::uuid ORDER BY o),
               array_agg((e->>'amount')::bigint ORDER BY o), array_agg(e->>'code' ORDER BY o),
               array_agg((e->>'timeoutSeconds')::integer ORDER BY o), array_agg(coalesce((e->>'offlineDebt')::boolean, false) ORDER BY o),
               array_agg(e->>'referenceType' ORDER BY o), array_agg(e->>'referenceId' ORDER BY o), array_agg(e->>'note' ORDER BY o)
          INTO ids, kinds, debits, credits, amounts, codes, timeouts, offline, ref_types, ref_ids, notes
          FROM jsonb_array_elements(p_items) WITH ORDINALITY AS x(e, o);
        IF ids IS NULL THEN RETURN results; END IF;

        -- room: what a no-overdraft account may still spend.
        SELECT array_agg(a.id ORDER BY a.id), array_agg(a.currency ORDER BY a.id),
               array_agg(a.limited ORDER BY a.id), array_agg(a.room ORDER BY a.id)
          INTO acc_ids, acc_currency, acc_limited, acc_room
          FROM (SELECT id, currency::text AS currency, debits_must_not_exceed_credits AS limited,
                       credits_posted - debits_posted - debits_pending AS room
                  FROM ledger_accounts WHERE tenant_id = p_tenant AND id = ANY(debits || credits)
                  ORDER BY id FOR UPDATE) a;

        -- Under the locks, as in ledger_try_apply: a concurrent retry waits, then finds its id here.
        SELECT array_agg(id) INTO stored FROM ledger_transfers WHERE tenant_id = p_tenant AND id = ANY(ids);

        fate := array_fill(NULL::text, ARRAY[cardinality(ids)]);
        FOR i IN 1 .. cardinality(ids) LOOP
          IF ids[i] = ANY(coalesce(stored, '{}')) OR array_position(ids, ids[i]) < i
             OR kinds[i] NOT IN ('posted', 'pending') OR debits[i] = credits[i] THEN
            fate[i] := 'alone'; CONTINUE;
          END IF;
          IF amounts[i] IS NULL OR amounts[i] <= 0 THEN fate[i] := 'ledger.invalid_amount'; CONTINUE; END IF;
          d := array_position(acc_ids, debits[i]);
          c := array_position(acc_ids, credits[i]);
          IF d IS NULL OR c IS NULL THEN fate[i] := 'ledger.account_not_found'; CONTINUE; END IF;
          IF acc_currency[d] <> acc_currency[c] THEN fate[i] := 'ledger.currency_mismatch'; CONTINUE; END IF;
          IF acc_limited[d] AND NOT (kinds[i] = 'posted' AND offline[i]) AND amounts[i] > acc_room[d] THEN
            fate[i] := 'ledger.insufficient_funds'; CONTINUE;
          END IF;
          acc_room[d] := acc_room[d] - amounts[i];
          IF kinds[i] = 'posted' THEN acc_room[c] := acc_room[c] + amounts[i]; END IF;
          fate[i] := 'apply';
        END LOOP;

        WITH accepted AS (
          SELECT * FROM unnest(ids, kinds, debits, credits, amounts, codes, timeouts, offline, ref_types, ref_ids, notes, fate)
            AS u(id, kind, debit, credit, amount, code, timeout, offline_debt, reference_type, reference_id, note, fate)
          WHERE u.fate = 'apply'
        ), ins AS (
          INSERT INTO ledger_transfers (tenant_id, id, debit_account_id, credit_account_id, amount, currency, code, kind,
            pending_id, expires_at, offline_debt, reference_type, reference_id, note, created_at)
          SELECT p_tenant, id, debit, credit, amount, acc_currency[array_position(acc_ids, debit)], code, kind,
            NULL, CASE WHEN kind = 'pending' THEN p_now + make_interval(secs => timeout) END,
            offline_debt, reference_type, reference_id, note, p_now
          FROM accepted
          RETURNING *
        ), moves AS (
          SELECT account, sum(debit_posted) AS debit_posted, sum(debit_pending) AS debit_pending,
                 sum(credit_posted) AS credit_posted, sum(credit_pending) AS credit_pending
            FROM (SELECT debit AS account,
                         CASE WHEN kind = 'posted' THEN amount ELSE 0 END AS debit_posted,
                         CASE WHEN kind = 'pending' THEN amount ELSE 0 END AS debit_pending,
                         0 AS credit_posted, 0 AS credit_pending FROM accepted
                  UNION ALL
                  SELECT credit, 0, 0, CASE WHEN kind = 'posted' THEN amount ELSE 0 END,
                         CASE WHEN kind = 'pending' THEN amount ELSE 0 END FROM accepted) m
            GROUP BY account
        ), upd AS (
          UPDATE ledger_accounts a SET
              debits_posted = a.debits_posted + moves.debit_posted, debits_pending = a.debits_pending + moves.debit_pending,
              credits_posted = a.credits_posted + moves.credit_posted, credits_pending = a.credits_pending + moves.credit_pending
            FROM moves WHERE a.tenant_id = p_tenant AND a.id = moves.account
          RETURNING a.id
        )
        -- (upd runs to completion though nothing reads it: PostgreSQL runs every writing CTE.)
        SELECT jsonb_object_agg(ins.id::text, to_jsonb(ins)) INTO inserted FROM ins;

        FOR i IN 1 .. cardinality(ids) LOOP
          IF fate[i] = 'apply' THEN
            results := results || jsonb_build_array(jsonb_build_object('transfer', inserted->(ids[i]::text)));
          ELSIF fate[i] = 'alone' THEN
            outcome := ledger_try_apply(p_tenant, ids[i], kinds[i], debits[i], credits[i], amounts[i], codes[i], NULL,
              timeouts[i], offline[i], ref_types[i], ref_ids[i], notes[i], p_now);
            results := results || jsonb_build_array(CASE WHEN outcome.refusal IS NULL
              THEN jsonb_build_object('transfer', to_jsonb(outcome.applied)) ELSE jsonb_build_object('error', outcome.refusal) END);
          ELSE
            results := results || jsonb_build_array(jsonb_build_object('error', fate[i]));
          END IF;
        END LOOP;
        RETURN results;
      END
      $fn$;
    `);
  },
};
