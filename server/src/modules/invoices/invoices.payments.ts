// What settles an invoice: a bank credit quoting its reference (bank import), a card payment
// (the payment provider's webhook), or the resident's wallet balance. Each moves money into the
// resident's receivable account, at most what is still due; what a bank credit or a card payment
// brings beyond that goes to the payer's wallet (the caller credits it, under the entry's or the
// card payment's own id). Each payment is one transfer whose id derives from what paid, so the
// same bank entry, the same card payment or the same click settles once.
import type { InvoicePaymentVia } from '../../db/schema.ts';
import type { Tx } from '../../db/scope.ts';
import { AppError } from '../../errors.ts';
import { createTransfer, receivableOf, systemAccount, transferId, walletOf } from '../ledger/ledger.usecases.ts';
import type { Transfer } from '../ledger/ledger.types.ts';
import { amountDue, amountOwed } from './invoices.amounts.ts';
import { insufficientBalance, invoiceNotFound, notOpen } from './invoices.errors.ts';
import * as repo from './invoices.repository.ts';

export type InvoicePaymentOutcome = 'paid' | 'partly_paid' | 'not_open';

export interface InvoicePayment {
  /** dueMinor: what is left to pay after this payment (reminder fees included). */
  invoice: { id: string; number: string; reference: string; grossMinor: number; paidMinor: number; dueMinor: number; personId: string };
  outcome: InvoicePaymentOutcome;
  appliedMinor: number;
  /** What the payment brought beyond what was due (or all of it, for an invoice not open). */
  remainderMinor: number;
  transfer: Transfer | null;
}

/** The invoice a structured reference names in this tenant, if any. */
export function invoiceByReference(tx: Tx, tenantId: string, reference: string) {
  return repo.invoiceByReference(tx, tenantId, reference);
}

async function settle(tx: Tx, tenantId: string, invoiceId: string, amountMinor: number,
  payment: { id: string; from: string; via: InvoicePaymentVia; reference: { type: string; id: string } }, now: Date): Promise<InvoicePayment> {
  const invoice = await repo.lockInvoice(tx, tenantId, invoiceId);
  if (!invoice) throw invoiceNotFound();
  const due = amountDue(invoice);
  const summary = { id: invoice.id, number: invoice.number, reference: invoice.reference, grossMinor: invoice.gross_minor, paidMinor: invoice.paid_minor, dueMinor: due, personId: invoice.person_id };
  if (due <= 0) {
    return { invoice: summary, outcome: 'not_open', appliedMinor: 0, remainderMinor: amountMinor, transfer: null };
  }
  const applied = Math.min(amountMinor, due);
  const transfer = await createTransfer(tx, tenantId, {
    id: payment.id, debitAccountId: payment.from, creditAccountId: (await receivableOf(tx, tenantId, invoice.person_id)).id,
    amount: applied, code: 'invoice_payment', reference: payment.reference, note: invoice.number,
  }, now);
  await repo.insertPayment(tx, tenantId, { invoiceId: invoice.id, transferId: transfer.id, via: payment.via, amountMinor: applied, paidAt: now });
  const paidMinor = invoice.paid_minor + applied;
  // Paid in full means the invoice and its reminder fees.
  const paid = paidMinor >= amountOwed(invoice);
  await repo.setPaid(tx, tenantId, invoice.id, paidMinor, paid ? 'paid' : 'open');
  return {
    invoice: { ...summary, paidMinor, dueMinor: due - applied }, outcome: paid ? 'paid' : 'partly_paid',
    appliedMinor: applied, remainderMinor: amountMinor - applied, transfer,
  };
}

/** A bank credit quoting the invoice's reference (bank import): from the bank clearing account. */
export async function payInvoiceByBank(tx: Tx, tenantId: string, invoiceId: string, entry: { id: string; key: string; amountMinor: number }, now: Date): Promise<InvoicePayment> {
  return settle(tx, tenantId, invoiceId, entry.amountMinor, {
    id: transferId('camt-invoice', `${tenantId}:${entry.key}`), from: await systemAccount(tx, tenantId, 'bank_clearing'), via: 'bank_transfer',
    reference: { type: 'bank_entry', id: entry.id },
  }, now);
}

/**
 * The invoice a resident is about to pay by card, with what is due on it now: their own (another's
 * answers as missing), with something due.
 */
export async function invoiceToPay(tx: Tx, tenantId: string, invoiceId: string, personId: string) {
  const invoice = await repo.findInvoice(tx, tenantId, invoiceId);
  if (!invoice || invoice.person_id !== personId) throw invoiceNotFound();
  return { id: invoice.id, number: invoice.number, currency: invoice.currency, dueMinor: amountDue(invoice) };
}

/**
 * A card payment for the invoice, confirmed by the payment provider: from the card clearing
 * account, under an id derived from the provider's payment (the wallet gets the rest under that
 * payment's top-up id), so every event about one payment settles once.
 */
export async function payInvoiceByCard(tx: Tx, tenantId: string, invoiceId: string, payment: { id: string; providerPaymentId: string; amountMinor: number }, now: Date): Promise<InvoicePayment> {
  return settle(tx, tenantId, invoiceId, payment.amountMinor, {
    id: transferId('card-invoice', payment.providerPaymentId), from: await systemAccount(tx, tenantId, 'card_clearing'), via: 'card',
    reference: { type: 'card_payment', id: payment.id },
  }, now);
}

/**
 * The resident pays what is due from the wallet. The transfer id derives from the invoice and
 * what was paid before, so a double click pays once and a second payment after a partial one
 * is its own.
 */
export async function payInvoiceFromWallet(tx: Tx, tenantId: string, invoiceId: string, personId: string, now: Date): Promise<InvoicePayment> {
  const invoice = await repo.lockInvoice(tx, tenantId, invoiceId);
  if (!invoice || invoice.person_id !== personId) throw invoiceNotFound();
  const due = amountDue(invoice);
  if (due <= 0) throw notOpen();
  const wallet = await walletOf(tx, tenantId, personId);
  if (wallet.available < due) throw insufficientBalance();
  try {
    return await settle(tx, tenantId, invoiceId, due, {
      id: transferId('wallet-invoice', `${invoice.id}:${invoice.paid_minor}`), from: wallet.id, via: 'balance', reference: { type: 'invoice', id: invoice.id },
    }, now);
  } catch (error) {
    if (error instanceof AppError && error.code === 'ledger.insufficient_funds') throw insufficientBalance();
    throw error;
  }
}
