// Once a day, unpaid invoices move up the tenant's reminder levels and the reminders go out by
// e-mail (modules/invoices/invoices.reminders.ts). Safe on every node at once and after a restart:
// an invoice is raised only from the level it was seen at, under its row lock.
import { asPlatform } from '../../db/scope.ts';
import type { Deps } from '../../deps.ts';
import { runDunning } from '../../modules/invoices/invoices.reminders.ts';
import { allTenantIds } from '../../modules/tenancy/tenancy.repository.ts';
import type { Job } from '../worker.ts';

export async function remindInvoicesEverywhere(deps: Deps): Promise<{ reminded: number; emailed: number }> {
  const now = deps.clock.now();
  let reminded = 0;
  let emailed = 0;
  for (const tenantId of await asPlatform(deps.db, allTenantIds)) {
    const report = await runDunning(deps, tenantId, now);
    reminded += report.reminded.reduce((a, b) => a + b, 0);
    emailed += report.emailed;
  }
  return { reminded, emailed };
}

export const remindInvoicesJob: Job = { name: 'remind-invoices', intervalMs: 24 * 60 * 60_000, run: remindInvoicesEverywhere };
