// Billing on PostgreSQL (BENCH_DATABASE_URL or TEST_DATABASE_URL), each part on a fresh database;
// BENCH_BILLING_PARTS chooses them (comma-separated, default `invoices,settlement`):
//   invoices     invoice_run: a month's invoice run for BENCH_BILLING_RESIDENTS residents (default
//                10,000, goal under 120 s), three postpaid charges each: issuing (one transaction per
//                invoice: sessions locked, gapless number, ledger transfer, invoice and lines) and
//                delivery (each invoice's PDF rendered and mailed through the outbox, no SMTP server).
//                Baseline, in the same run on the same data: the bare minimum of the same work —
//                per resident one transaction inserting one row into a plain table, a one-page
//                pdfkit document in a built-in font with the same number of text lines, and the
//                same outbox insert.
//   settlement   settlement_run: runSettlement for 2026-Q3 over BENCH_BILLING_TERMINALS accepted
//                laundry terminals (default 1,000, ten per site) and BENCH_BILLING_SESSIONS completed
//                prepaid sessions (default 100,000) with their ledger transfers wallet → revenue,
//                plus card top-ups and badge fees; goal under 30 s. Run twice: the second finds the
//                settlement and makes nothing. Baseline, in the same run on the same data: one
//                aggregate query of the usage revenue per site and one row in a plain table, in
//                one transaction as the owner.
// Prints JSON lines; never fails on a time.
import { sql } from 'kysely';
import PDFDocument from 'pdfkit';
import type { DatabaseHandle } from '../server/src/db/client.ts';
import { inTenant } from '../server/src/db/scope.ts';
import { migrate } from '../server/src/db/migrate.ts';
import { systemClock } from '../server/src/deps.ts';
import { loadConfig } from '../server/src/config.ts';
import { createPdfPool } from '../server/src/pdf/pool.ts';
import { addPostpaidCharger, addPostpaidSessions } from '../server/src/modules/invoices/invoices.fixtures.ts';
import { runInvoices } from '../server/src/modules/invoices/invoices.usecases.ts';
import { ledgerFixture } from '../server/src/modules/ledger/ledger.fixtures.ts';
import { checkLedgerInvariants } from '../server/src/modules/ledger/ledger.invariants.ts';
import { systemAccount } from '../server/src/modules/ledger/ledger.usecases.ts';
import { createMailer } from '../server/src/modules/mail/mail.usecases.ts';
import * as settlementRepo from '../server/src/modules/settlements/settlements.repository.ts';
import { runSettlement } from '../server/src/modules/settlements/settlements.usecases.ts';
import { timeZoneOf } from '../server/src/modules/tenancy/countries.ts';
import { withFreshPostgres } from './lib/database.ts';

const RESIDENTS = Number(process.env.BENCH_BILLING_RESIDENTS ?? 10_000);
const CHARGES_PER_RESIDENT = 3;
const postgresUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;

const print = (metric: string, fields: object) => console.log(JSON.stringify({ bench: 'billing', scenario: 'postgres', metric, ...fields }));
const progress = (message: string) => console.error(`[billing ${new Date().toISOString().slice(11, 19)}] ${message}`);
const seconds = (ms: number) => Number((ms / 1000).toFixed(1));

async function seed(handle: DatabaseHandle) {
  const { tenantId, personIds } = await handle.asOwner((owner) => ledgerFixture(owner, { shortCode: 'bill', currency: 'EUR', people: RESIDENTS }));
  await handle.asOwner(async (owner) => {
    await sql`UPDATE people SET email = lower(customer_number) || '@bench.test', language = (ARRAY['de','fr','nl','pl','en'])[1 + (right(customer_number, 1)::int % 5)] WHERE tenant_id = ${tenantId}`.execute(owner);
    await owner.insertInto('tenant_bank_accounts').values({
      tenant_id: tenantId, iban: 'AT611904300234573201', qr_iban: null, bic: 'BKAUATWW', creditor_name: 'Bench Hausverwaltung', street: 'Benchgasse 1', postal_code: '1010', city: 'Wien', country: 'AT',
    }).execute();
  });
  const charger = await addPostpaidCharger(handle.db, tenantId, 'Bench-Garage');
  for (let from = 0; from < personIds.length; from += 2_000) {
    await addPostpaidSessions(handle.db, tenantId, charger, personIds.slice(from, from + 2_000).flatMap((personId, i) => Array.from({ length: CHARGES_PER_RESIDENT }, (_, k) => ({
      personId, wh: 5_000 + ((from + i) % 40) * 250 + k * 100, amountMinor: 175 + ((from + i) % 40) * 9 + k * 4, stoppedAt: new Date(Date.UTC(2026, 9, 2 + k * 9, 10 + (i % 10))),
    }))));
  }
  await handle.asOwner((owner) => sql`ANALYZE`.execute(owner));
  return { tenantId, personIds };
}

