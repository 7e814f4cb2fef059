// The invoices' queries. Every function takes the tenant; row-level security holds it too.
import { sql } from 'kysely';
import type { Tx } from '../../db/scope.ts';
import type { ApplianceKind, Currency, InvoiceBuyer, InvoiceKind, InvoicePaymentVia, InvoiceUnit, Language, Metering, OperatingMode } from '../../db/schema.ts';

export interface BillingContext {
  shortCode: string;
  country: string;
  currency: Currency;
  operatingMode: OperatingMode;
  hasBankAccount: boolean;
  hasQrIban: boolean;
  pricesIncludeVat: boolean;
  dueDays: number;
}

export async function billingContext(tx: Tx, tenantId: string): Promise<BillingContext> {
  const row = await tx.selectFrom('tenants')
    .leftJoin('tenant_bank_accounts as bank', 'bank.tenant_id', 'tenants.id')
    .leftJoin('tenant_settings as settings', 'settings.tenant_id', 'tenants.id')
    .select(['tenants.short_code', 'tenants.country', 'tenants.currency', 'tenants.operating_mode', 'bank.iban', 'bank.qr_iban', 'settings.prices_include_vat', 'settings.invoice_due_days'])
    .where('tenants.id', '=', tenantId).executeTakeFirstOrThrow();
  return {
    shortCode: row.short_code, country: row.country, currency: row.currency, operatingMode: row.operating_mode, hasBankAccount: row.iban !== null, hasQrIban: row.qr_iban !== null,
    pricesIncludeVat: row.prices_include_vat ?? true, dueDays: row.invoice_due_days ?? 30,
  };
}

/** The instant a period (YYYY-MM) ends: midnight at the start of the next month, in `timeZone`. */
export async function periodEnd(tx: Tx, period: string, timeZone: string): Promise<Date> {
  const row = await sql<{ ends_at: Date }>`SELECT ((${`${period}-01`}::date + interval '1 month')::timestamp AT TIME ZONE ${timeZone}) AS ends_at`.execute(tx);
  return row.rows[0]!.ends_at;
}

/** The tenant's run of a period, opened if there is none. */
export async function openRun(tx: Tx, tenantId: string, period: string, endsAt: Date) {
  await tx.insertInto('invoice_runs').values({ tenant_id: tenantId, period, ends_at: endsAt })
    .onConflict((oc) => oc.columns(['tenant_id', 'period']).doNothing()).execute();
  return tx.selectFrom('invoice_runs').selectAll().where('tenant_id', '=', tenantId).where('period', '=', period).executeTakeFirstOrThrow();
}

/** Closes a run with what it issued (counted from the invoices, so two runs at once agree). */
export async function finishRun(tx: Tx, tenantId: string, runId: string, now: Date) {
  return tx.updateTable('invoice_runs')
    .set({
      status: 'finished', finished_at: now,
      invoices: sql<number>`(SELECT count(*) FROM invoices WHERE tenant_id = ${tenantId} AND run_id = ${runId})`,
      gross_minor: sql<number>`(SELECT coalesce(sum(gross_minor), 0) FROM invoices WHERE tenant_id = ${tenantId} AND run_id = ${runId})`,
    })
    .where('tenant_id', '=', tenantId).where('id', '=', runId)
    .returningAll().executeTakeFirstOrThrow();
}

const toInvoice = (tx: Tx, tenantId: string, endsAt: Date) => tx.selectFrom('usage_sessions')
  .where('usage_sessions.tenant_id', '=', tenantId).where('usage_sessions.billing', '=', 'postpaid').where('usage_sessions.status', '=', 'completed')
  .where('usage_sessions.invoice_id', 'is', null).where('usage_sessions.stopped_at', '<', endsAt).where('usage_sessions.amount_minor', '>', 0)
  .where('usage_sessions.person_id', 'is not', null);

/** Everyone with postpaid consumption ended before `endsAt` and not invoiced yet, in customer-number order. */
export async function peopleToInvoice(tx: Tx, tenantId: string, endsAt: Date): Promise<string[]> {
  const rows = await tx.selectFrom('people').select('people.id').where('people.tenant_id', '=', tenantId)
    .where((eb) => eb.exists(toInvoice(tx, tenantId, endsAt).select(sql`1`.as('one')).where('usage_sessions.person_id', '=', sql<string>`people.id`)))
    .orderBy(sql`length(people.customer_number)`).orderBy('people.customer_number').execute();
  return rows.map((r) => r.id);
}

