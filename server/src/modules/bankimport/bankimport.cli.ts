// `concierge bank import FILE --tenant SHORTCODE`: the same import as the upload in the portal,
// for operators who fetch bank files by script (EBICS, SFTP). It acts as the platform for that tenant.
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import type { Logger } from 'pino';
import type { Config } from '../../config.ts';
import { openDatabase } from '../../db/client.ts';
import { migrate } from '../../db/migrate.ts';
import { asPlatform } from '../../db/scope.ts';
import { systemClock, type Deps } from '../../deps.ts';
import type { TenantActor } from '../../http/actor.ts';
import { createMailer } from '../mail/mail.usecases.ts';
import { tenantNotFound } from './bankimport.errors.ts';
import { tenantIdByShortCode } from './bankimport.repository.ts';
import { importStatement, type ImportReport } from './bankimport.usecases.ts';
import { createLedgerBatcher } from '../ledger/ledger.batcher.ts';
import { unlistenedAuthorization } from '../authorization/authorization.runtime.ts';
import { silentNotifications } from '../../db/notifications.ts';
import { bankUsage } from '../../cli.usage.ts';

/** Who the audit log names for a command-line import: no login, the platform acting for the tenant. */
function commandLineActor(tenantId: string, file: string): TenantActor {
  return {
    userId: '', email: '', displayName: `command line (${file})`, language: 'en', platformRole: 'operator_admin',
    tenantId, role: 'manager_admin', personId: null, via: 'token', sessionId: null, scopes: null,
  };
}

export async function bankCommand(args: string[], config: Config, log: Logger): Promise<number> {
  const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { tenant: { type: 'string' } } });
  const [action, file] = positionals;
  if (action !== 'import' || !file || !values.tenant || positionals.length > 2) {
    console.error(`Usage:\n${bankUsage}`);
    return 2;
  }
  if (!existsSync(file)) {
    console.error(`No such file: ${file}`);
    return 1;
  }
  const xml = readFileSync(file, 'utf8');
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrate(handle);
    const tenantId = await asPlatform(handle.db, (tx) => tenantIdByShortCode(tx, values.tenant!));
    if (!tenantId) throw tenantNotFound(values.tenant);
    const mailer = createMailer({ db: handle.db, smtpUrl: config.smtpUrl, from: config.mailFrom });
    const deps: Deps = { db: handle.db, config, clock: systemClock, mailer, log, payments: null, ledger: createLedgerBatcher(handle.db), authorization: unlistenedAuthorization(), notifications: silentNotifications };
    const report = await importStatement(deps, commandLineActor(tenantId, basename(file)), { fileName: basename(file), xml });
    console.log(describeReport(report));
    return 0;
  } finally {
    await handle.close();
  }
}

const feeOutcomes = {
  paid: 'paid',
  underpaid: 'paid short, credited to the wallet; the fee stays open',
  not_open: 'no longer open, credited to the wallet',
};

const invoiceOutcomes = {
  paid: 'paid',
  partly_paid: 'partly paid; the rest stays due',
  not_open: 'nothing was due, credited to the wallet',
};

function describeReport(r: ImportReport): string {
  if (r.alreadyImported) return `${r.format} ${r.messageId}: already imported, nothing changed.`;
  const credited = Object.entries(r.credited).map(([currency, minor]) => `${(minor / 100).toFixed(2)} ${currency}`).join(', ') || 'nothing';
  return [
    `${r.format} ${r.messageId}: ${r.newEntries} new credit(s), ${r.matched} matched, ${r.toReview} to review, `
      + `${r.duplicatesSkipped} already known, ${r.ignored} debit/unbooked ignored.`,
    `Credited to wallets: ${credited}.`,
    ...r.invoices.map((i) => `Invoice ${i.number}: ${invoiceOutcomes[i.outcome]} (${(i.receivedMinor / 100).toFixed(2)} ${i.currency} received, `
      + `${(i.dueMinor / 100).toFixed(2)} still due, ${(i.toWalletMinor / 100).toFixed(2)} to the wallet).`),
    ...r.fees.map((f) => `Fee ${f.reference}: ${feeOutcomes[f.outcome]} (${(f.receivedMinor / 100).toFixed(2)} of ${(f.feeMinor / 100).toFixed(2)} ${f.currency} received).`),
  ].join('\n');
}