/** The bare minimum per resident: one row in its own transaction, a one-page PDF in a built-in font, one outbox row. */
async function baseline(handle: DatabaseHandle, mailer: ReturnType<typeof createMailer>, personIds: string[]): Promise<number> {
  await handle.asOwner((owner) => sql`CREATE TABLE bench_invoices (id serial PRIMARY KEY, person_id uuid NOT NULL, gross_minor bigint NOT NULL)`.execute(owner));
  await handle.asOwner((owner) => sql`GRANT ALL ON bench_invoices, bench_invoices_id_seq TO concierge_app`.execute(owner));
  const started = performance.now();
  for (const personId of personIds) {
    await handle.db.transaction().execute((tx) => sql`INSERT INTO bench_invoices (person_id, gross_minor) VALUES (${personId}, 600)`.execute(tx));
    const pdf = await new Promise<Buffer>((resolve) => {
      const doc = new PDFDocument({ size: 'A4' });
      const chunks: Buffer[] = [];
      doc.on('data', (chunk: Buffer) => chunks.push(chunk));
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.text('Invoice');
      for (let k = 0; k < CHARGES_PER_RESIDENT; k++) doc.text(`Charge ${k + 1}: 6.00 EUR`);
      doc.end();
    });
    await mailer.send({ to: 'bare@bench.test', subject: 'Invoice', text: 'Invoice attached.', attachments: [{ filename: 'invoice.pdf', contentType: 'application/pdf', content: pdf }] });
  }
  return performance.now() - started;
}

async function invoicePart(postgresUrl: string) {
  await withFreshPostgres(postgresUrl, 10, async (handle) => {
    await migrate(handle);
    progress(`seeding ${RESIDENTS} residents with ${CHARGES_PER_RESIDENT} postpaid charges each`);
    const { tenantId, personIds } = await seed(handle);
    const config = loadConfig({ LOG_LEVEL: 'silent' });
    const mailer = createMailer({ db: handle.db, smtpUrl: undefined, from: config.mailFrom });

    progress('baseline: a row, a bare PDF and an outbox mail per resident');
    const baselineMs = await baseline(handle, mailer, personIds);

    progress('invoice run');
    // What autovacuum's analyze does on a production server while tables grow (this server runs
    // without autovacuum): without it, plans made for empty tables stay all run long.
    const analyze = setInterval(() => { void handle.asOwner((owner) => sql`ANALYZE`.execute(owner)).catch(() => {}); }, 10_000);
    const phases: Record<string, number> = {};
    let last = -1;
    // As `concierge billing run` does it: the PDFs on a pool of worker threads, one per core.
    const pdfs = createPdfPool();
    const started = performance.now();
    const report = await runInvoices({ db: handle.db, clock: systemClock, mailer, config, pdfs }, tenantId, '2026-10', {
      onProgress: (phase, done, total) => {
        if (done === total) phases[phase] = performance.now();
        const tenth = Math.floor((done / total) * 10);
        if (tenth !== last) progress(`${phase} ${done}/${total}`);
        last = done === total ? -1 : tenth;
      },
    });
    const totalMs = performance.now() - started;
    clearInterval(analyze);
    await pdfs.close();
    const issueMs = (phases.issue ?? started) - started;
    print('invoice_run', {
      residents: RESIDENTS, charges: RESIDENTS * CHARGES_PER_RESIDENT, invoices: report.run?.invoices, emailed: report.delivery.emailed,
      seconds: seconds(totalMs), issue_seconds: seconds(issueMs), deliver_seconds: seconds(totalMs - issueMs),
      per_second: Number((RESIDENTS / (totalMs / 1000)).toFixed(1)), baseline_seconds: seconds(baselineMs),
      baseline_per_second: Number((RESIDENTS / (baselineMs / 1000)).toFixed(1)), ratio: Number((baselineMs / totalMs).toFixed(3)), goal_seconds: 120,
    });
    const check = await handle.asOwner(async (owner) => (await sql<{ invoices: number; gross: number; charged: number; gaps: number }>`
      SELECT (SELECT count(*)::int FROM invoices) AS invoices, (SELECT sum(gross_minor)::bigint FROM invoices) AS gross,
        (SELECT sum(amount_minor)::bigint FROM usage_sessions WHERE invoice_id IS NOT NULL) AS charged,
        (SELECT max(sequence) - count(*) FROM invoices)::int AS gaps`.execute(owner)).rows[0]!);
    print('invoice_run_check', { ...check, reconciled: Number(check.gross) === Number(check.charged) && check.gaps === 0 });
  });
}

