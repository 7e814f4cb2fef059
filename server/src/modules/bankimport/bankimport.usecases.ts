// Bank statement import: reads a camt file, credits the wallets its credits can be matched to (or
// pays the fees they quote) and queues the rest for staff. One file is one transaction: it is
// imported whole or not at all.
import { createHash } from 'node:crypto';
import type { Deps } from '../../deps.ts';
import { inTenant, type Tx } from '../../db/scope.ts';
import type { TenantActor } from '../../http/actor.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { payFeeByBank, type BankFeeOutcome } from '../fees/fees.usecases.ts';
import { payInvoiceByBank, type InvoicePaymentOutcome } from '../invoices/invoices.payments.ts';
import { createTransfer, systemAccount, transferId, walletOf } from '../ledger/ledger.usecases.ts';
import { parseCamt } from './bankimport.camt.ts';
import { matchEntry } from './bankimport.matching.ts';
import { authorize, bankImportPolicy } from './bankimport.policies.ts';
import * as repo from './bankimport.repository.ts';

export interface ImportReport {
  statementId: string;
  format: string;
  messageId: string;
  /** The same file (byte for byte) was imported before; nothing changed. */
  alreadyImported: boolean;
  newEntries: number;
  matched: number;
  toReview: number;
  duplicatesSkipped: number;
  /** Debits and entries not booked yet. */
  ignored: number;
  /** Minor units credited to wallets by this import, per currency (fees paid are not in it). */
  credited: Record<string, number>;
  /** Credits quoting a fee's reference: paid, paid short (the fee stays open) or for a fee no longer open. */
  fees: FeeSettlement[];
  /** Credits quoting an invoice's reference: paid, partly paid, or for an invoice with nothing due. */
  invoices: InvoiceSettlement[];
}

export interface InvoiceSettlement {
  invoiceId: string;
  number: string;
  outcome: InvoicePaymentOutcome;
  currency: string;
  receivedMinor: number;
  /** What is still due after this payment. */
  dueMinor: number;
  /** What went to the payer's wallet: the excess over what was due. */
  toWalletMinor: number;
}

export interface FeeSettlement {
  feeId: string;
  reference: string;
  outcome: BankFeeOutcome;
  currency: string;
  receivedMinor: number;
  feeMinor: number;
  /** What went to the payer's wallet instead: the excess, or everything when the fee was not paid. */
  toWalletMinor: number;
}

export function importStatement(deps: Deps, actor: TenantActor, input: { fileName: string; xml: string }): Promise<ImportReport> {
  authorize(bankImportPolicy.manage(actor));
  // Parsed before the transaction opens: a malformed file is refused without touching anything.
  const parsed = parseCamt(input.xml);
  const sha256 = createHash('sha256').update(input.xml).digest('hex');
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    await repo.lockImports(tx, actor.tenantId);
    const tenant = await repo.tenantOf(tx, actor.tenantId);
    const now = deps.clock.now();
    const report: ImportReport = {
      statementId: '', format: parsed.format, messageId: parsed.messageId, alreadyImported: false,
      newEntries: 0, matched: 0, toReview: 0, duplicatesSkipped: 0, ignored: parsed.ignored, credited: {}, fees: [], invoices: [],
    };
    const statementId = await repo.insertStatement(tx, tenant.id, {
      fileName: input.fileName, sha256, format: parsed.format, messageId: parsed.messageId,
      importedBy: actor.via === 'session' ? actor.userId : null, importedByLabel: actor.via === 'session' ? actor.email : actor.displayName, importedAt: now,
    });
    if (!statementId) {
      const earlier = await repo.findStatementBySha(tx, tenant.id, sha256);
      return { ...report, statementId: earlier!.id, alreadyImported: true, duplicatesSkipped: parsed.credits.length, ignored: 0 };
    }
    report.statementId = statementId;

    for (const entry of parsed.credits) {
      const match = await matchEntry(tx, tenant, entry);
      const entryId = await repo.insertEntryOnce(tx, tenant.id, statementId, entry, match.personId === null ? match.reviewReason : null);
      if (!entryId) {
        report.duplicatesSkipped += 1;
        continue;
      }
      report.newEntries += 1;
      if (match.personId === null) {
        report.toReview += 1;
        continue;
      }
      let toWallet = entry.amountMinor;
      let settlementTransferId: string | null = null;
      if (match.invoiceId) {
        const paid = await payInvoiceByBank(tx, tenant.id, match.invoiceId, { id: entryId, key: entry.key, amountMinor: entry.amountMinor }, now);
        toWallet = paid.remainderMinor;
        settlementTransferId = paid.transfer?.id ?? null;
        report.invoices.push({
          invoiceId: paid.invoice.id, number: paid.invoice.number, outcome: paid.outcome, currency: entry.currency, receivedMinor: entry.amountMinor,
          dueMinor: paid.invoice.dueMinor, toWalletMinor: toWallet,
        });
      } else if (match.feeId) {
        const paid = await payFeeByBank(tx, tenant.id, match.feeId, { amountMinor: entry.amountMinor, bankEntryId: entryId }, now);
        toWallet = paid.remainderMinor;
        settlementTransferId = paid.transfer?.id ?? null;
        report.fees.push({
          feeId: paid.fee.id, reference: paid.fee.reference, outcome: paid.outcome, currency: entry.currency,
          receivedMinor: entry.amountMinor, feeMinor: Number(paid.fee.amount_minor), toWalletMinor: toWallet,
        });
      }
      // The entry's transfer id derives from its key, so even the excess over a fee is credited once.
      const topUp = toWallet > 0 ? await creditWallet(tx, tenant.id, { id: entryId, key: entry.key, amount: toWallet }, match.personId, now) : null;
      await repo.markCredited(tx, tenant.id, entryId, {
        status: 'matched', personId: match.personId, transferId: settlementTransferId ?? topUp!.id, matchedBy: match.matchedBy, decidedBy: null, decidedAt: null,
      });
      report.matched += 1;
      if (toWallet > 0) report.credited[entry.currency] = (report.credited[entry.currency] ?? 0) + toWallet;
    }
    await repo.setStatementCounts(tx, tenant.id, statementId, {
      credit: parsed.credits.length, new: report.newEntries, matched: report.matched, review: report.toReview,
      duplicate: report.duplicatesSkipped, ignored: report.ignored,
    });
    await recordAudit(tx, actor, { action: 'bank.statement_imported', entityType: 'bank_statement', entityId: statementId, after: { fileName: input.fileName, ...report } });
    return report;
  });
}

/**
 * Tops up the wallet from the bank clearing account. The transfer id derives from the entry key,
 * so whatever path credits an entry (import or staff assignment), it is credited at most once.
 */
export async function creditWallet(tx: Tx, tenantId: string, entry: { id: string; key: string; amount: number }, personId: string, now: Date) {
  const wallet = await walletOf(tx, tenantId, personId);
  return createTransfer(tx, tenantId, {
    id: transferId('camt', `${tenantId}:${entry.key}`),
    debitAccountId: await systemAccount(tx, tenantId, 'bank_clearing'),
    creditAccountId: wallet.id,
    amount: entry.amount,
    code: 'top_up',
    reference: { type: 'bank_entry', id: entry.id },
  }, now);
}

export function listStatements(deps: Deps, actor: TenantActor) {
  authorize(bankImportPolicy.manage(actor));
  return inTenant(deps.db, actor.tenantId, (tx) => repo.listStatements(tx, actor.tenantId, 200));
}
