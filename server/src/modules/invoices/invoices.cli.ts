// `concierge billing run --period 2026-10 [--tenant SHORTCODE]`: the month's invoice run for one
// tenant or for every tenant, with a progress bar per tenant and a summary line each.
// `concierge billing remind [--tenant SHORTCODE]`: the reminders due today, with a summary line each.
import { parseArgs } from 'node:util';
import { billingUsage } from '../../cli.usage.ts';
import { progressBar } from '../../cli.progress.ts';
import type { Logger } from 'pino';
import type { Config } from '../../config.ts';
import { openDatabase } from '../../db/client.ts';
import { migrate } from '../../db/migrate.ts';
import { asPlatform } from '../../db/scope.ts';
import { systemClock } from '../../deps.ts';
import { tenantNotFound } from '../bankimport/bankimport.errors.ts';
import { createPdfPool, type PdfPool } from '../../pdf/pool.ts';
import { createMailer } from '../mail/mail.usecases.ts';
import { parsePeriod } from './invoices.amounts.ts';
import { runDunning, type DunningReport } from './invoices.reminders.ts';
import { runInvoices, type RunReport } from './invoices.usecases.ts';

export async function billingCommand(args: string[], config: Config, log: Logger): Promise<number> {
  const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { period: { type: 'string' }, tenant: { type: 'string' } } });
  const remind = positionals.length === 1 && positionals[0] === 'remind' && values.period === undefined;
  if (!remind && (positionals.length !== 1 || positionals[0] !== 'run' || !values.period)) {
    console.error(`Usage:\n${billingUsage}`);
    return 2;
  }
  if (!remind && !parsePeriod(values.period!)) {
    console.error(`Not a billing period: ${values.period} (a month, written YYYY-MM, e.g. 2026-10).`);
    return 2;
  }
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  let pdfs: PdfPool | undefined;
  try {
    await migrate(handle);
    const tenants = await asPlatform(handle.db, (tx) => {
      let query = tx.selectFrom('tenants').select(['id', 'short_code', 'currency']).orderBy('short_code');
      if (values.tenant) query = query.where('short_code', '=', values.tenant.toLowerCase());
      return query.execute();
    });
    if (values.tenant && tenants.length === 0) throw tenantNotFound(values.tenant);
    const mailer = createMailer({ db: handle.db, smtpUrl: config.smtpUrl, from: config.mailFrom, onError: (error) => log.error({ err: error }, 'invoice mail not sent') });
    // A month's invoices are thousands of PDFs: rendered on every core while this thread talks to the database.
    pdfs = remind ? undefined : createPdfPool();
    const deps = { db: handle.db, clock: systemClock, mailer, config, pdfs };
    for (const tenant of tenants) {
      if (remind) {
        console.log(reminderSummary(tenant.short_code, tenant.currency, await runDunning(deps, tenant.id, deps.clock.now())));
        continue;
      }
      const bars = { issue: progressBar(`${tenant.short_code} ${values.period} issuing`), deliver: progressBar(`${tenant.short_code} ${values.period} sending`) };
      const report = await runInvoices(deps, tenant.id, values.period!, { onProgress: (phase, done, total) => bars[phase].update(done, total) });
      bars.issue.end();
      bars.deliver.end();
      console.log(summary(tenant.short_code, tenant.currency, report));
    }
    return 0;
  } finally {
    await pdfs?.close();
    await handle.close();
  }
}

function summary(shortCode: string, currency: string, report: RunReport): string {
  const head = `${shortCode} ${report.period}:`;
  if (report.skipped === 'owner_statements') return `${head} not invoiced by the platform (the owner bills its residents itself).`;
  const run = report.run!;
  const total = `${run.invoices} invoice(s), ${(run.gross_minor / 100).toFixed(2)} ${currency} in all`;
  const { emailed, withoutEmail } = report.delivery;
  const sent = emailed + withoutEmail > 0 ? ` Sent by e-mail: ${emailed}; without e-mail address (to post): ${withoutEmail}.` : '';
  if (report.alreadyFinished) return `${head} already run, nothing new issued (${total}).${sent}`;
  return `${head} ${report.issued} invoice(s) issued now; the period has ${total}.${sent}`;
}

function reminderSummary(shortCode: string, currency: string, report: DunningReport): string {
  const total = report.reminded.reduce((a, b) => a + b, 0);
  const perLevel = report.reminded.map((n, i) => `level ${i + 1}: ${n}`).join(', ');
  const head = `${shortCode} reminders: ${total} sent now${perLevel ? ` (${perLevel})` : ' (no reminder levels set)'}, ${(report.feesMinor / 100).toFixed(2)} ${currency} in fees.`;
  const { emailed, withoutEmail } = report;
  return emailed + withoutEmail > 0 ? `${head} Sent by e-mail: ${emailed}; without e-mail address (to post): ${withoutEmail}.` : head;
}
