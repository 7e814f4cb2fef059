// Invoice runs: once per tenant and month, every resident with postpaid consumption that ended
// before the month's end and was not invoiced yet gets one invoice. Residents are issued a batch
// at a time, each batch in a transaction of its own (an interrupted run, run again, issues the
// rest). Per batch, in that transaction: the residents' sessions locked, a number for each from
// the tenant's gapless counter of the year, the ledger transfers from their receivables to the
// tenant's revenue, the invoices and their lines, the sessions marked: a few statements for the
// whole batch, where one resident at a time took a dozen each. A tenant in "owner statements"
// mode is not invoiced by the platform.
import { randomUUID } from 'node:crypto';
import { forEachConcurrently } from '../../concurrently.ts';
import { takeNumbers } from '../../db/counters.ts';
import { inTenant, type Tx } from '../../db/scope.ts';
import type { InvoiceRun } from '../../db/schema.ts';
import { invoiceReferences } from '../banking/references.ts';
import { createTransfers, receivablesOf, systemAccount, transferId } from '../ledger/ledger.usecases.ts';
import { timeZoneOf } from '../tenancy/countries.ts';
import { invoiceNumber, lineAmounts, parsePeriod, totals } from './invoices.amounts.ts';
import { deliverRun, type DeliveryDeps, type DeliveryReport } from './invoices.delivery.ts';
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
  // Two batches at a time, so one reads while the other writes: numbers stay gapless (the counter
  // row is locked until each commit), they follow commit order.
  await forEachConcurrently(batchesOf(people, ISSUE_BATCH), 2, async (batch) => {
    const count = await inTenant(deps.db, tenantId, (tx) => issueBatch(tx, tenantId, batch, run, context, zone, deps.clock.now()));
    issued += count;
    done += batch.length;
    options.onProgress?.('issue', done, people.length);
  });
  const finished = await inTenant(deps.db, tenantId, (tx) => repo.finishRun(tx, tenantId, run.id, deps.clock.now()));
  return { period, skipped: null, alreadyFinished: false, issued, delivery: await deliver(), run: finished };
}


/** The day in the tenant's time zone, as YYYY-MM-DD. */
const dayIn = (at: Date, zone: string) => new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);


/** Residents issued in one transaction. */
const ISSUE_BATCH = 25;

const batchesOf = <T>(items: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

/** The invoices of a batch of residents; returns how many were issued (none for a resident another run got first). */
async function issueBatch(tx: Tx, tenantId: string, personIds: string[], run: InvoiceRun, context: repo.BillingContext, zone: string, now: Date): Promise<number> {
  const sessionsOf = await repo.lockSessionsToInvoice(tx, tenantId, personIds, run.ends_at);
  const people = personIds.filter((id) => sessionsOf.has(id));
  if (people.length === 0) return 0;
  const today = dayIn(now, zone);
  const buyers = await repo.buyersOf(tx, tenantId, people, today);
  const receivables = await receivablesOf(tx, tenantId, people);
  const revenue = await systemAccount(tx, tenantId, 'revenue');
  const drafts = people.map((personId) => {
    const { buyer, language } = buyers.get(personId)!;
    const lines = sessionsOf.get(personId)!.map((s, i) => ({
      lineNo: i + 1,
      description: describeCharge(language, s.appliance_kind, s.site_name, s.stopped_at, zone),
      quantity: printedQuantity(s.metering, s.quantity),
      unit: UNIT[s.metering],
      vatRateBp: s.vat_rate_bp,
      ...lineAmounts(s.amount_minor, s.vat_rate_bp, context.pricesIncludeVat),
      sessionId: s.id,
    }));
    return { id: randomUUID(), personId, buyer, language, lines, sum: totals(lines) };
  });

  // From the numbers on, other runs' invoices wait for this commit: as little as possible after it.
  const year = Number(today.slice(0, 4));
  const first = await takeNumbers(tx, tenantId, `invoice:${year}`, 1, drafts.length);
  const transfers = await createTransfers(tx, tenantId, drafts.map((draft, i) => ({
    id: transferId('invoice', draft.id), debitAccountId: receivables.get(draft.personId)!, creditAccountId: revenue, amount: draft.sum.grossMinor,
    code: 'usage', reference: { type: 'invoice', id: draft.id }, note: invoiceNumber(year, first + i),
  })), now);
  await repo.insertInvoices(tx, drafts.map((draft, i) => {
    const sequence = first + i;
    const references = invoiceReferences(context.shortCode, year, sequence);
    return {
      invoice: {
        tenantId, id: draft.id, kind: 'invoice', year, sequence, number: invoiceNumber(year, sequence), personId: draft.personId, runId: run.id,
        correctsId: null, reason: null, buyer: draft.buyer, language: draft.language, currency: context.currency, pricesIncludeVat: context.pricesIncludeVat,
        ...draft.sum, reference: context.currency === 'CHF' && context.hasQrIban ? references.qr : references.rf,
        issuedAt: now, dueOn: addDays(today, context.dueDays), transferId: transfers[i]!.id,
      },
      lines: draft.lines,
    };
  }));
  await repo.markInvoiced(tx, tenantId, drafts.map((draft) => draft.id));
  return drafts.length;
}

const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