// ---- settlement_run ----

const TERMINALS = Number(process.env.BENCH_BILLING_TERMINALS ?? 1_000);
const SESSIONS = Number(process.env.BENCH_BILLING_SESSIONS ?? 100_000);
const TERMINALS_PER_SITE = 10;
const PAYERS = 2_000;
const PERIOD = '2026-Q3';
/** Usage amounts run from 1.50 to 4.00; each payer's card top-up covers its share with 50.00 to spare. */
const MIN_USAGE_MINOR = 150;
const USAGE_SPREAD = 251;
const CARD_TOP_UP_MINOR = Math.ceil(SESSIONS / PAYERS) * (MIN_USAGE_MINOR + USAGE_SPREAD - 1) + 5_000;
const TERMINAL_TOP_UP_MINOR = 5_000;
const BADGE_FEE_MINOR = 800;
const CONTRACT = {
  period: 'quarterly', portal_fee_minor: 12_000, period_surcharge_minor: 500, pseudonymised_data: true, pseudonymised_data_fee_minor: 5_000,
  card_fee_bp: 150, card_fee_fixed_minor: 10, split: 'per_site', account_holder: 'Bench Hausverwaltung GmbH', iban: 'AT611904300234573201', bic: 'BKAUATWW',
} as const;
/** After the quarter: the run may settle it whatever the machine's date. */
const settlementClock = { now: () => new Date('2026-10-02T06:00:00Z') };
/** A settlement takes well under a second: to the millisecond. */
const exactSeconds = (ms: number) => Number((ms / 1000).toFixed(3));

interface SettlementSeed { tenantId: string; revenueAccount: string; usageMinor: number; badgeFeesMinor: number; cardCount: number; cardMinor: number }

/**
 * A tenant as a quarter of laundry leaves it, written as the owner with set-based SQL (the app
 * roles may insert transfers only through ledger_try_apply, one at a time): sites, terminals,
 * sessions, and the transfers the ledger would have made for them — card top-ups into the
 * wallets, usage wallet → revenue, a few badge fees — with the accounts' running totals set to
 * what those transfers imply.
 */