export interface SessionToInvoice {
  id: string;
  person_id: string;
  metering: Metering;
  quantity: number;
  amount_minor: number;
  vat_rate_bp: number;
  currency: Currency;
  started_at: Date;
  stopped_at: Date;
  appliance_kind: ApplianceKind;
  site_name: string;
}

/**
 * The sessions to invoice of several people, locked, by person: a second run at the same time
 * waits here, then finds them invoiced (the lock re-reads `invoice_id`) and issues nothing.
 * Every run locks in the same order (person, then session), so two runs never deadlock.
 */
export async function lockSessionsToInvoice(tx: Tx, tenantId: string, personIds: string[], endsAt: Date): Promise<Map<string, SessionToInvoice[]>> {
  const rows = await toInvoice(tx, tenantId, endsAt).where('usage_sessions.person_id', 'in', personIds)
    .innerJoin('appliances as a', (j) => j.onRef('a.tenant_id', '=', 'usage_sessions.tenant_id').onRef('a.id', '=', 'usage_sessions.appliance_id'))
    .innerJoin('devices as d', (j) => j.onRef('d.tenant_id', '=', 'usage_sessions.tenant_id').onRef('d.id', '=', 'usage_sessions.device_id'))
    .innerJoin('sites as site', (j) => j.onRef('site.tenant_id', '=', 'd.tenant_id').onRef('site.id', '=', 'd.site_id'))
    .select(['usage_sessions.id', 'usage_sessions.metering', 'usage_sessions.vat_rate_bp', 'usage_sessions.currency', 'a.kind as appliance_kind', 'site.name as site_name'])
    .select((eb) => [
      sql<string>`usage_sessions.person_id`.as('person_id'),
      eb.fn.coalesce('usage_sessions.quantity', sql<number>`0`).as('quantity'),
      sql<number>`usage_sessions.amount_minor`.as('amount_minor'),
      sql<Date>`coalesce(usage_sessions.started_at, usage_sessions.created_at)`.as('started_at'),
      sql<Date>`usage_sessions.stopped_at`.as('stopped_at'),
    ])
    .orderBy('usage_sessions.person_id').orderBy('usage_sessions.stopped_at').orderBy('usage_sessions.id')
    .forUpdate('usage_sessions')
    .execute();
  const byPerson = new Map<string, SessionToInvoice[]>();
  for (const row of rows) {
    const sessions = byPerson.get(row.person_id);
    if (sessions) sessions.push(row);
    else byPerson.set(row.person_id, [row]);
  }
  return byPerson;
}

export interface Buyer { buyer: InvoiceBuyer; language: Language }

/**
 * The buyers as printed, by person: name, customer number, a business customer's company and VAT
 * ID, language and the address of their current home, if any (a flat before a parking space, then
 * the latest moved into).
 */
export async function buyersOf(tx: Tx, tenantId: string, personIds: string[], today: string): Promise<Map<string, Buyer>> {
  const people = await tx.selectFrom('people').select(['id', 'first_name', 'last_name', 'customer_number', 'language', 'company_name', 'vat_id'])
    .where('tenant_id', '=', tenantId).where('id', 'in', personIds).execute();
  const homes = await tx.selectFrom('occupancies as o')
    .innerJoin('units as u', (j) => j.onRef('u.tenant_id', '=', 'o.tenant_id').onRef('u.id', '=', 'o.unit_id'))
    .innerJoin('sites as s', (j) => j.onRef('s.tenant_id', '=', 'u.tenant_id').onRef('s.id', '=', 'u.site_id'))
    .distinctOn('o.person_id')
    .select(['o.person_id', 's.street', 's.postal_code', 's.city', 's.country', 'u.label'])
    .where('o.tenant_id', '=', tenantId).where('o.person_id', 'in', personIds)
    .where('o.starts_on', '<=', today).where((eb) => eb.or([eb('o.ends_on', 'is', null), eb('o.ends_on', '>=', today)]))
    .orderBy('o.person_id').orderBy(sql`u.kind = 'flat'`, 'desc').orderBy('o.starts_on', 'desc')
    .execute();
  const homeOf = new Map(homes.map((home) => [home.person_id, home]));
  return new Map(people.map((person) => {
    const home = homeOf.get(person.id);
    return [person.id, {
      language: person.language,
      buyer: {
        name: `${person.first_name} ${person.last_name}`, customerNumber: person.customer_number, company: person.company_name, vatId: person.vat_id,
        address: home ? { street: home.street, postalCode: home.postal_code, city: home.city, country: home.country, unit: home.label } : null,
      },
    }];
  }));
}

