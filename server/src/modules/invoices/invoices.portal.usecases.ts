// Invoices as the portal shows them: a resident's own (the last 12 months, older ones in the
// archive), and every customer's for staff; each with its lines, VAT per rate and PDF.
import type { Deps } from '../../deps.ts';
import type { InvoiceLine, Language, TenantBankAccount } from '../../db/schema.ts';
import { inTenant, type Tx } from '../../db/scope.ts';
import { AppError } from '../../errors.ts';
import type { TenantActor } from '../../http/actor.ts';
import { requireAccess } from '../access/access.ts';
import { invoiceReferences } from '../banking/references.ts';
import { findBankAccount } from '../banking/banking.repository.ts';
import type { PaymentInstructions } from '../banking/payment-instructions.ts';
import { instructionsForMany } from '../banking/slips.usecases.ts';
import { invoiceNotFound } from './invoices.errors.ts';
import { amountDue } from './invoices.amounts.ts';
import { creditInvoice } from './invoices.credit.ts';
import { payInvoiceFromWallet } from './invoices.payments.ts';
import type { Seller } from './invoices.facturx.ts';
import { carriesEInvoice, renderInvoicePdf, type PrintedInvoice } from './invoices.pdf.ts';
import { remindersOf } from './invoices.reminders.repository.ts';
import { authorize, invoicePolicy } from './invoices.policies.ts';
import * as repo from './invoices.repository.ts';

/** How far back a resident's invoice list goes; older ones are in the archive. */
export const RECENT_MONTHS = 12;
/** How far back a resident's payments are listed. */
export const PAYMENT_MONTHS = 6;

const noPerson = () => new AppError('invoices.no_person', 403, 'Your login is not linked to a customer, so you have no invoices');

function ownPerson(actor: TenantActor): string {
  if (!invoicePolicy.own(actor)) throw noPerson();
  return actor.personId!;
}

function monthsBefore(now: Date, months: number): Date {
  const then = new Date(now);
  then.setUTCMonth(then.getUTCMonth() - months);
  return then;
}

/** The resident's invoices of the last 12 months, or with `archive` the older ones, newest first. */
export function listOwnInvoices(deps: Deps, actor: TenantActor, archive: boolean) {
  const personId = ownPerson(actor);
  const cut = monthsBefore(deps.clock.now(), RECENT_MONTHS);
  return inTenant(deps.db, actor.tenantId, (tx) => repo.listInvoices(tx, actor.tenantId, archive ? { personId, before: cut } : { personId, since: cut }, 500));
}

/** What the resident paid on invoices in the last 6 months, newest first. */
export function listOwnPayments(deps: Deps, actor: TenantActor) {
  const personId = ownPerson(actor);
  return inTenant(deps.db, actor.tenantId, (tx) => repo.paymentsOf(tx, actor.tenantId, personId, monthsBefore(deps.clock.now(), PAYMENT_MONTHS)));
}

export function listInvoices(deps: Deps, actor: TenantActor, filter: repo.InvoiceFilter) {
  authorize(invoicePolicy.read(actor));
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    if (filter.personId) await requireAccess(tx, actor, 'person', [filter.personId]);
    return repo.listInvoices(tx, actor.tenantId, filter, 500);
  });
}

/** An invoice the actor may see: a resident their own, staff any of a customer they can see. */
async function visibleInvoice(tx: Tx, actor: TenantActor, invoiceId: string) {
  const invoice = await repo.findInvoice(tx, actor.tenantId, invoiceId);
  if (!invoice) throw invoiceNotFound();
  if (invoicePolicy.own(actor)) {
    if (invoice.person_id !== actor.personId) throw invoiceNotFound();
  } else {
    authorize(invoicePolicy.read(actor));
    await requireAccess(tx, actor, 'person', [invoice.person_id]);
  }
  return invoice;
}

