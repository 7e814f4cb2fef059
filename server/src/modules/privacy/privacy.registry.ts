// Which tables hold a person's data, and how that person's rows are found. The export reads
// exactly these; the completeness test (privacy.registry.test.ts) fails when a table gains a
// personal column that is neither exported here nor excluded with a reason. docs/PRIVACY.md
// explains each table to people.
import { sql, type RawBuilder } from 'kysely';

/** Whose data: one login, and in one tenant the person its membership stands for. */
export interface Subject {
  userId: string;
  tenantId: string;
  /** null for staff, technicians and lock owners without a person record. */
  personId: string | null;
}

export interface ExportedTable {
  table: string;
  /** platform tables have no tenant_id; tenant tables are read inside the subject's tenant. */
  scope: 'platform' | 'tenant';
  /** The WHERE condition selecting the subject's rows (tenant tables: besides tenant_id). */
  rows(subject: Subject): RawBuilder<boolean>;
}

export interface ExcludedTable {
  table: string;
  /** The personal columns this reason covers. */
  columns: string[];
  reason: string;
}

/**
 * A column is personal when its name says it points at or describes a person: a person or user
 * reference, a holder, an e-mail or delivery address, a name of a person or account holder, a
 * phone number, a bank account, a postal address, the network origin of a login.
 */
export const PERSONAL_COLUMN = [
  /(^|_)person_id$/, /(^|_)user_id$/, /^holder_/, /(^|_)email$/, /^recipient$/,
  /^(first|last|display|company|debtor|creditor|holder)_name$/, /^account_holder$/,
  /(^|_)(mobile|landline|phone)$/, /(^|_)iban$/, /(^|_)(street|address)$/, /^buyer$/, /^(ip|user_agent)$/,
];

export const isPersonalColumn = (column: string) => PERSONAL_COLUMN.some((rule) => rule.test(column));

/** Never exported, whatever table they are in: secrets that prove identity or open a door. */
export const SECRET_COLUMNS = ['password_hash', 'totp_secret', 'token_hash', 'code_hash', 'secret_hash', 'pin_hash', 'csrf_token'];

const person = (s: Subject) => s.personId ?? '00000000-0000-0000-0000-000000000000';
const byPerson = (s: Subject) => sql<boolean>`person_id = ${person(s)}::uuid`;
const byUser = (s: Subject) => sql<boolean>`user_id = ${s.userId}::uuid`;
const ofInvoices = (s: Subject) => sql<boolean>`invoice_id IN (SELECT id FROM invoices WHERE tenant_id = ${s.tenantId}::uuid AND person_id = ${person(s)}::uuid)`;
const ofAccounts = (s: Subject) => sql`(SELECT id FROM ledger_accounts WHERE tenant_id = ${s.tenantId}::uuid AND person_id = ${person(s)}::uuid)`;
const ticketsOf = (s: Subject) => sql`(SELECT id FROM tickets WHERE tenant_id = ${s.tenantId}::uuid AND (person_id = ${person(s)}::uuid OR created_by = ${s.userId}::uuid))`;
/** Meters of the units the person lives in, read while they lived there (the portal shows them). */
const occupiedMeters = (s: Subject, readAt: RawBuilder<unknown> | null) => sql<boolean>`meter_id IN (
  SELECT m.id FROM meters m JOIN occupancies o ON o.tenant_id = m.tenant_id AND o.unit_id = m.unit_id
  WHERE m.tenant_id = ${s.tenantId}::uuid AND o.person_id = ${person(s)}::uuid
  ${readAt ? sql`AND ${readAt} >= o.starts_on AND (o.ends_on IS NULL OR ${readAt} < o.ends_on + 1)` : sql``})`;