export interface NewInvoice {
  tenantId: string;
  id: string;
  kind: InvoiceKind;
  year: number;
  sequence: number;
  number: string;
  personId: string;
  runId: string | null;
  correctsId: string | null;
  reason: string | null;
  buyer: InvoiceBuyer;
  language: Language;
  currency: Currency;
  pricesIncludeVat: boolean;
  netMinor: number;
  vatMinor: number;
  grossMinor: number;
  reference: string;
  issuedAt: Date;
  dueOn: string;
  transferId: string;
}

export interface NewLine {
  lineNo: number;
  description: string;
  quantity: string;
  unit: InvoiceUnit;
  netMinor: number;
  vatRateBp: number;
  vatMinor: number;
  grossMinor: number;
  sessionId: string | null;
}

export function insertInvoice(tx: Tx, invoice: NewInvoice, lines: NewLine[]): Promise<void> {
  return insertInvoices(tx, [{ invoice, lines }]);
}

/** Several invoices with their lines, in two statements. */
export async function insertInvoices(tx: Tx, invoices: { invoice: NewInvoice; lines: NewLine[] }[]): Promise<void> {
  if (invoices.length === 0) return;
  await tx.insertInto('invoices').values(invoices.map(({ invoice }) => ({
    tenant_id: invoice.tenantId, id: invoice.id, kind: invoice.kind, year: invoice.year, sequence: invoice.sequence, number: invoice.number,
    person_id: invoice.personId, run_id: invoice.runId, corrects_id: invoice.correctsId, reason: invoice.reason, buyer: JSON.stringify(invoice.buyer), language: invoice.language,
    currency: invoice.currency, prices_include_vat: invoice.pricesIncludeVat, net_minor: invoice.netMinor, vat_minor: invoice.vatMinor,
    gross_minor: invoice.grossMinor, reference: invoice.reference, issued_at: invoice.issuedAt, due_on: invoice.dueOn, transfer_id: invoice.transferId,
  }))).execute();
  const lines = invoices.flatMap(({ invoice, lines }) => lines.map((l) => ({
    tenant_id: invoice.tenantId, invoice_id: invoice.id, line_no: l.lineNo, description: l.description, quantity: l.quantity, unit: l.unit,
    net_minor: l.netMinor, vat_rate_bp: l.vatRateBp, vat_minor: l.vatMinor, gross_minor: l.grossMinor, session_id: l.sessionId,
  })));
  if (lines.length > 0) await tx.insertInto('invoice_lines').values(lines).execute();
}

/** Marks the sessions that the lines of these invoices charge as invoiced by them. */
export async function markInvoiced(tx: Tx, tenantId: string, invoiceIds: string[]): Promise<void> {
  await tx.updateTable('usage_sessions').from('invoice_lines as l')
    .set({ invoice_id: sql<string>`l.invoice_id` })
    .where('l.tenant_id', '=', tenantId).where('l.invoice_id', 'in', invoiceIds)
    .where('usage_sessions.tenant_id', '=', tenantId).whereRef('usage_sessions.id', '=', 'l.session_id')
    .execute();
}

const invoiceColumns = ['id', 'kind', 'year', 'sequence', 'number', 'person_id', 'run_id', 'corrects_id', 'reason', 'buyer', 'language', 'currency',
  'prices_include_vat', 'net_minor', 'vat_minor', 'gross_minor', 'reference', 'issued_at', 'transfer_id', 'paid_minor', 'status', 'delivery', 'delivered_at',
  'reminder_level', 'reminder_fees_minor'] as const;

