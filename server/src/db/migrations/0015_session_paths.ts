// The tap's database questions — does this credential run a session on some device? what is on
// the wallet? — as functions that set the tenant for row-level security themselves, so each is
// one autocommit statement (one round trip) instead of BEGIN, tenant, query, COMMIT. SECURITY
// INVOKER: the caller's role reads, and the policies apply to the tenant it names. And room on
// the sessions' pages for the meter readings' updates.
import type { Migration } from '../migrate.ts';
import { executeScript } from '../script.ts';

export const sessionPaths: Migration = {
  version: 15,
  name: 'session_paths',
  async up(db) {
    await executeScript(db, `
      CREATE FUNCTION credential_busy_on(p_tenant uuid, p_credential uuid) RETURNS text
      LANGUAGE plpgsql SECURITY INVOKER SET search_path = public AS $fn$
      DECLARE
        busy text;
      BEGIN
        PERFORM set_config('app.tenant_id', p_tenant::text, true);
        SELECT d.identity INTO busy
          FROM usage_sessions s JOIN devices d ON d.tenant_id = s.tenant_id AND d.id = s.device_id
          WHERE s.tenant_id = p_tenant AND s.credential_id = p_credential AND s.status IN ('preselected', 'active')
          LIMIT 1;
        RETURN busy;
      END
      $fn$;
      GRANT EXECUTE ON FUNCTION credential_busy_on(uuid, uuid) TO concierge_app, concierge_platform;

      CREATE FUNCTION wallet_totals(p_tenant uuid, p_person uuid)
        RETURNS TABLE (id uuid, currency text, credits_posted bigint, debits_posted bigint, debits_pending bigint)
      LANGUAGE plpgsql SECURITY INVOKER SET search_path = public AS $fn$
      BEGIN
        PERFORM set_config('app.tenant_id', p_tenant::text, true);
        RETURN QUERY SELECT a.id, a.currency::text, a.credits_posted, a.debits_posted, a.debits_pending
          FROM ledger_accounts a WHERE a.tenant_id = p_tenant AND a.kind = 'wallet' AND a.person_id = p_person;
      END
      $fn$;
      GRANT EXECUTE ON FUNCTION wallet_totals(uuid, uuid) TO concierge_app, concierge_platform;

      -- Every MeterValues moves a running session's register (last_meter_wh/at, last_draw_at),
      -- columns no index covers: with room left on each page the new row version stays on the
      -- page (a HOT update) instead of adding an entry to each of the table's six indexes.
      ALTER TABLE usage_sessions SET (fillfactor = 70);
    `);
  },
};
