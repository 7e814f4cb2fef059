// The double-entry ledger (after TigerBeetle). Accounts keep four running totals; transfers are
// immutable rows with client-chosen ids. One PL/pgSQL function applies a transfer in a single
// round trip: idempotency check, row locks in a fixed order (no deadlocks), balance rules.
import { sql } from 'kysely';
import type { Migration } from '../migrate.ts';
import { executeScript } from '../script.ts';
import { tenantTable } from './helpers.ts';

export const ledger: Migration = {
  version: 3,
  name: 'ledger',
  async up(db) {
    await executeScript(db, `
      CREATE TABLE ledger_accounts (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('wallet', 'revenue', 'platform_fees', 'card_clearing', 'terminal_card_clearing',
          'bank_clearing', 'refunds_payable', 'payouts', 'adjustments')),
        currency char(3) NOT NULL CHECK (currency IN ('EUR', 'CHF', 'PLN')),
        person_id uuid,
        -- Wallets may not spend more than they hold (except recorded offline debt).
        debits_must_not_exceed_credits boolean NOT NULL,
        debits_pending bigint NOT NULL DEFAULT 0 CHECK (debits_pending >= 0),
        debits_posted bigint NOT NULL DEFAULT 0 CHECK (debits_posted >= 0),
        credits_pending bigint NOT NULL DEFAULT 0 CHECK (credits_pending >= 0),
        credits_posted bigint NOT NULL DEFAULT 0 CHECK (credits_posted >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, person_id) REFERENCES people(tenant_id, id),
        CHECK ((kind = 'wallet') = (person_id IS NOT NULL))
      );
      CREATE UNIQUE INDEX ledger_wallet_of_person ON ledger_accounts (tenant_id, person_id) WHERE kind = 'wallet';
      CREATE UNIQUE INDEX ledger_system_account ON ledger_accounts (tenant_id, kind, currency) WHERE kind <> 'wallet';

      CREATE TABLE ledger_transfers (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL,
        debit_account_id uuid NOT NULL,
        credit_account_id uuid NOT NULL,
        amount bigint NOT NULL CHECK (amount >= 0),
        currency char(3) NOT NULL,
        code text NOT NULL CHECK (code IN ('top_up', 'usage', 'transfer', 'refund', 'fee', 'payout', 'adjustment')),
        kind text NOT NULL CHECK (kind IN ('posted', 'pending', 'post_pending', 'void_pending', 'expire_pending')),
        pending_id uuid,
        expires_at timestamptz,
        offline_debt boolean NOT NULL DEFAULT false,
        reference_type text NOT NULL,
        reference_id text NOT NULL,
        note text,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        -- No foreign keys to the accounts: only ledger_try_apply inserts transfers, and it has
        -- locked both accounts of the tenant first (the checks cost a third of a transfer).
        FOREIGN KEY (tenant_id, pending_id) REFERENCES ledger_transfers(tenant_id, id),
        CHECK (debit_account_id <> credit_account_id),
        CHECK ((kind IN ('post_pending', 'void_pending', 'expire_pending')) = (pending_id IS NOT NULL)),
        CHECK ((kind = 'pending') = (expires_at IS NOT NULL))
      );
      -- A hold is resolved at most once: posted, voided or expired.
      CREATE UNIQUE INDEX ledger_one_resolution ON ledger_transfers (tenant_id, pending_id) WHERE pending_id IS NOT NULL;
      CREATE INDEX ledger_transfers_debit ON ledger_transfers (tenant_id, debit_account_id, created_at);
      CREATE INDEX ledger_transfers_credit ON ledger_transfers (tenant_id, credit_account_id, created_at);
      CREATE INDEX ledger_holds_by_expiry ON ledger_transfers (tenant_id, expires_at) WHERE kind = 'pending';

      -- Applies one transfer: sets applied to the stored row (the new one, or the earlier one with
      -- the same id and content: a retry), or refusal to a stable code. Every refusal comes
      -- before the first write, so a refused transfer changes nothing and needs no rollback.
      -- The only way to insert a transfer (the application roles may not), hence SECURITY DEFINER.
      CREATE FUNCTION ledger_try_apply(
        p_tenant uuid, p_id uuid, p_kind text, p_debit uuid, p_credit uuid, p_amount bigint, p_code text,
        p_pending_id uuid, p_timeout_seconds integer, p_offline_debt boolean,
        p_reference_type text, p_reference_id text, p_note text, p_now timestamptz,
        OUT refusal text, OUT applied ledger_transfers
      ) LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $fn$
      DECLARE
        result ledger_transfers;
        hold ledger_transfers;
        debit_account ledger_accounts;
        credit_account ledger_accounts;
        posted_amount bigint;
      BEGIN
        PERFORM set_config('app.tenant_id', p_tenant::text, true);

        IF p_kind IN ('post_pending', 'void_pending', 'expire_pending') THEN
          SELECT * INTO hold FROM ledger_transfers WHERE tenant_id = p_tenant AND id = p_pending_id AND kind = 'pending';
          IF NOT FOUND THEN refusal := 'ledger.hold_not_found'; RETURN; END IF;
          p_debit := hold.debit_account_id;
          p_credit := hold.credit_account_id;
          posted_amount := CASE WHEN p_kind = 'post_pending' THEN coalesce(p_amount, hold.amount) ELSE hold.amount END;
          IF p_kind = 'post_pending' AND posted_amount > hold.amount THEN
            refusal := 'ledger.post_exceeds_hold'; RETURN;
          END IF;
        ELSE
          posted_amount := p_amount;
        END IF;
        IF posted_amount IS NULL OR posted_amount < 0 OR (p_kind IN ('posted', 'pending') AND posted_amount = 0) THEN
          refusal := 'ledger.invalid_amount'; RETURN;
        END IF;

        -- Lock and read both accounts in id order, so opposite transfers cannot deadlock.
        IF p_debit < p_credit THEN
          SELECT * INTO debit_account FROM ledger_accounts WHERE tenant_id = p_tenant AND id = p_debit FOR UPDATE;
          SELECT * INTO credit_account FROM ledger_accounts WHERE tenant_id = p_tenant AND id = p_credit FOR UPDATE;
        ELSE
          SELECT * INTO credit_account FROM ledger_accounts WHERE tenant_id = p_tenant AND id = p_credit FOR UPDATE;
          SELECT * INTO debit_account FROM ledger_accounts WHERE tenant_id = p_tenant AND id = p_debit FOR UPDATE;
        END IF;
        IF debit_account.id IS NULL OR credit_account.id IS NULL THEN refusal := 'ledger.account_not_found'; RETURN; END IF;

        -- Checked under the locks: a concurrent retry of the same transfer waits for the first,
        -- then finds it here instead of applying it again.
        SELECT * INTO result FROM ledger_transfers WHERE tenant_id = p_tenant AND id = p_id;
        IF FOUND THEN
          IF result.kind = p_kind AND result.code = p_code AND result.reference_type = p_reference_type
             AND result.reference_id = p_reference_id AND result.pending_id IS NOT DISTINCT FROM p_pending_id
             AND (p_kind IN ('void_pending', 'expire_pending') OR p_amount IS NULL OR result.amount = p_amount)
             AND (p_debit IS NULL OR result.debit_account_id = p_debit)
             AND (p_credit IS NULL OR result.credit_account_id = p_credit) THEN
            applied := result; RETURN;
          END IF;
          refusal := 'ledger.id_reused'; RETURN;
        END IF;

        IF p_pending_id IS NOT NULL AND EXISTS (SELECT 1 FROM ledger_transfers WHERE tenant_id = p_tenant AND pending_id = p_pending_id) THEN
          refusal := 'ledger.hold_resolved'; RETURN;
        END IF;
        IF p_kind = 'post_pending' AND hold.expires_at <= p_now THEN
          refusal := 'ledger.hold_expired'; RETURN;
        END IF;
        IF p_kind = 'expire_pending' AND hold.expires_at > p_now THEN
          refusal := 'ledger.hold_not_expired'; RETURN;
        END IF;
        IF debit_account.currency <> credit_account.currency THEN
          refusal := 'ledger.currency_mismatch'; RETURN;
        END IF;

        IF p_kind = 'posted' THEN
          IF debit_account.debits_must_not_exceed_credits AND NOT p_offline_debt
             AND debit_account.debits_pending + debit_account.debits_posted + posted_amount > debit_account.credits_posted THEN
            refusal := 'ledger.insufficient_funds'; RETURN;
          END IF;
          UPDATE ledger_accounts SET
              debits_posted = debits_posted + CASE WHEN id = p_debit THEN posted_amount ELSE 0 END,
              credits_posted = credits_posted + CASE WHEN id = p_credit THEN posted_amount ELSE 0 END
            WHERE tenant_id = p_tenant AND id IN (p_debit, p_credit);
        ELSIF p_kind = 'pending' THEN
          IF debit_account.debits_must_not_exceed_credits
             AND debit_account.debits_pending + debit_account.debits_posted + posted_amount > debit_account.credits_posted THEN
            refusal := 'ledger.insufficient_funds'; RETURN;
          END IF;
          UPDATE ledger_accounts SET
              debits_pending = debits_pending + CASE WHEN id = p_debit THEN posted_amount ELSE 0 END,
              credits_pending = credits_pending + CASE WHEN id = p_credit THEN posted_amount ELSE 0 END
            WHERE tenant_id = p_tenant AND id IN (p_debit, p_credit);
        ELSIF p_kind = 'post_pending' THEN
          UPDATE ledger_accounts SET debits_pending = debits_pending - hold.amount, debits_posted = debits_posted + posted_amount
            WHERE tenant_id = p_tenant AND id = p_debit;
          UPDATE ledger_accounts SET credits_pending = credits_pending - hold.amount, credits_posted = credits_posted + posted_amount
            WHERE tenant_id = p_tenant AND id = p_credit;
        ELSE
          UPDATE ledger_accounts SET debits_pending = debits_pending - hold.amount WHERE tenant_id = p_tenant AND id = p_debit;
          UPDATE ledger_accounts SET credits_pending = credits_pending - hold.amount WHERE tenant_id = p_tenant AND id = p_credit;
        END IF;

        INSERT INTO ledger_transfers (tenant_id, id, debit_account_id, credit_account_id, amount, currency, code, kind,
          pending_id, expires_at, offline_debt, reference_type, reference_id, note, created_at)
        VALUES (p_tenant, p_id, p_debit, p_credit, posted_amount, debit_account.currency, p_code, p_kind,
          p_pending_id, CASE WHEN p_kind = 'pending' THEN p_now + make_interval(secs => p_timeout_seconds) END,
          coalesce(p_offline_debt, false), p_reference_type, p_reference_id, p_note, p_now)
        RETURNING * INTO applied;
      END
      $fn$;

      -- ledger_try_apply for callers that want a refusal as an error (stable code as message).
      CREATE FUNCTION ledger_apply(
        p_tenant uuid, p_id uuid, p_kind text, p_debit uuid, p_credit uuid, p_amount bigint, p_code text,
        p_pending_id uuid, p_timeout_seconds integer, p_offline_debt boolean,
        p_reference_type text, p_reference_id text, p_note text, p_now timestamptz
      ) RETURNS ledger_transfers LANGUAGE plpgsql AS $fn$
      DECLARE
        outcome record;
      BEGIN
        outcome := ledger_try_apply(p_tenant, p_id, p_kind, p_debit, p_credit, p_amount, p_code, p_pending_id,
          p_timeout_seconds, p_offline_debt, p_reference_type, p_reference_id, p_note, p_now);
        IF outcome.refusal IS NOT NULL THEN RAISE EXCEPTION '%', outcome.refusal USING ERRCODE = 'P0001'; END IF;
        RETURN outcome.applied;
      END
      $fn$;
    `);
    await tenantTable(db, 'ledger_accounts');
    await tenantTable(db, 'ledger_transfers');
    // Transfers are immutable (corrections are new transfers) and enter only through ledger_try_apply.
    await sql`REVOKE INSERT, UPDATE, DELETE ON ledger_transfers FROM concierge_app, concierge_platform`.execute(db);
  },
};