export function findInvoice(tx: Tx, tenantId: string, invoiceId: string) {
  return tx.selectFrom('invoices').select(invoiceColumns).select(sql<string>`due_on::text`.as('due_on'))
    .where('tenant_id', '=', tenantId).where('id', '=', invoiceId).executeTakeFirst();
}

export function invoicesOfRun(tx: Tx, tenantId: string, runId: string) {
  return tx.selectFrom('invoices').select(invoiceColumns).select(sql<string>`due_on::text`.as('due_on'))
    .where('tenant_id', '=', tenantId).where('run_id', '=', runId).orderBy('sequence').execute();
}

export function linesOf(tx: Tx, tenantId: string, invoiceId: string) {
  return tx.selectFrom('invoice_lines').selectAll().where('tenant_id', '=', tenantId).where('invoice_id', '=', invoiceId).orderBy('line_no').execute();
}

/** The lines of several invoices, by invoice, in line order. */
export async function linesOfInvoices(tx: Tx, tenantId: string, invoiceIds: string[]) {
  const rows = await tx.selectFrom('invoice_lines').selectAll().where('tenant_id', '=', tenantId).where('invoice_id', 'in', invoiceIds)
    .orderBy('invoice_id').orderBy('line_no').execute();
  const byInvoice = new Map<string, typeof rows>();
  for (const row of rows) {
    const lines = byInvoice.get(row.invoice_id);
    if (lines) lines.push(row);
    else byInvoice.set(row.invoice_id, [row]);
  }
  return byInvoice;
}

/** The other half of a correction: the invoice a credit note corrects, or an invoice's credit note. */
export function correctionOf(tx: Tx, tenantId: string, invoice: { id: string; corrects_id: string | null }) {
  const query = tx.selectFrom('invoices').select(['id', 'number']).where('tenant_id', '=', tenantId);
  return (invoice.corrects_id ? query.where('id', '=', invoice.corrects_id) : query.where('corrects_id', '=', invoice.id)).executeTakeFirst();
}

export interface InvoiceFilter {
  personId?: string;
  status?: 'open' | 'paid' | 'credited';
  runId?: string;
  /** Issued at or after. */
  since?: Date;
  /** Issued before. */
  before?: Date;
}

/** Invoices with their buyer's current name, newest first. */
export function listInvoices(tx: Tx, tenantId: string, filter: InvoiceFilter, limit: number) {
  let query = tx.selectFrom('invoices').select(invoiceColumns).select(sql<string>`due_on::text`.as('due_on'))
    .where('tenant_id', '=', tenantId);
  if (filter.personId) query = query.where('person_id', '=', filter.personId);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.runId) query = query.where('run_id', '=', filter.runId);
  if (filter.since) query = query.where('issued_at', '>=', filter.since);
  if (filter.before) query = query.where('issued_at', '<', filter.before);
  return query.orderBy('issued_at', 'desc').orderBy('sequence', 'desc').limit(limit).execute();
}

/** Who receives the tenant's money, for an invoice without bank details. */
export async function tenantName(tx: Tx, tenantId: string): Promise<string> {
  return (await tx.selectFrom('tenants').select('name').where('id', '=', tenantId).executeTakeFirstOrThrow()).name;
}

/** The invoice a payment reference names (as stored: RF or QR, without spaces). */
export function invoiceByReference(tx: Tx, tenantId: string, reference: string) {
  return tx.selectFrom('invoices').select(['id', 'person_id']).where('tenant_id', '=', tenantId)
    .where('reference', '=', reference.replace(/\s+/g, '').toUpperCase()).where('kind', '=', 'invoice').executeTakeFirst();
}

/** The invoice, locked until the payment's transaction ends (two payments at once add up, in turn). */
export function lockInvoice(tx: Tx, tenantId: string, invoiceId: string) {
  return tx.selectFrom('invoices').select(['id', 'kind', 'number', 'reference', 'person_id', 'gross_minor', 'paid_minor', 'status', 'reminder_level', 'reminder_fees_minor'])
    .select(sql<string>`due_on::text`.as('due_on'))
    .where('tenant_id', '=', tenantId).where('id', '=', invoiceId).forUpdate().executeTakeFirst();
}

