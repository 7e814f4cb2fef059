// The settlements' queries. Every function takes the tenant; row-level security holds it too.
import { sql, type Insertable } from 'kysely';
import type { Tx } from '../../db/scope.ts';
import type { SettlementContractsTable, SettlementLinesTable, SettlementsTable, SitePayoutAccountsTable } from '../../db/schema.ts';

export function findContract(tx: Tx, tenantId: string) {
  return tx.selectFrom('settlement_contracts').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst();
}

/** The contract, locked until the transaction ends: settlement runs of one tenant take turns. */
export function lockContract(tx: Tx, tenantId: string) {
  return tx.selectFrom('settlement_contracts').selectAll().where('tenant_id', '=', tenantId).forUpdate().executeTakeFirst();
}

export async function saveContract(tx: Tx, tenantId: string, values: Omit<Insertable<SettlementContractsTable>, 'tenant_id'>): Promise<void> {
  await tx.insertInto('settlement_contracts').values({ tenant_id: tenantId, ...values, updated_at: new Date() })
    .onConflict((oc) => oc.column('tenant_id').doUpdateSet({ ...values, updated_at: new Date() })).execute();
}

export function siteAccounts(tx: Tx, tenantId: string) {
  return tx.selectFrom('site_payout_accounts').selectAll().where('tenant_id', '=', tenantId).execute();
}

export async function saveSiteAccount(tx: Tx, values: Insertable<SitePayoutAccountsTable>): Promise<void> {
  const { tenant_id: _t, site_id: _s, ...changes } = values;
  await tx.insertInto('site_payout_accounts').values(values)
    .onConflict((oc) => oc.columns(['tenant_id', 'site_id']).doUpdateSet(changes)).execute();
}

export async function deleteSiteAccount(tx: Tx, tenantId: string, siteId: string): Promise<void> {
  await tx.deleteFrom('site_payout_accounts').where('tenant_id', '=', tenantId).where('site_id', '=', siteId).execute();
}

export function tenantFacts(tx: Tx, tenantId: string) {
  return tx.selectFrom('tenants').select(['id', 'name', 'short_code', 'country', 'currency', 'default_language', 'operating_mode'])
    .where('id', '=', tenantId).executeTakeFirstOrThrow();
}

/** Where a period of whole months starting at `firstDay` (YYYY-MM-DD) begins and ends, in `timeZone`. */
export async function periodBounds(tx: Tx, firstDay: string, months: number, timeZone: string): Promise<{ starts_at: Date; ends_at: Date }> {
  const row = await sql<{ starts_at: Date; ends_at: Date }>`
    SELECT (${firstDay}::date::timestamp AT TIME ZONE ${timeZone}) AS starts_at,
           ((${firstDay}::date + make_interval(months => ${months}))::timestamp AT TIME ZONE ${timeZone}) AS ends_at`.execute(tx);
  return row.rows[0]!;
}

export function findByPeriod(tx: Tx, tenantId: string, period: string) {
  return tx.selectFrom('settlements').selectAll().where('tenant_id', '=', tenantId).where('period', '=', period).executeTakeFirst();
}

