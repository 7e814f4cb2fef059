// `concierge settlement run --period 2026-Q3 [--tenant SHORTCODE]`: settles a period for one
// property manager or for every manager whose contract settles periods of that kind, with a
// progress bar over the managers and a summary line each.
import { parseArgs } from 'node:util';
import type { Logger } from 'pino';
import { progressBar } from '../../cli.progress.ts';
import { settlementUsage } from '../../cli.usage.ts';
import type { Config } from '../../config.ts';
import { openDatabase } from '../../db/client.ts';
import { migrate } from '../../db/migrate.ts';
import { asPlatform } from '../../db/scope.ts';
import { systemClock } from '../../deps.ts';
import { AppError } from '../../errors.ts';
import { tenantNotFound } from '../bankimport/bankimport.errors.ts';
import { parseSettlementPeriod } from './settlements.amounts.ts';
import { runSettlement, type SettlementRun } from './settlements.usecases.ts';

export async function settlementCommand(args: string[], config: Config, _log: Logger): Promise<number> {
  const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { period: { type: 'string' }, tenant: { type: 'string' } } });
  if (positionals.length !== 1 || positionals[0] !== 'run' || !values.period) {
    console.error(`Usage:\n${settlementUsage}`);
    return 2;
  }
  const period = parseSettlementPeriod(values.period);
  if (!period) {
    console.error(`Not a settlement period: ${values.period} (a year 2026, a quarter 2026-Q3 or a month 2026-10).`);
    return 2;
  }
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrate(handle);
    const tenants = await asPlatform(handle.db, (tx) => {
      let query = tx.selectFrom('tenants').leftJoin('settlement_contracts as c', 'c.tenant_id', 'tenants.id')
        .select(['tenants.id', 'tenants.short_code', 'tenants.currency', 'c.period']).orderBy('tenants.short_code');
      if (values.tenant) query = query.where('tenants.short_code', '=', values.tenant.toLowerCase());
      return query.execute();
    });
    if (values.tenant && tenants.length === 0) throw tenantNotFound(values.tenant);
    // Without --tenant, the managers settled in periods of this kind; one named is tried and its refusal shown.
    const due = values.tenant ? tenants : tenants.filter((t) => t.period === period.kind);
    const deps = { db: handle.db, clock: systemClock, config };
    const bar = progressBar(`settlement ${values.period}`);
    const lines: string[] = [];
    let failed = 0;
    bar.update(0, due.length);
    for (const [index, tenant] of due.entries()) {
      try {
        lines.push(summary(tenant.short_code, tenant.currency, await runSettlement(deps, tenant.id, values.period, 'cli')));
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        failed += 1;
        lines.push(`${tenant.short_code} ${values.period}: not settled: ${error.message} (${error.code}).`);
      }
      bar.update(index + 1, due.length);
    }
    bar.end();
    if (due.length === 0) lines.push(`No property manager is settled ${period.kind}: nothing to do for ${values.period}.`);
    for (const line of lines) console.log(line);
    return failed > 0 && values.tenant ? 1 : 0;
  } finally {
    await handle.close();
  }
}

const money = (minor: number, currency: string) => `${(minor / 100).toFixed(2)} ${currency}`;

function summary(shortCode: string, currency: string, run: SettlementRun): string {
  const s = run.settlement;
  const head = `${shortCode} ${s.period}:`;
  const figures = `revenue ${money(s.revenue_minor, currency)}, fees ${money(s.fees_minor, currency)}${s.carried_in_minor ? `, carried in ${money(s.carried_in_minor, currency)}` : ''}, payout ${money(s.payout_minor, currency)}`
    + (s.carried_out_minor ? `, carried into the next settlement ${money(s.carried_out_minor, currency)}` : '')
    + (s.file_name ? ` (payout file ${s.file_name})` : '');
  return run.created ? `${head} settled: ${figures}.` : `${head} settled before, nothing new: ${figures}.`;
}