export async function setPaid(tx: Tx, tenantId: string, invoiceId: string, paidMinor: number, status: 'open' | 'paid' | 'credited'): Promise<void> {
  await tx.updateTable('invoices').set({ paid_minor: paidMinor, status }).where('tenant_id', '=', tenantId).where('id', '=', invoiceId).execute();
}

/** A run's invoices still to be delivered, in number order. */
export function undelivered(tx: Tx, tenantId: string, runId: string) {
  return tx.selectFrom('invoices').select(invoiceColumns).select(sql<string>`due_on::text`.as('due_on'))
    .where('tenant_id', '=', tenantId).where('run_id', '=', runId).where('delivery', '=', 'pending').orderBy('sequence').execute();
}

/** How long a run that took an invoice (or a reminder) to send keeps others from sending it too. */
export const SENDING_LEASE_MS = 15 * 60_000;

/** Takes several invoices for e-mailing at once; the ids taken (not delivered, nor being sent by another run). */
export async function claimDeliveries(tx: Tx, tenantId: string, invoiceIds: string[], now: Date): Promise<Set<string>> {
  const rows = await tx.updateTable('invoices').set({ sending_since: now })
    .where('tenant_id', '=', tenantId).where('id', 'in', invoiceIds).where('delivery', '=', 'pending')
    .where((eb) => eb.or([eb('sending_since', 'is', null), eb('sending_since', '<', new Date(now.getTime() - SENDING_LEASE_MS))]))
    .returning('id').execute();
  return new Set(rows.map((row) => row.id));
}

/** Marks several invoices delivered: e-mailed, or (without an e-mail address) to be posted. */
export async function markAllDelivered(tx: Tx, tenantId: string, invoiceIds: string[], delivery: 'emailed' | 'none', at: Date): Promise<void> {
  if (invoiceIds.length === 0) return;
  await tx.updateTable('invoices').set({ delivery, delivered_at: at }).where('tenant_id', '=', tenantId).where('id', 'in', invoiceIds).execute();
}

/** The e-mail addresses of several people, by person (null: none). */
export async function emailsOf(tx: Tx, tenantId: string, personIds: string[]): Promise<Map<string, string | null>> {
  const rows = await tx.selectFrom('people').select(['id', 'email']).where('tenant_id', '=', tenantId).where('id', 'in', personIds).execute();
  return new Map(rows.map((row) => [row.id, row.email]));
}

export async function emailOf(tx: Tx, tenantId: string, personId: string): Promise<string | null> {
  const row = await tx.selectFrom('people').select('email').where('tenant_id', '=', tenantId).where('id', '=', personId).executeTakeFirstOrThrow();
  return row.email;
}

export async function insertPayment(tx: Tx, tenantId: string, payment: { invoiceId: string; transferId: string; via: InvoicePaymentVia; amountMinor: number; paidAt: Date }): Promise<void> {
  await tx.insertInto('invoice_payments').values({
    tenant_id: tenantId, invoice_id: payment.invoiceId, transfer_id: payment.transferId, via: payment.via, amount_minor: payment.amountMinor, paid_at: payment.paidAt,
  }).execute();
}

/** A person's payments on invoices since `since`, newest first, with the invoice each paid. */
export function paymentsOf(tx: Tx, tenantId: string, personId: string, since: Date) {
  return tx.selectFrom('invoice_payments as p')
    .innerJoin('invoices as i', (j) => j.onRef('i.tenant_id', '=', 'p.tenant_id').onRef('i.id', '=', 'p.invoice_id'))
    .select(['p.transfer_id', 'p.via', 'p.amount_minor', 'p.paid_at', 'i.id as invoice_id', 'i.number', 'i.currency'])
    .where('p.tenant_id', '=', tenantId).where('i.person_id', '=', personId).where('p.paid_at', '>=', since)
    .orderBy('p.paid_at', 'desc').orderBy('p.transfer_id').limit(500).execute();
}
export type PaymentRow = Awaited<ReturnType<typeof paymentsOf>>[number];