export function findSettlement(tx: Tx, tenantId: string, id: string) {
  return tx.selectFrom('settlements').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

/** The settlement that ends last: where the next one starts counting and what it carries. */
export function latestSettlement(tx: Tx, tenantId: string) {
  return tx.selectFrom('settlements').selectAll().where('tenant_id', '=', tenantId).orderBy('ends_at', 'desc').limit(1).executeTakeFirst();
}

export function listSettlements(tx: Tx, tenantId: string) {
  return tx.selectFrom('settlements').selectAll().where('tenant_id', '=', tenantId).orderBy('ends_at', 'desc').limit(200).execute();
}

export function linesOf(tx: Tx, tenantId: string, settlementId: string) {
  return tx.selectFrom('settlement_lines').selectAll().where('tenant_id', '=', tenantId).where('settlement_id', '=', settlementId).orderBy('line_no').execute();
}

export async function insertSettlement(tx: Tx, settlement: Insertable<SettlementsTable>, lines: Insertable<SettlementLinesTable>[]): Promise<void> {
  await tx.insertInto('settlements').values(settlement).execute();
  if (lines.length > 0) await tx.insertInto('settlement_lines').values(lines).execute();
}

/**
 * The revenue account's movements in [from, to), per site: usage by the site of its device,
 * invoices and credit notes (their `usage` transfer) by the sites of their lines' sessions, the
 * rest (fees, among them reminder fees that name their invoice) without a site. Settlements' own
 * transfers are not revenue.
 */
export async function revenueBySite(tx: Tx, tenantId: string, revenueAccount: string, from: Date | null, to: Date): Promise<Map<string | null, number>> {
  const rows = await sql<{ site_id: string | null; amount: string }>`
    WITH moves AS (
      SELECT t.reference_type, t.reference_id, t.code,
             CASE WHEN t.credit_account_id = ${revenueAccount} THEN t.amount ELSE -t.amount END AS amount
      FROM ledger_transfers t
      WHERE t.tenant_id = ${tenantId} AND t.kind IN ('posted', 'post_pending')
        AND (t.credit_account_id = ${revenueAccount} OR t.debit_account_id = ${revenueAccount})
        AND t.reference_type <> 'settlement'
        AND t.created_at < ${to} AND (${from}::timestamptz IS NULL OR t.created_at >= ${from}::timestamptz)
    )
    SELECT site_id, sum(amount)::text AS amount FROM (
      SELECT d.site_id, m.amount
      FROM moves m
      JOIN usage_sessions s ON s.tenant_id = ${tenantId} AND s.id::text = m.reference_id
      JOIN devices d ON d.tenant_id = s.tenant_id AND d.id = s.device_id
      WHERE m.reference_type = 'usage_session'
      UNION ALL
      SELECT d.site_id, CASE WHEN m.reference_type = 'invoice' THEN l.gross_minor ELSE -l.gross_minor END
      FROM moves m
      JOIN invoice_lines l ON l.tenant_id = ${tenantId} AND l.invoice_id::text = m.reference_id
      LEFT JOIN usage_sessions s ON s.tenant_id = l.tenant_id AND s.id = l.session_id
      LEFT JOIN devices d ON d.tenant_id = s.tenant_id AND d.id = s.device_id
      WHERE m.reference_type IN ('invoice', 'credit_note') AND m.code = 'usage'
      UNION ALL
      SELECT NULL, m.amount FROM moves m
      WHERE m.reference_type <> 'usage_session' AND NOT (m.reference_type IN ('invoice', 'credit_note') AND m.code = 'usage')
    ) attributed
    GROUP BY site_id`.execute(tx);
  return new Map(rows.rows.map((r) => [r.site_id, Number(r.amount)]));
}

/** Accepted devices (laundry terminals and chargers) installed before `to`, per site. */
export async function terminalsBySite(tx: Tx, tenantId: string, to: Date): Promise<Map<string, number>> {
  const rows = await tx.selectFrom('devices').select(['site_id', (eb) => eb.fn.countAll<string>().as('count')])
    .where('tenant_id', '=', tenantId).where('registration', '=', 'accepted').where('created_at', '<', to)
    .groupBy('site_id').execute();
  return new Map(rows.map((r) => [r.site_id, Number(r.count)]));
}

/**
 * Card payments (top-ups online and at terminals, invoices paid by card) posted in [from, to): how
 * many, and how much. An invoice paid by card beyond what was due moves two transfers for one
 * payment (the invoice, the rest to the wallet), so payments are counted by their reference.
 */
export async function cardPayments(tx: Tx, tenantId: string, clearingAccounts: string[], from: Date | null, to: Date) {
  let query = tx.selectFrom('ledger_transfers')
    .select([sql<string>`count(DISTINCT (reference_type, reference_id))`.as('count'), (eb) => eb.fn.coalesce(eb.fn.sum<string>('amount'), sql<string>`0`).as('amount')])
    .where('tenant_id', '=', tenantId).where('kind', '=', 'posted').where('code', 'in', ['top_up', 'invoice_payment'])
    .where('debit_account_id', 'in', clearingAccounts).where('created_at', '<', to);
  if (from) query = query.where('created_at', '>=', from);
  const row = await query.executeTakeFirstOrThrow();
  return { count: Number(row.count), amountMinor: Number(row.amount) };
}

export function siteNames(tx: Tx, tenantId: string) {
  return tx.selectFrom('sites').select(['id', 'name']).where('tenant_id', '=', tenantId).orderBy('name').execute();
}

export async function siteExists(tx: Tx, tenantId: string, siteId: string): Promise<boolean> {
  return (await tx.selectFrom('sites').select('id').where('tenant_id', '=', tenantId).where('id', '=', siteId).executeTakeFirst()) !== undefined;
}

// The operator's reads, across tenants (as the platform role).

export async function tenantExists(tx: Tx, tenantId: string): Promise<boolean> {
  return (await tx.selectFrom('tenants').select('id').where('id', '=', tenantId).executeTakeFirst()) !== undefined;
}

/** Every manager's settlements, newest first, with the manager's name. */
export function allSettlements(tx: Tx) {
  return tx.selectFrom('settlements').innerJoin('tenants', 'tenants.id', 'settlements.tenant_id')
    .selectAll('settlements').select(['tenants.name as tenant_name', 'tenants.short_code'])
    .orderBy('settlements.ends_at', 'desc').orderBy('tenants.name').limit(1000).execute();
}

/** Every manager with its contract's columns (null without a contract). */
export function allContracts(tx: Tx) {
  return tx.selectFrom('tenants').leftJoin('settlement_contracts as c', 'c.tenant_id', 'tenants.id')
    .select(['tenants.id as tenant_id', 'tenants.name as tenant_name', 'tenants.short_code', 'tenants.currency',
      'c.period', 'c.portal_fee_minor', 'c.period_surcharge_minor', 'c.pseudonymised_data', 'c.pseudonymised_data_fee_minor',
      'c.card_fee_bp', 'c.card_fee_fixed_minor', 'c.split', 'c.account_holder', 'c.iban', 'c.bic', 'c.updated_at'])
    .orderBy('tenants.name').execute();
}