async function seedSettlement(handle: DatabaseHandle): Promise<SettlementSeed> {
  const { tenantId } = await handle.asOwner((owner) => ledgerFixture(owner, { shortCode: 'settle', currency: 'EUR', people: PAYERS }));
  const kinds = ['revenue', 'platform_fees', 'payouts', 'card_clearing', 'terminal_card_clearing'] as const;
  const accounts: Partial<Record<(typeof kinds)[number], string>> = {};
  await inTenant(handle.db, tenantId, async (tx) => { for (const kind of kinds) accounts[kind] = await systemAccount(tx, tenantId, kind); });
  const revenue = accounts.revenue!;
  const sites = Math.ceil(TERMINALS / TERMINALS_PER_SITE);
  const stepMs = Math.floor((88 * 86_400_000) / SESSIONS);
  return handle.asOwner(async (owner) => {
    await sql`UPDATE tenants SET country = 'AT', default_language = 'de', name = 'Bench Hausverwaltung' WHERE id = ${tenantId}`.execute(owner);
    await owner.insertInto('settlement_contracts').values({ tenant_id: tenantId, ...CONTRACT }).execute();
    await sql`INSERT INTO ledger_accounts (tenant_id, kind, currency, person_id, debits_must_not_exceed_credits)
      SELECT tenant_id, 'wallet', 'EUR', id, true FROM people WHERE tenant_id = ${tenantId}`.execute(owner);
    await sql`INSERT INTO sites (tenant_id, name, street, postal_code, city, country)
      SELECT ${tenantId}::uuid, 'Wohnanlage ' || lpad(n::text, 3, '0'), 'Benchgasse ' || n, '1010', 'Wien', 'AT' FROM generate_series(1, ${sites}::int) n`.execute(owner);
    // Every fourth site is paid to an account of its own.
    await sql`INSERT INTO site_payout_accounts (tenant_id, site_id, account_holder, iban, bic)
      SELECT tenant_id, id, 'WEG ' || name, 'DE89370400440532013000', NULL FROM sites WHERE tenant_id = ${tenantId} AND split_part(name, ' ', 2)::int % 4 = 0`.execute(owner);
    await sql`INSERT INTO devices (tenant_id, identity, kind, site_id, name, password_hash, registration, created_at)
      SELECT ${tenantId}::uuid, 'SET-' || lpad(n::text, 5, '0'), 'laundry_terminal', s.id, 'Terminal ' || n, 'unused', 'accepted', '2026-01-15T09:00:00Z'
      FROM generate_series(0, ${TERMINALS - 1}::int) n
      JOIN (SELECT id, row_number() OVER (ORDER BY name) - 1 AS k FROM sites WHERE tenant_id = ${tenantId}) s ON s.k = n / ${TERMINALS_PER_SITE}`.execute(owner);
    await sql`INSERT INTO appliances (tenant_id, device_id, connector_id, kind, metering, name)
      SELECT tenant_id, id, 1, 'washer', 'energy', 'Waschmaschine' FROM devices WHERE tenant_id = ${tenantId}`.execute(owner);
    // Top-ups on 1 July, before the washing: a card top-up per payer, one at a terminal for every tenth.
    await sql`INSERT INTO ledger_transfers (tenant_id, id, debit_account_id, credit_account_id, amount, currency, code, kind, reference_type, reference_id, created_at)
      SELECT ${tenantId}::uuid, gen_random_uuid(), ${accounts.card_clearing!}::uuid, w.id, ${CARD_TOP_UP_MINOR}::bigint, 'EUR', 'top_up', 'posted', 'card_payment', gen_random_uuid()::text,
        '2026-07-01T04:00:00Z'::timestamptz + p.k * interval '1 second'
      FROM (SELECT id, row_number() OVER (ORDER BY customer_number) - 1 AS k FROM people WHERE tenant_id = ${tenantId}) p
      JOIN ledger_accounts w ON w.tenant_id = ${tenantId} AND w.kind = 'wallet' AND w.person_id = p.id
      UNION ALL
      SELECT ${tenantId}::uuid, gen_random_uuid(), ${accounts.terminal_card_clearing!}::uuid, w.id, ${TERMINAL_TOP_UP_MINOR}::bigint, 'EUR', 'top_up', 'posted', 'terminal_card', gen_random_uuid()::text,
        '2026-07-01T05:00:00Z'::timestamptz + p.k * interval '1 second'
      FROM (SELECT id, row_number() OVER (ORDER BY customer_number) - 1 AS k FROM people WHERE tenant_id = ${tenantId}) p
      JOIN ledger_accounts w ON w.tenant_id = ${tenantId} AND w.kind = 'wallet' AND w.person_id = p.id
      WHERE p.k % 10 = 0`.execute(owner);
    // The sessions, spread over the terminals, the payers and 88 days from 1 July, each with its usage transfer.
    await sql`
      WITH dev AS (
        SELECT row_number() OVER (ORDER BY d.identity) - 1 AS k, d.id, a.id AS appliance_id
        FROM devices d JOIN appliances a ON a.tenant_id = d.tenant_id AND a.device_id = d.id WHERE d.tenant_id = ${tenantId}
      ), payer AS (
        SELECT row_number() OVER (ORDER BY customer_number) - 1 AS k, id FROM people WHERE tenant_id = ${tenantId}
      ), src AS (
        SELECT n, (${MIN_USAGE_MINOR} + (n::bigint * 7919) % ${USAGE_SPREAD})::bigint AS amount,
          '2026-07-01T06:00:00Z'::timestamptz + interval '1 millisecond' * (n::float8 * ${stepMs}::int) AS stopped_at
        FROM generate_series(0, ${SESSIONS - 1}::int) n
      ), s AS (
        INSERT INTO usage_sessions (tenant_id, device_id, appliance_id, connector_id, id_tag, person_id, status, billing, metering,
          unit_price_minor, session_fee_minor, vat_rate_bp, currency, started_at, stopped_at, meter_start_wh, meter_stop_wh, quantity, amount_minor, ended_by, created_at)
        SELECT ${tenantId}::uuid, dev.id, dev.appliance_id, 1, 'BENCH' || payer.k, payer.id, 'completed', 'prepaid', 'energy',
          50, 0, 2000, 'EUR', src.stopped_at - interval '1 hour', src.stopped_at, 0, src.amount * 20, src.amount * 20, src.amount, 'device', src.stopped_at - interval '1 hour'
        FROM src JOIN dev ON dev.k = src.n % ${TERMINALS} JOIN payer ON payer.k = src.n % ${PAYERS}
        RETURNING id, person_id, amount_minor, stopped_at
      )
      INSERT INTO ledger_transfers (tenant_id, id, debit_account_id, credit_account_id, amount, currency, code, kind, reference_type, reference_id, created_at)
      SELECT ${tenantId}::uuid, gen_random_uuid(), w.id, ${revenue}::uuid, s.amount_minor, 'EUR', 'usage', 'posted', 'usage_session', s.id::text, s.stopped_at
      FROM s JOIN ledger_accounts w ON w.tenant_id = ${tenantId} AND w.kind = 'wallet' AND w.person_id = s.person_id`.execute(owner);
    // Badge fees, revenue of no site, from every twentieth payer.
    await sql`INSERT INTO ledger_transfers (tenant_id, id, debit_account_id, credit_account_id, amount, currency, code, kind, reference_type, reference_id, created_at)
      SELECT ${tenantId}::uuid, gen_random_uuid(), w.id, ${revenue}::uuid, ${BADGE_FEE_MINOR}::bigint, 'EUR', 'fee', 'posted', 'fee', gen_random_uuid()::text, '2026-08-03T09:00:00Z'::timestamptz + p.k * interval '1 minute'
      FROM (SELECT id, row_number() OVER (ORDER BY customer_number) - 1 AS k FROM people WHERE tenant_id = ${tenantId}) p
      JOIN ledger_accounts w ON w.tenant_id = ${tenantId} AND w.kind = 'wallet' AND w.person_id = p.id
      WHERE p.k % 20 = 0`.execute(owner);
    // The running totals ledger_try_apply would have kept (all of the tenant's transfers are the ones above, all posted).
    await sql`UPDATE ledger_accounts a SET debits_posted = x.debits, credits_posted = x.credits
      FROM (SELECT account_id, sum(debit)::bigint AS debits, sum(credit)::bigint AS credits FROM (
        SELECT debit_account_id AS account_id, amount AS debit, 0 AS credit FROM ledger_transfers WHERE tenant_id = ${tenantId} AND kind = 'posted'
        UNION ALL
        SELECT credit_account_id, 0, amount FROM ledger_transfers WHERE tenant_id = ${tenantId} AND kind = 'posted') sides GROUP BY account_id) x
      WHERE a.tenant_id = ${tenantId} AND a.id = x.account_id`.execute(owner);
    await sql`ANALYZE`.execute(owner);
    const totals = (await sql<{ usage: number; fees: number; card_count: number; card_minor: number }>`
      SELECT (SELECT sum(amount_minor) FROM usage_sessions WHERE tenant_id = ${tenantId})::bigint AS usage,
        (SELECT sum(amount) FROM ledger_transfers WHERE tenant_id = ${tenantId} AND code = 'fee')::bigint AS fees,
        (SELECT count(*) FROM ledger_transfers WHERE tenant_id = ${tenantId} AND code = 'top_up')::int AS card_count,
        (SELECT sum(amount) FROM ledger_transfers WHERE tenant_id = ${tenantId} AND code = 'top_up')::bigint AS card_minor`.execute(owner)).rows[0]!;
    return { tenantId, revenueAccount: revenue, usageMinor: Number(totals.usage), badgeFeesMinor: Number(totals.fees), cardCount: totals.card_count, cardMinor: Number(totals.card_minor) };
  });
}