export const EXPORTED: ExportedTable[] = [
  { table: 'users', scope: 'platform', rows: (s) => sql<boolean>`id = ${s.userId}::uuid` },
  { table: 'sessions', scope: 'platform', rows: byUser },
  { table: 'login_events', scope: 'platform', rows: byUser },
  { table: 'prepaid_code_attempts', scope: 'platform', rows: byUser },
  { table: 'memberships', scope: 'tenant', rows: byUser },
  { table: 'technician_sites', scope: 'tenant', rows: byUser },
  { table: 'pseudonymised_access', scope: 'tenant', rows: byUser },
  { table: 'notifications', scope: 'tenant', rows: byUser },
  { table: 'notification_preferences', scope: 'tenant', rows: byUser },
  { table: 'alarm_rules', scope: 'tenant', rows: (s) => sql<boolean>`created_by = ${s.userId}::uuid` },
  { table: 'alarm_subscriptions', scope: 'tenant', rows: byUser },
  { table: 'alarms', scope: 'tenant', rows: (s) => sql<boolean>`rule_id IN (SELECT id FROM alarm_rules WHERE tenant_id = ${s.tenantId}::uuid AND created_by = ${s.userId}::uuid)` },
  { table: 'people', scope: 'tenant', rows: (s) => sql<boolean>`id = ${person(s)}::uuid` },
  { table: 'occupancies', scope: 'tenant', rows: byPerson },
  { table: 'parties', scope: 'tenant', rows: byPerson },
  { table: 'invitations', scope: 'tenant', rows: byPerson },
  { table: 'access_requests', scope: 'tenant', rows: byPerson },
  { table: 'credentials', scope: 'tenant', rows: byPerson },
  { table: 'credential_events', scope: 'tenant', rows: (s) => sql<boolean>`credential_id IN (SELECT id FROM credentials WHERE tenant_id = ${s.tenantId}::uuid AND person_id = ${person(s)}::uuid)` },
  { table: 'badge_requests', scope: 'tenant', rows: byPerson },
  { table: 'lock_keys', scope: 'tenant', rows: byPerson },
  { table: 'ledger_accounts', scope: 'tenant', rows: byPerson },
  { table: 'ledger_transfers', scope: 'tenant', rows: (s) => sql<boolean>`(debit_account_id IN ${ofAccounts(s)} OR credit_account_id IN ${ofAccounts(s)})` },
  { table: 'wallet_transfer_requests', scope: 'tenant', rows: (s) => sql<boolean>`(from_person_id = ${person(s)}::uuid OR to_person_id = ${person(s)}::uuid)` },
  { table: 'card_payments', scope: 'tenant', rows: byPerson },
  { table: 'bank_entries', scope: 'tenant', rows: byPerson },
  { table: 'fees', scope: 'tenant', rows: byPerson },
  { table: 'refund_requests', scope: 'tenant', rows: byPerson },
  { table: 'usage_sessions', scope: 'tenant', rows: byPerson },
  { table: 'reservations', scope: 'tenant', rows: byPerson },
  { table: 'invoices', scope: 'tenant', rows: byPerson },
  { table: 'invoice_lines', scope: 'tenant', rows: ofInvoices },
  { table: 'invoice_payments', scope: 'tenant', rows: ofInvoices },
  { table: 'invoice_reminders', scope: 'tenant', rows: ofInvoices },
  { table: 'meters', scope: 'tenant', rows: (s) => sql<boolean>`unit_id IN (SELECT unit_id FROM occupancies WHERE tenant_id = ${s.tenantId}::uuid AND person_id = ${person(s)}::uuid)` },
  { table: 'meter_readings', scope: 'tenant', rows: (s) => occupiedMeters(s, sql`read_at`) },
  { table: 'tickets', scope: 'tenant', rows: (s) => sql<boolean>`id IN ${ticketsOf(s)}` },
  // Staff's internal notes are the office's working notes, not shown to the resident in the portal either.
  { table: 'ticket_events', scope: 'tenant', rows: (s) => sql<boolean>`ticket_id IN ${ticketsOf(s)} AND NOT internal` },
  { table: 'ticket_attachments', scope: 'tenant', rows: (s) => sql<boolean>`ticket_id IN ${ticketsOf(s)}` },
];

/** Columns left out of the archive although not secret: too large for JSON and CSV. */
export const OMITTED_COLUMNS: Record<string, string[]> = { ticket_attachments: ['content'] };

export const EXCLUDED: ExcludedTable[] = [
  { table: 'recovery_codes', columns: ['user_id'], reason: 'Only hashes of the second-factor recovery codes: secrets, not information about the person. Deleted on erasure.' },
  { table: 'user_tokens', columns: ['user_id'], reason: 'Only hashes of e-mailed single-use links: secrets. Deleted on erasure.' },
  { table: 'mail_outbox', columns: ['recipient'], reason: 'The log of mails sent, the final deletion confirmation included; purged after MAIL_OUTBOX_RETENTION_DAYS.' },
  { table: 'audit_events', columns: ['actor_user_id'], reason: "The manager's record of who changed what, kept for accountability; on erasure the actor's label becomes the pseudonym and the person's before/after values are cleared." },
  { table: 'sites', columns: ['street'], reason: "A building's address, not a person's." },
  { table: 'tenant_bank_accounts', columns: ['iban', 'qr_iban', 'creditor_name', 'street'], reason: "The property manager's own bank account (a business), printed on its invoices." },
  { table: 'settlement_contracts', columns: ['account_holder', 'iban'], reason: "The property manager's payout account (a business)." },
  { table: 'site_payout_accounts', columns: ['account_holder', 'iban'], reason: "The payout account of a site's owner (a business)." },
  { table: 'settlement_lines', columns: ['account_holder', 'iban'], reason: "Copies of the owners' payout accounts on settlements (a business)." },
];

/** Every table the registry speaks for; the docs test checks each one appears in docs/PRIVACY.md. */
export const REGISTERED_TABLES = [...EXPORTED.map((t) => t.table), ...EXCLUDED.map((t) => t.table)];
