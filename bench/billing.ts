// Billing on PostgreSQL (BENCH_DATABASE_URL or TEST_DATABASE_URL), on a fresh database:
//   invoice_run  a month's invoice run for BENCH_BILLING_RESIDENTS residents (default 10,000, goal
//                under 120 s), three postpaid charges each: issuing (one transaction per invoice:
//                sessions locked, gapless number, ledger transfer, invoice and lines) and delivery
//                (each invoice's PDF rendered and mailed through the outbox, no SMTP server).
//                Baseline, in the same run on the same data: the bare minimum of the same work —
//                per resident one transaction inserting one row into a plain table, a one-page
//                pdfkit document in a built-in font with the same number of text lines, and the
//                same outbox insert.
// Prints JSON lines; never fails on a time. (The settlement run of the issue's second figure
// comes with settlements.)
import { sql } from 'kysely';
import PDFDocument from 'pdfkit';
import type { DatabaseHandle } from '../server/src/db/client.ts';
import { migrate } from '../server/src/db/migrate.ts';
import { systemClock } from '../server/src/deps.ts';
import { loadConfig } from '../server/src/config.ts';
import { addPostpaidCharger, addPostpaidSessions } from '../server/src/modules/invoices/invoices.fixtures.ts';
import { runInvoices } from '../server/src/modules/invoices/invoices.usecases.ts';
import { ledgerFixture } from '../server/src/modules/ledger/ledger.fixtures.ts';
import { createMailer } from '../server/src/modules/mail/mail.usecases.ts';
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

if (!postgresUrl) {
  console.error('billing benchmark skipped: set BENCH_DATABASE_URL or TEST_DATABASE_URL (it runs on PostgreSQL only)');
} else {
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
    const started = performance.now();
    const report = await runInvoices({ db: handle.db, clock: systemClock, mailer, config }, tenantId, '2026-10', {
      onProgress: (phase, done, total) => {
        if (done === total) phases[phase] = performance.now();
        const tenth = Math.floor((done / total) * 10);
        if (tenth !== last) progress(`${phase} ${done}/${total}`);
        last = done === total ? -1 : tenth;
      },
    });
    const totalMs = performance.now() - started;
    clearInterval(analyze);
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
