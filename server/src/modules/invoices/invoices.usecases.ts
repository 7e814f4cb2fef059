// Invoice runs: once per tenant and month, every resident with postpaid consumption that ended
// before the month's end and was not invoiced yet gets one invoice, each in a transaction of its
// own (an interrupted run, run again, issues the rest). Per invoice, in that transaction: the
// resident's sessions locked, a number from the tenant's gapless counter of the year, the ledger
// transfer from their receivable to the tenant's revenue, the invoice and its lines, the sessions
// marked. A tenant in "owner statements" mode is not invoiced by the platform.
import { randomUUID } from 'node:crypto';
import { forEachConcurrently } from '../../concurrently.ts';
import type { Deps } from '../../deps.ts';
import { nextCounter } from '../../db/counters.ts';
import { inTenant, type Tx } from '../../db/scope.ts';
import type { ApplianceKind, InvoiceRun, InvoiceUnit, Language, Metering } from '../../db/schema.ts';
import { invoiceReferences } from '../banking/references.ts';
import { createTransfer, receivableOf, systemAccount, transferId } from '../ledger/ledger.usecases.ts';
import { timeZoneOf } from '../tenancy/countries.ts';
import { invoiceNumber, lineAmounts, parsePeriod, totals } from './invoices.amounts.ts';
import { deliverRun, RUN_CONCURRENCY, type DeliveryDeps, type DeliveryReport } from './invoices.delivery.ts';
import { invalidPeriod } from './invoices.errors.ts';
import * as repo from './invoices.repository.ts';
import { describeCharge, printedQuantity, UNIT } from './invoices.lines.ts';

export interface RunReport {
  period: string;
  /** Why nothing was invoiced, when nothing could be. */
  skipped: 'owner_statements' | null;
  /** The run had finished before: nothing was issued now. */
  alreadyFinished: boolean;
  /** Issued by this call. */
  issued: number;
  /** Delivered by this call: e-mailed with the PDF, or marked for post (no e-mail address). */
  delivery: DeliveryReport;
  /** The run's totals so far (with what earlier calls issued). */
  run: InvoiceRun | null;
}

export interface RunOptions {
  /** Called after each resident (`issue`) and each invoice sent (`deliver`): done of total. */
  onProgress?: (phase: 'issue' | 'deliver', done: number, total: number) => void;
}

const NOTHING_DELIVERED: DeliveryReport = { emailed: 0, withoutEmail: 0 };

/**
 * Runs the invoices of `period` (YYYY-MM) for one tenant, then delivers them. Running it again
 * issues nothing new and delivers only what an interrupted run left.
 */
export async function runInvoices(deps: DeliveryDeps, tenantId: string, period: string, options: RunOptions = {}): Promise<RunReport> {
  if (!parsePeriod(period)) throw invalidPeriod();
  const context = await inTenant(deps.db, tenantId, (tx) => repo.billingContext(tx, tenantId));
  if (context.operatingMode !== 'platform_billing') return { period, skipped: 'owner_statements', alreadyFinished: false, issued: 0, delivery: NOTHING_DELIVERED, run: null };
  const zone = timeZoneOf(context.country);
  const { run, people } = await inTenant(deps.db, tenantId, async (tx) => {
    const run = await repo.openRun(tx, tenantId, period, await repo.periodEnd(tx, period, zone));
    return { run, people: run.status === 'finished' ? [] : await repo.peopleToInvoice(tx, tenantId, run.ends_at) };
  });
  const deliver = () => deliverRun(deps, tenantId, run.id, period, (done, total) => options.onProgress?.('deliver', done, total));
  if (run.status === 'finished') return { period, skipped: null, alreadyFinished: true, issued: 0, delivery: await deliver(), run };

  let issued = 0;
  let done = 0;
  // A few residents at a time: numbers stay gapless (the counter row is locked until each commit),
  // they follow commit order.
  await forEachConcurrently(people, RUN_CONCURRENCY, async (personId) => {
    const invoiceId = await inTenant(deps.db, tenantId, (tx) => invoicePerson(tx, tenantId, personId, run, context, zone, deps.clock.now()));
    if (invoiceId) issued += 1;
    options.onProgress?.('issue', ++done, people.length);
  });
  const finished = await inTenant(deps.db, tenantId, (tx) => repo.finishRun(tx, tenantId, run.id, deps.clock.now()));
  return { period, skipped: null, alreadyFinished: false, issued, delivery: await deliver(), run: finished };
}


/** The day in the tenant's time zone, as YYYY-MM-DD. */
const dayIn = (at: Date, zone: string) => new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);


/** One resident's invoice of a run; null when another run got their sessions first. */
async function invoicePerson(tx: Tx, tenantId: string, personId: string, run: InvoiceRun, context: repo.BillingContext, zone: string, now: Date): Promise<string | null> {
  const sessions = await repo.lockSessionsToInvoice(tx, tenantId, personId, run.ends_at);
  if (sessions.length === 0) return null;
  const today = dayIn(now, zone);
  const { buyer, language } = await repo.buyerOf(tx, tenantId, personId, today);
  const lines = sessions.map((s, i) => ({
    lineNo: i + 1,
    description: describeCharge(language, s.appliance_kind, s.site_name, s.stopped_at, zone),
    quantity: printedQuantity(s.metering, s.quantity),
    unit: UNIT[s.metering],
    vatRateBp: s.vat_rate_bp,
    ...lineAmounts(s.amount_minor, s.vat_rate_bp, context.pricesIncludeVat),
    sessionId: s.id,
  }));
  const sum = totals(lines);
  const receivable = (await receivableOf(tx, tenantId, personId)).id;
  const revenue = await systemAccount(tx, tenantId, 'revenue');

  // From the number on, other runs' invoices wait for this commit: as little as possible after it.
  const year = Number(today.slice(0, 4));
  const sequence = await nextCounter(tx, tenantId, `invoice:${year}`, 1);
  const references = invoiceReferences(context.shortCode, year, sequence);
  const id = randomUUID();
  const transfer = await createTransfer(tx, tenantId, {
    id: transferId('invoice', id), debitAccountId: receivable, creditAccountId: revenue, amount: sum.grossMinor, code: 'usage',
    reference: { type: 'invoice', id }, note: invoiceNumber(year, sequence),
  }, now);
  await repo.insertInvoice(tx, {
    tenantId, id, kind: 'invoice', year, sequence, number: invoiceNumber(year, sequence), personId, runId: run.id, correctsId: null, reason: null,
    buyer, language, currency: context.currency, pricesIncludeVat: context.pricesIncludeVat, ...sum,
    reference: context.currency === 'CHF' && context.hasQrIban ? references.qr : references.rf,
    issuedAt: now, dueOn: addDays(today, context.dueDays), transferId: transfer.id,
  }, lines);
  await repo.markInvoiced(tx, tenantId, sessions.map((s) => s.id), id);
  return id;
}

const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