/** The bare minimum of the same work: the usage revenue per site in one query, one row written, one transaction. */
async function settlementBaseline(handle: DatabaseHandle, seed: SettlementSeed, to: Date): Promise<number> {
  return handle.asOwner(async (owner) => {
    await sql`CREATE TABLE bench_settlements (id serial PRIMARY KEY, tenant_id uuid NOT NULL, revenue_minor bigint NOT NULL)`.execute(owner);
    const started = performance.now();
    await owner.transaction().execute(async (tx) => {
      const { rows } = await sql<{ site_id: string; amount: number }>`
        SELECT d.site_id, sum(t.amount)::bigint AS amount FROM ledger_transfers t
        JOIN usage_sessions s ON s.tenant_id = t.tenant_id AND s.id = t.reference_id::uuid
        JOIN devices d ON d.tenant_id = s.tenant_id AND d.id = s.device_id
        WHERE t.tenant_id = ${seed.tenantId} AND t.credit_account_id = ${seed.revenueAccount} AND t.reference_type = 'usage_session' AND t.created_at < ${to}
        GROUP BY d.site_id`.execute(tx);
      const total = rows.reduce((sum, r) => sum + Number(r.amount), 0);
      await sql`INSERT INTO bench_settlements (tenant_id, revenue_minor) VALUES (${seed.tenantId}, ${total})`.execute(tx);
    });
    return performance.now() - started;
  });
}