export function getInvoice(deps: Deps, actor: TenantActor, invoiceId: string) {
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    const invoice = await visibleInvoice(tx, actor, invoiceId);
    const bank = await findBankAccount(tx, actor.tenantId);
    return {
      invoice, lines: await repo.linesOf(tx, actor.tenantId, invoice.id), correction: await repo.correctionOf(tx, actor.tenantId, invoice),
      reminders: await remindersOf(tx, actor.tenantId, invoice.id),
      eInvoice: carriesEInvoice(invoice, bank ? sellerOf(bank) : null),
    };
  });
}

/** The invoice's PDF, with the payment part for what is still due. */
export async function invoicePdf(deps: Deps, actor: TenantActor, invoiceId: string) {
  const { invoice, printing } = await inTenant(deps.db, actor.tenantId, async (tx) => {
    const invoice = await visibleInvoice(tx, actor, invoiceId);
    return { invoice, printing: await printingOf(tx, actor.tenantId, invoice) };
  });
  return { invoice, pdf: await renderInvoicePdf(invoice, printing.lines, printing.payment, printing.creditor, printing.seller) };
}

export interface Printing {
  lines: InvoiceLine[];
  payment: (PaymentInstructions & { language: Language }) | null;
  creditor: string;
  /** The manager as an e-invoice names the seller (null without bank details). */
  seller: Seller | null;
}

/** The manager as an e-invoice's seller: the bank account's holder, address and VAT ID. */
const sellerOf = (bank: TenantBankAccount): Seller => ({
  name: bank.creditor_name, street: bank.street, postalCode: bank.postal_code, city: bank.city, country: bank.country, vatId: bank.vat_id, iban: bank.iban, bic: bank.bic,
});

/** What printing an invoice needs besides the invoice: its lines, the payment details for what is due, the creditor's name. */
export async function printingOf(tx: Tx, tenantId: string, invoice: PrintedInvoice): Promise<Printing> {
  return (await printingsOf(tx, tenantId, [invoice]))[0]!;
}

/** printingOf for several invoices, in a few statements for all of them; in the order given. */
export async function printingsOf(tx: Tx, tenantId: string, invoices: PrintedInvoice[]): Promise<Printing[]> {
  if (invoices.length === 0) return [];
  const lines = await repo.linesOfInvoices(tx, tenantId, invoices.map((invoice) => invoice.id));
  const context = await repo.billingContext(tx, tenantId);
  const creditor = await repo.tenantName(tx, tenantId);
  const bank = context.hasBankAccount ? await findBankAccount(tx, tenantId) : undefined;
  const seller = bank ? sellerOf(bank) : null;
  // Without bank details an invoice still prints, without its payment part; so does one with nothing due.
  const payable = context.hasBankAccount ? invoices.filter((invoice) => amountDue(invoice) > 0) : [];
  const instructions = await instructionsForMany(tx, tenantId, payable.map((invoice) => {
    const refs = invoiceReferences(context.shortCode, invoice.year, invoice.sequence);
    return { personId: invoice.person_id, request: { references: { rf: refs.rf, qr: invoice.reference === refs.qr ? refs.qr : null }, amountMinor: amountDue(invoice) } };
  }));
  const payments = new Map(payable.map((invoice, i) => [invoice.id, { ...instructions[i]!, language: invoice.language }]));
  return invoices.map((invoice) => ({ lines: lines.get(invoice.id) ?? [], payment: payments.get(invoice.id) ?? null, creditor, seller }));
}

/** The resident pays what is due on one of their invoices from the wallet balance. */
export function payOwnInvoice(deps: Deps, actor: TenantActor, invoiceId: string) {
  const personId = ownPerson(actor);
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    await payInvoiceFromWallet(tx, actor.tenantId, invoiceId, personId, deps.clock.now());
    return (await repo.findInvoice(tx, actor.tenantId, invoiceId))!;
  });
}

/** A manager's administrator corrects an invoice: a credit note for all of it. */
export function creditInvoiceAsStaff(deps: Deps, actor: TenantActor, invoiceId: string, reason: string) {
  authorize(invoicePolicy.credit(actor));
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    await visibleInvoice(tx, actor, invoiceId);
    return creditInvoice(tx, actor, { invoiceId, reason, now: deps.clock.now() });
  });
}