/** The settlement's read queries one by one, in a transaction of their own: where its time goes. */
async function settlementQueries(handle: DatabaseHandle, seed: SettlementSeed, to: Date) {
  return inTenant(handle.db, seed.tenantId, async (tx) => {
    const timed = async (work: () => Promise<unknown>) => { const t0 = performance.now(); await work(); return exactSeconds(performance.now() - t0); };
    const clearing = [await systemAccount(tx, seed.tenantId, 'card_clearing'), await systemAccount(tx, seed.tenantId, 'terminal_card_clearing')];
    return {
      revenue_by_site_seconds: await timed(() => settlementRepo.revenueBySite(tx, seed.tenantId, seed.revenueAccount, null, to)),
      terminals_by_site_seconds: await timed(() => settlementRepo.terminalsBySite(tx, seed.tenantId, to)),
      card_payments_seconds: await timed(() => settlementRepo.cardPayments(tx, seed.tenantId, clearing, null, to)),
    };
  });
}

async function settlementPart(postgresUrl: string) {
  await withFreshPostgres(postgresUrl, 4, async (handle) => {
    await migrate(handle);
    progress(`seeding ${TERMINALS} terminals and ${SESSIONS} prepaid sessions in ${PERIOD}`);
    const seedStarted = performance.now();
    const seed = await seedSettlement(handle);
    const seedMs = performance.now() - seedStarted;
    const before = await handle.asOwner((owner) => checkLedgerInvariants(owner, seed.tenantId));
    print('settlement_seed', { terminals: TERMINALS, sessions: SESSIONS, seed_seconds: seconds(seedMs), ledger_invariants_hold: before.length === 0, violations: before.slice(0, 3) });
    const config = loadConfig({ LOG_LEVEL: 'silent' });
    const deps = { db: handle.db, clock: settlementClock, config };
    const periodEnd = await inTenant(handle.db, seed.tenantId, (tx) => settlementRepo.periodBounds(tx, '2026-07-01', 3, timeZoneOf('AT')));

    progress('baseline: the usage revenue per site in one query, one row');
    const baselineMs = await settlementBaseline(handle, seed, periodEnd.ends_at);

    progress('settlement run');
    const started = performance.now();
    const run = await runSettlement(deps, seed.tenantId, PERIOD, 'bench');
    const runMs = performance.now() - started;
    const s = run.settlement;
    print('settlement_run', {
      terminals: TERMINALS, sessions: SESSIONS, seconds: exactSeconds(runMs), baseline_seconds: exactSeconds(baselineMs),
      ratio: Number((baselineMs / runMs).toFixed(3)), goal_seconds: 30, revenue_minor: s.revenue_minor, payout_minor: s.payout_minor, fees_minor: s.fees_minor,
    });

    const againStarted = performance.now();
    const again = await runSettlement(deps, seed.tenantId, PERIOD, 'bench');
    const againMs = performance.now() - againStarted;
    const queries = await settlementQueries(handle, seed, periodEnd.ends_at);
    print('settlement_run_parts', { ...queries, second_run_seconds: exactSeconds(againMs), second_run_created: again.created, same_settlement: again.settlement.id === s.id });

    // What the contract charges, from the seed's own figures: each terminal's portal fee and three
    // surcharges for a quarter, the data option's quarter, 1.5 % of the card top-ups plus 0.10 each.
    const expectedFees = (TERMINALS * (CONTRACT.portal_fee_minor + 3 * CONTRACT.period_surcharge_minor)) / 4 + CONTRACT.pseudonymised_data_fee_minor / 4
      + Math.round((seed.cardMinor * CONTRACT.card_fee_bp) / 10_000) + seed.cardCount * CONTRACT.card_fee_fixed_minor;
    const check = await handle.asOwner(async (owner) => {
      const lines = (await sql<{ payout: number; terminals: number; paid: number }>`
        SELECT sum(payout_minor)::bigint AS payout, sum(terminals)::int AS terminals, count(*) FILTER (WHERE payout_minor > 0)::int AS paid
        FROM settlement_lines WHERE tenant_id = ${seed.tenantId} AND settlement_id = ${s.id}`.execute(owner)).rows[0]!;
      const revenueLeft = (await sql<{ left: number }>`SELECT (credits_posted - debits_posted)::bigint AS left FROM ledger_accounts WHERE tenant_id = ${seed.tenantId} AND id = ${seed.revenueAccount}`.execute(owner)).rows[0]!;
      return { lines, revenueLeft: Number(revenueLeft.left), violations: await checkLedgerInvariants(owner, seed.tenantId) };
    });
    const expectedRevenue = seed.usageMinor + seed.badgeFeesMinor;
    const checks = {
      revenue_is_seeded: s.revenue_minor === expectedRevenue,
      fees_as_contract: s.fees_minor === expectedFees,
      payout_plus_fees_is_revenue: s.payout_minor + s.fees_minor === s.revenue_minor && s.carried_out_minor === 0,
      lines_sum_to_payout: Number(check.lines.payout) === s.payout_minor,
      terminals: s.terminals === TERMINALS && check.lines.terminals === TERMINALS,
      revenue_account_emptied: check.revenueLeft === 0,
      ledger_invariants_hold: check.violations.length === 0,
      second_run_created_nothing: again.created === false && again.settlement.id === s.id,
    };
    print('settlement_run_check', {
      usage_minor: seed.usageMinor, badge_fees_minor: seed.badgeFeesMinor, card_top_ups: seed.cardCount, card_top_ups_minor: seed.cardMinor,
      expected_revenue_minor: expectedRevenue, expected_fees_minor: expectedFees, lines_payout_minor: Number(check.lines.payout), lines_paid: check.lines.paid,
      has_payout_file: s.pain001 !== null, ...checks, reconciled: Object.values(checks).every(Boolean),
    });
  });
}

const PARTS = { invoices: invoicePart, settlement: settlementPart } as const;
const chosen = (process.env.BENCH_BILLING_PARTS || Object.keys(PARTS).join(',')).split(',').map((p) => p.trim()).filter(Boolean);
const unknown = chosen.filter((p) => !(p in PARTS));
if (unknown.length > 0) {
  console.error(`BENCH_BILLING_PARTS: unknown part(s) ${unknown.join(', ')}; known: ${Object.keys(PARTS).join(', ')}`);
  process.exitCode = 2;
} else if (!postgresUrl) {
  console.error('billing benchmark skipped: set BENCH_DATABASE_URL or TEST_DATABASE_URL (it runs on PostgreSQL only)');
} else {
  for (const part of chosen) await PARTS[part as keyof typeof PARTS](postgresUrl);
}
