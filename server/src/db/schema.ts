// Kysely's view of the tables. Keep in step with the migrations.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

type CreatedAt = ColumnType<Date, Date | undefined, never>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type BigId = ColumnType<number, never, never>;
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type Language = 'de' | 'fr' | 'nl' | 'pl' | 'en';
export type Currency = 'EUR' | 'CHF' | 'PLN';
export type OperatingMode = 'platform_billing' | 'owner_statements';
export type TenantRole = 'manager_admin' | 'manager_staff' | 'resident' | 'technician' | 'lock_owner';
export type UnitKind = 'flat' | 'parking_space' | 'laundry_room' | 'garage';

export interface TenantsTable {
  id: Generated<string>;
  name: string;
  short_code: string;
  country: string;
  currency: Currency;
  default_language: Language;
  operating_mode: OperatingMode;
  created_at: CreatedAt;
}

export interface TenantCountersTable {
  tenant_id: string;
  name: string;
  value: Generated<number>;
}

export interface SitesTable {
  tenant_id: string;
  id: Generated<string>;
  name: string;
  street: string;
  postal_code: string;
  city: string;
  country: string;
  accounting_unit: string | null;
  charging_billing: Generated<ChargingBilling>;
  /** The languages its printed instructions come in (migration 0033); the tenant's default when left out. */
  languages: ColumnType<Language[], Language[] | undefined, Language[]>;
  created_at: CreatedAt;
}

export interface UnitsTable {
  tenant_id: string;
  id: Generated<string>;
  site_id: string;
  kind: UnitKind;
  label: string;
  floor: string | null;
  created_at: CreatedAt;
}

export interface PeopleTable {
  tenant_id: string;
  id: Generated<string>;
  customer_number: string;
  first_name: string;
  last_name: string;
  email: string | null;
  landline: string | null;
  mobile: string | null;
  language: Language;
  /** A business customer's company (migration 0020); null for a private person. */
  company_name: ColumnType<string | null, string | null | undefined, string | null>;
  /** The business customer's VAT identification number, e.g. ATU12345678. */
  vat_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** Opened by a badge's first tap at a terminal; waits for a resident to claim the badge. */
  auto_registered: Generated<boolean>;
  created_at: CreatedAt;
  /** Erased on request (migration 0032): pseudonymised, bookkeeping kept until retain_until. */
  erased_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** A date column: pg and PGlite read it back as a Date or a string. */
  retain_until: ColumnType<Date | string | null, string | null | undefined, string | null>;
}

export interface OccupanciesTable {
  tenant_id: string;
  id: Generated<string>;
  unit_id: string;
  person_id: string;
  relation: Generated<'tenant' | 'owner' | 'holder'>;
  starts_on: ColumnType<string, string, string>;
  ends_on: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
}

export interface PartiesTable {
  tenant_id: string;
  id: Generated<string>;
  kind: 'organisation' | 'lock_owner';
  name: string;
  person_id: string | null;
  email: string | null;
  building_management_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  organisation_management_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: CreatedAt;
}

export interface UsersTable {
  id: Generated<string>;
  email: string;
  password_hash: string | null;
  display_name: string;
  language: Generated<Language>;
  platform_role: 'operator_admin' | null;
  landline: string | null;
  mobile: string | null;
  totp_secret: string | null;
  totp_enabled_at: Timestamp | null;
  /** Last accepted TOTP time step (migration 0002); a code is never accepted twice. */
  totp_last_step: ColumnType<number | null, number | null | undefined, number | null>;
  disabled_at: Timestamp | null;
  created_at: CreatedAt;
  /** Erased on request (migration 0032); the e-mail is then a placeholder under .invalid. */
  erased_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface MembershipsTable {
  tenant_id: string;
  user_id: string;
  role: TenantRole;
  person_id: string | null;
  /** The party a lock owner acts for (migration 0029); set exactly for the role lock_owner. */
  party_id: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
}

export interface TechnicianSitesTable {
  tenant_id: string;
  user_id: string;
  site_id: string;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  tenant_id: string | null;
  csrf_token: string;
  second_factor_pending: Generated<boolean>;
  ip: string | null;
  user_agent: string | null;
  created_at: CreatedAt;
  last_seen_at: DefaultTimestamp;
  expires_at: Timestamp;
}

export type LoginOutcome = 'success' | 'wrong_password' | 'unknown_email' | 'locked' | 'second_factor_failed' | 'second_factor_success';

export interface LoginEventsTable {
  id: BigId;
  user_id: string | null;
  email: string;
  outcome: LoginOutcome;
  ip: string | null;
  user_agent: string | null;
  at: DefaultTimestamp;
}

export interface RecoveryCodesTable {
  user_id: string;
  code_hash: string;
  used_at: Timestamp | null;
}

export interface UserTokensTable {
  id: string;
  user_id: string;
  purpose: 'password_reset' | 'email_change' | 'account_deletion';
  payload: ColumnType<Record<string, unknown>, string | undefined, string>;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface InvitationsTable {
  tenant_id: string;
  id: Generated<string>;
  email: string;
  role: TenantRole;
  person_id: string | null;
  party_id: ColumnType<string | null, string | null | undefined, string | null>;
  token_hash: string;
  invited_by: string;
  expires_at: Timestamp;
  accepted_at: Timestamp | null;
  revoked_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface AccessRequestsTable {
  tenant_id: string;
  id: Generated<string>;
  person_id: string;
  email: string;
  status: Generated<'pending' | 'approved' | 'declined'>;
  decided_by: string | null;
  decided_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface ApiTokensTable {
  tenant_id: string;
  id: Generated<string>;
  name: string;
  scopes: string[];
  token_hash: string;
  prefix: string;
  created_by: string;
  created_at: CreatedAt;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface AuditEventsTable {
  tenant_id: string;
  id: BigId;
  actor_user_id: string | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before: ColumnType<unknown, string | null, never>;
  after: ColumnType<unknown, string | null, never>;
  at: DefaultTimestamp;
}

export interface MailOutboxTable {
  id: BigId;
  recipient: string;
  subject: string;
  body_text: string;
  body_html: string | null;
  created_at: CreatedAt;
  sent_at: Timestamp | null;
  error: string | null;
  /** Written as JSON text: the attachments' file names and sizes. */
  attachments: ColumnType<{ filename: string; bytes: number }[] | null, string | null, never>;
}

export interface LedgerAccountsTable {
  tenant_id: string;
  id: Generated<string>;
  kind: string;
  currency: Currency;
  person_id: string | null;
  debits_must_not_exceed_credits: boolean;
  debits_pending: Generated<number>;
  debits_posted: Generated<number>;
  credits_pending: Generated<number>;
  credits_posted: Generated<number>;
  created_at: CreatedAt;
}

export interface LedgerTransfersTable {
  tenant_id: string;
  id: string;
  debit_account_id: string;
  credit_account_id: string;
  amount: number;
  currency: Currency;
  code: string;
  kind: string;
  pending_id: string | null;
  expires_at: Date | null;
  offline_debt: boolean;
  reference_type: string;
  reference_id: string;
  note: string | null;
  created_at: Date;
}

export interface WalletTransferRequestsTable {
  tenant_id: string;
  id: string;
  from_person_id: string;
  to_person_id: string;
  amount: number;
  hold_transfer_id: string;
  status: Generated<'pending' | 'accepted' | 'declined' | 'cancelled'>;
  created_at: CreatedAt;
  decided_at: Date | null;
}

export interface Database {
  tenants: TenantsTable;
  tenant_counters: TenantCountersTable;
  sites: SitesTable;
  units: UnitsTable;
  people: PeopleTable;
  occupancies: OccupanciesTable;
  parties: PartiesTable;
  users: UsersTable;
  memberships: MembershipsTable;
  technician_sites: TechnicianSitesTable;
  sessions: SessionsTable;
  login_events: LoginEventsTable;
  recovery_codes: RecoveryCodesTable;
  user_tokens: UserTokensTable;
  invitations: InvitationsTable;
  access_requests: AccessRequestsTable;
  api_tokens: ApiTokensTable;
  audit_events: AuditEventsTable;
  mail_outbox: MailOutboxTable;
  ledger_accounts: LedgerAccountsTable;
  ledger_transfers: LedgerTransfersTable;
  wallet_transfer_requests: WalletTransferRequestsTable;
  tenant_bank_accounts: TenantBankAccountsTable;
  card_payments: CardPaymentsTable;
  tenant_settings: TenantSettingsTable;
  refund_requests: RefundRequestsTable;
  payout_batches: PayoutBatchesTable;
  bank_statements: BankStatementsTable;
  bank_entries: BankEntriesTable;
  fees: FeesTable;
  badge_imports: BadgeImportsTable;
  badge_stock: BadgeStockTable;
  credentials: CredentialsTable;
  credential_events: CredentialEventsTable;
  badge_requests: BadgeRequestsTable;
  credential_list_changes: CredentialListChangesTable;
  devices: DevicesTable;
  appliances: AppliancesTable;
  tariffs: TariffsTable;
  usage_sessions: UsageSessionsTable;
  session_holds: SessionHoldsTable;
  meter_samples: MeterSamplesTable;
  reservations: ReservationsTable;
  device_commands: DeviceCommandsTable;
  invoice_runs: InvoiceRunsTable;
  invoices: InvoicesTable;
  invoice_lines: InvoiceLinesTable;
  invoice_payments: InvoicePaymentsTable;
  invoice_reminders: InvoiceRemindersTable;
  settlement_contracts: SettlementContractsTable;
  site_payout_accounts: SitePayoutAccountsTable;
  settlements: SettlementsTable;
  settlement_lines: SettlementLinesTable;
  meters: MetersTable;
  meter_replacements: MeterReplacementsTable;
  meter_readings: MeterReadingsTable;
  meter_consumption: MeterConsumptionTable;
  meter_hours: MeterHoursTable;
  alarm_rules: AlarmRulesTable;
  alarm_subscriptions: AlarmSubscriptionsTable;
  alarms: AlarmsTable;
  notifications: NotificationsTable;
  notification_preferences: NotificationPreferencesTable;
  pseudonymised_access: PseudonymisedAccessTable;
  unit_pseudonyms: UnitPseudonymsTable;
  lock_hardware: LockHardwareTable;
  locks: LocksTable;
  lock_keys: LockKeysTable;
  lock_events: LockEventsTable;
  prepaid_code_batches: PrepaidCodeBatchesTable;
  prepaid_codes: PrepaidCodesTable;
  prepaid_code_attempts: PrepaidCodeAttemptsTable;
  tickets: TicketsTable;
  ticket_events: TicketEventsTable;
  ticket_attachments: TicketAttachmentsTable;
  ticket_settings: TicketSettingsTable;
}

export type Tenant = Selectable<TenantsTable>;
export type Site = Selectable<SitesTable>;
export type NewSite = Insertable<SitesTable>;
export type SiteUpdate = Updateable<SitesTable>;
export type Unit = Selectable<UnitsTable>;
export type Person = Selectable<PeopleTable>;
export type Occupancy = Selectable<OccupanciesTable>;
export type User = Selectable<UsersTable>;
export type Membership = Selectable<MembershipsTable>;

export interface TenantBankAccountsTable {
  tenant_id: string;
  iban: string;
  qr_iban: string | null;
  bic: string | null;
  creditor_name: string;
  street: string;
  postal_code: string;
  city: string;
  country: string;
  /** The manager's VAT identification number (migration 0020): the seller's on e-invoices. */
  vat_id: ColumnType<string | null, string | null | undefined, string | null>;
  updated_at: DefaultTimestamp;
}
export type TenantBankAccount = Selectable<TenantBankAccountsTable>;

export type CardPaymentStatus = 'created' | 'succeeded' | 'failed' | 'canceled';

export interface CardPaymentsTable {
  tenant_id: string;
  id: string;
  person_id: string;
  amount: number;
  currency: Currency;
  provider_payment_id: string;
  status: ColumnType<CardPaymentStatus, CardPaymentStatus | undefined, CardPaymentStatus>;
  transfer_id: string | null;
  /** The invoice it pays; null for a wallet top-up. */
  invoice_id: string | null;
  created_at: CreatedAt;
  updated_at: DefaultTimestamp;
}
export type CardPayment = Selectable<CardPaymentsTable>;

export interface BankStatementsTable {
  tenant_id: string;
  id: Generated<string>;
  file_name: string;
  file_sha256: string;
  format: string;
  message_id: string;
  imported_by: string | null;
  imported_by_label: string;
  imported_at: DefaultTimestamp;
  credit_count: Generated<number>;
  new_count: Generated<number>;
  matched_count: Generated<number>;
  review_count: Generated<number>;
  duplicate_count: Generated<number>;
  ignored_count: Generated<number>;
}

export type BankEntryStatus = 'matched' | 'review' | 'assigned' | 'returned';

export interface BankEntriesTable {
  tenant_id: string;
  id: Generated<string>;
  statement_id: string;
  entry_key: string;
  amount: number;
  currency: string;
  booked_on: ColumnType<string, string, string>;
  reference: string | null;
  free_text: string | null;
  debtor_name: string | null;
  debtor_iban: string | null;
  status: BankEntryStatus;
  matched_by: 'reference' | 'badge' | 'customer_number' | null;
  review_reason: 'no_match' | 'unknown_customer' | 'currency' | null;
  person_id: string | null;
  transfer_id: string | null;
  return_reason: string | null;
  decided_by: string | null;
  decided_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface TenantSettingsTable {
  tenant_id: string;
  refund_fee_minor: Generated<number>;
  badge_fee_minor: Generated<number>;
  badge_shipping_minor: Generated<number>;
  auto_register_laundry: Generated<boolean>;
  auto_register_charging: Generated<boolean>;
  charging_min_balance_minor: Generated<number>;
  charging_hold_step_minor: Generated<number>;
  fault_action: Generated<'none' | 'notify_staff'>;
  prices_include_vat: Generated<boolean>;
  invoice_due_days: Generated<number>;
  lock_event_retention_days: Generated<number>;
  lock_event_pseudonymise_days: Generated<number>;
  /** Days device command logs are kept (migration 0032). */
  device_log_retention_days: Generated<number>;
  /** jsonb: ReminderLevel[] (days after the due date, fee), written as JSON text. */
  reminder_levels: ColumnType<ReminderLevel[], string | undefined, string>;
  updated_at: DefaultTimestamp;
}

export type RefundStatus = 'requested' | 'approved' | 'rejected' | 'paid' | 'expired';

export interface RefundRequestsTable {
  tenant_id: string;
  id: string;
  person_id: string;
  amount: number;
  fee: number;
  currency: Currency;
  iban: string;
  account_holder: string;
  status: ColumnType<RefundStatus, RefundStatus | undefined, RefundStatus>;
  decided_by: string | null;
  decided_at: Timestamp | null;
  reason: string | null;
  hold_transfer_id: string;
  payout_batch_id: string | null;
  created_at: CreatedAt;
}
export type RefundRequest = Selectable<RefundRequestsTable>;

export interface PayoutBatchesTable {
  tenant_id: string;
  id: Generated<string>;
  currency: Currency;
  created_by: string;
  created_at: CreatedAt;
  message_id: string;
  file_name: string;
  xml: string;
  count: number;
  total: number;
}
export type PayoutBatch = Selectable<PayoutBatchesTable>;

export type FeeStatus = 'open' | 'paid' | 'cancelled';
export interface FeeItem { description: string; amountMinor: number }

export interface FeesTable {
  tenant_id: string;
  id: string;
  number: number;
  person_id: string;
  currency: Currency;
  amount_minor: number;
  /** Written as JSON text, read back as the array. */
  items: ColumnType<FeeItem[], string, string>;
  subject_type: string | null;
  subject_id: string | null;
  reference: string;
  status: ColumnType<FeeStatus, FeeStatus | undefined, FeeStatus>;
  paid_via: 'wallet' | 'bank' | null;
  transfer_id: string | null;
  bank_entry_id: string | null;
  paid_at: Timestamp | null;
  cancelled_at: Timestamp | null;
  cancel_reason: string | null;
  cancelled_by: string | null;
  created_by: string | null;
  created_at: CreatedAt;
}
export type Fee = Selectable<FeesTable>;

export type CredentialType = 'rfid' | 'phone' | 'pin' | 'fob';
export type CredentialStatus = 'ordered' | 'awaiting_fee' | 'active' | 'blocked' | 'lost' | 'returned';
export type CredentialOrigin = 'platform' | 'building' | 'auto';
export type BadgeTechnology = 'mifare_classic';
export type BadgeRequestStatus = 'pending' | 'approved' | 'rejected' | 'cancelled';
/** What a device should answer for a tag (OCPP IdTagInfo.status, as far as lists carry it). */
export type ListedStatus = 'Accepted' | 'Blocked' | 'Expired';

export interface BadgeImportsTable {
  tenant_id: string;
  id: Generated<string>;
  file_name: string;
  badge_count: number;
  imported_by: string | null;
  imported_at: CreatedAt;
  imported_by_label: Generated<string>;
  by_operator: Generated<boolean>;
}

export interface BadgeStockTable {
  tenant_id: string;
  id_tag: string;
  label: string;
  technology: 'mifare_classic';
  import_id: string;
}

export interface CredentialsTable {
  tenant_id: string;
  id: Generated<string>;
  type: CredentialType;
  id_tag: string | null;
  technology: BadgeTechnology | null;
  label: string | null;
  person_id: string;
  status: CredentialStatus;
  origin: CredentialOrigin;
  valid_until: Timestamp | null;
  fee_id: string | null;
  request_id: string | null;
  created_at: DefaultTimestamp;
  status_changed_at: DefaultTimestamp;
}

export interface CredentialEventsTable {
  tenant_id: string;
  id: BigId;
  credential_id: string;
  at: Timestamp;
  actor_user_id: string | null;
  actor: string;
  from_status: CredentialStatus | null;
  to_status: CredentialStatus;
  reason: string | null;
}

export interface BadgeRequestsTable {
  tenant_id: string;
  id: Generated<string>;
  person_id: string;
  kind: 'first' | 'additional' | 'replacement';
  purpose: 'laundry' | 'charging' | 'private_charger';
  parking_space: string | null;
  charger_serial: string | null;
  note: string | null;
  status: ColumnType<BadgeRequestStatus, BadgeRequestStatus | undefined, BadgeRequestStatus>;
  decided_by: string | null;
  decided_at: Timestamp | null;
  reason: string | null;
  credential_id: string | null;
  fee_id: string | null;
  created_at: DefaultTimestamp;
}

export interface CredentialListChangesTable {
  tenant_id: string;
  version: number;
  credential_id: string;
  id_tag: string;
  status: ListedStatus | null;
  expires_at: Timestamp | null;
  at: Timestamp;
}

// ---- devices, tariffs, usage sessions (migration 0014) ----
export type ChargingBilling = 'prepaid' | 'postpaid';
export type DeviceKind = 'laundry_terminal' | 'charger';
export type DeviceRegistration = 'pending' | 'accepted' | 'rejected';
export type ApplianceKind = 'washer' | 'dryer' | 'ironer' | 'ev_connector';
export type Metering = 'energy' | 'time' | 'impulse';
export type SessionStatus = 'preselected' | 'active' | 'completed' | 'refused' | 'cancelled';
export type SessionOrigin = 'device' | 'portal' | 'offline';
export type SessionEndedBy = 'device' | 'user' | 'staff' | 'idle' | 'booked_time' | 'impulse_time' | 'balance' | 'offline';

export interface DevicesTable {
  tenant_id: string;
  id: Generated<string>;
  identity: string;
  kind: DeviceKind;
  site_id: string;
  unit_id: string | null;
  name: string;
  password_hash: string | null;
  registration: Generated<DeviceRegistration>;
  vendor: string | null;
  model: string | null;
  serial_number: string | null;
  firmware_version: string | null;
  iccid: string | null;
  imsi: string | null;
  meter_type: string | null;
  meter_serial_number: string | null;
  firmware_status: string | null;
  diagnostics_status: string | null;
  idle_end_minutes: Generated<number>;
  impulse_end_minutes: Generated<number>;
  heartbeat_seconds: Generated<number>;
  local_list_version: Generated<number>;
  local_list_max_length: number | null;
  last_boot_at: Timestamp | null;
  last_seen_at: Timestamp | null;
  connected_node: string | null;
  connected_at: Timestamp | null;
  created_at: CreatedAt;
}
export type Device = Selectable<DevicesTable>;

export interface AppliancesTable {
  tenant_id: string;
  id: Generated<string>;
  device_id: string;
  connector_id: number;
  kind: ApplianceKind;
  metering: Metering;
  name: string;
  ocpp_status: string | null;
  error_code: string | null;
  vendor_error_code: string | null;
  status_info: string | null;
  status_at: Timestamp | null;
  created_at: CreatedAt;
}
export type Appliance = Selectable<AppliancesTable>;

export interface TariffsTable {
  tenant_id: string;
  id: Generated<string>;
  site_id: string;
  appliance_kind: ApplianceKind;
  metering: Metering;
  unit_price_minor: number;
  session_fee_minor: Generated<number>;
  vat_rate_bp: number;
  currency: Currency;
  valid_from: Timestamp;
  valid_to: Timestamp | null;
  created_at: CreatedAt;
}
export type Tariff = Selectable<TariffsTable>;

export interface UsageSessionsTable {
  tenant_id: string;
  id: Generated<string>;
  device_id: string;
  appliance_id: string;
  connector_id: number;
  transaction_id: number | null;
  id_tag: string;
  credential_id: string | null;
  person_id: string | null;
  status: SessionStatus;
  billing: ChargingBilling;
  origin: Generated<SessionOrigin>;
  tariff_id: string | null;
  metering: Metering;
  unit_price_minor: number;
  session_fee_minor: number;
  vat_rate_bp: number;
  currency: Currency;
  preselect_quantity: number | null;
  held_minor: Generated<number>;
  started_at: Timestamp | null;
  meter_start_wh: number | null;
  last_meter_wh: number | null;
  last_meter_at: Timestamp | null;
  last_draw_at: Timestamp | null;
  stop_requested_at: Timestamp | null;
  stopped_at: Timestamp | null;
  meter_stop_wh: number | null;
  stop_reason: string | null;
  ended_by: SessionEndedBy | null;
  quantity: number | null;
  amount_minor: number | null;
  debt_minor: Generated<number>;
  reservation_id: number | null;
  refusal: string | null;
  invoice_id: string | null;
  created_at: CreatedAt;
}
export type UsageSession = Selectable<UsageSessionsTable>;

export interface SessionHoldsTable {
  tenant_id: string;
  session_id: string;
  hold_id: string;
  amount_minor: number;
  created_at: CreatedAt;
}

export interface MeterSamplesTable {
  tenant_id: string;
  session_id: string;
  sampled_at: Timestamp;
  energy_wh: number | null;
  power_w: number | null;
}

export interface ReservationsTable {
  tenant_id: string;
  id: number;
  device_id: string;
  appliance_id: string;
  connector_id: number;
  person_id: string;
  id_tag: string;
  expires_at: Timestamp;
  status: 'requested' | 'accepted' | 'refused' | 'cancelled' | 'used' | 'expired';
  created_at: CreatedAt;
}

export interface DeviceCommandsTable {
  tenant_id: string;
  id: Generated<string>;
  device_id: string;
  action: string;
  payload: ColumnType<unknown, string, string>;
  status: Generated<'sent' | 'answered' | 'failed' | 'offline'>;
  result: ColumnType<unknown, string | null, string | null>;
  error: string | null;
  requested_by: string | null;
  created_at: CreatedAt;
  answered_at: Timestamp | null;
}

export interface InvoiceRunsTable {
  tenant_id: string;
  id: Generated<string>;
  /** YYYY-MM */
  period: string;
  ends_at: Timestamp;
  status: Generated<'running' | 'finished'>;
  invoices: Generated<number>;
  gross_minor: Generated<number>;
  started_at: DefaultTimestamp;
  finished_at: Timestamp | null;
}
export type InvoiceRun = Selectable<InvoiceRunsTable>;

export type InvoiceKind = 'invoice' | 'credit_note';
export type InvoiceStatus = 'open' | 'paid' | 'credited';

export interface InvoiceBuyer {
  name: string;
  customerNumber: string;
  /** A business customer's company and VAT ID at issue (absent on invoices issued before 0020). */
  company?: string | null;
  vatId?: string | null;
  address: { street: string; postalCode: string; city: string; country: string; unit: string | null } | null;
}

export interface InvoicesTable {
  tenant_id: string;
  id: string;
  kind: InvoiceKind;
  year: number;
  sequence: number;
  number: string;
  person_id: string;
  run_id: string | null;
  corrects_id: string | null;
  reason: string | null;
  /** Written as JSON text, read back as the object. */
  buyer: ColumnType<InvoiceBuyer, string, never>;
  language: Language;
  currency: Currency;
  prices_include_vat: boolean;
  net_minor: number;
  vat_minor: number;
  gross_minor: number;
  reference: string;
  issued_at: Timestamp;
  due_on: ColumnType<string, string, never>;
  transfer_id: string;
  paid_minor: Generated<number>;
  status: Generated<InvoiceStatus>;
  delivery: Generated<'pending' | 'emailed' | 'none'>;
  delivered_at: Timestamp | null;
  /** The highest reminder sent (0: none), and the fees reminders added to what the invoice owes. */
  reminder_level: Generated<number>;
  reminder_fees_minor: Generated<number>;
  /** Taken by a run e-mailing it (a lease), so two runs at once send it once. */
  sending_since: Timestamp | null;
}
export type Invoice = Selectable<InvoicesTable>;

export interface ReminderLevel {
  /** Days after the due date. */
  days: number;
  feeMinor: number;
}

export interface InvoiceRemindersTable {
  tenant_id: string;
  invoice_id: string;
  level: number;
  days: number;
  fee_minor: number;
  transfer_id: string | null;
  reminded_at: Timestamp;
  delivery: Generated<'pending' | 'emailed' | 'none' | 'cancelled'>;
  delivered_at: Timestamp | null;
  sending_since: Timestamp | null;
}

export type InvoiceUnit = 'kWh' | 'min' | 'impulse' | 'piece';

export interface InvoiceLinesTable {
  tenant_id: string;
  invoice_id: string;
  line_no: number;
  description: string;
  /** numeric: arrives as a string. */
  quantity: ColumnType<string, string, never>;
  unit: InvoiceUnit;
  net_minor: number;
  vat_rate_bp: number;
  vat_minor: number;
  gross_minor: number;
  session_id: string | null;
}
export type InvoiceLine = Selectable<InvoiceLinesTable>;

export type InvoicePaymentVia = 'bank_transfer' | 'balance' | 'card';

export interface InvoicePaymentsTable {
  tenant_id: string;
  invoice_id: string;
  transfer_id: string;
  via: InvoicePaymentVia;
  amount_minor: number;
  paid_at: Timestamp;
}

export type SettlementPeriodKind = 'yearly' | 'quarterly' | 'monthly';
export type SettlementSplit = 'combined' | 'per_site';

export interface SettlementContractsTable {
  tenant_id: string;
  period: ColumnType<SettlementPeriodKind, SettlementPeriodKind | undefined, SettlementPeriodKind>;
  portal_fee_minor: ColumnType<number, number | undefined, number>;
  period_surcharge_minor: ColumnType<number, number | undefined, number>;
  pseudonymised_data: ColumnType<boolean, boolean | undefined, boolean>;
  pseudonymised_data_fee_minor: ColumnType<number, number | undefined, number>;
  card_fee_bp: ColumnType<number, number | undefined, number>;
  card_fee_fixed_minor: ColumnType<number, number | undefined, number>;
  split: ColumnType<SettlementSplit, SettlementSplit | undefined, SettlementSplit>;
  account_holder: string | null;
  iban: string | null;
  bic: string | null;
  updated_at: DefaultTimestamp;
}
export type SettlementContract = Selectable<SettlementContractsTable>;

export interface SitePayoutAccountsTable {
  tenant_id: string;
  site_id: string;
  account_holder: string;
  iban: string;
  bic: string | null;
}

/** A fee as the statement prints it. */
export interface SettlementFee {
  kind: 'portal' | 'period_surcharge' | 'pseudonymised_data' | 'card';
  /** Terminals, extra periods × terminals, or card payments. */
  quantity: number;
  /** The yearly price per unit (portal, surcharge, data option), or the card fee in basis points. */
  rateMinor: number;
  /** A card fee: the card top-ups it is taken from. */
  baseMinor?: number;
  amountMinor: number;
}

export interface SettlementsTable {
  tenant_id: string;
  id: string;
  period: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  counted_from: Timestamp | null;
  currency: Currency;
  language: Language;
  split: SettlementSplit;
  terminals: number;
  revenue_minor: number;
  fees_minor: number;
  carried_in_minor: number;
  payout_minor: number;
  carried_out_minor: number;
  fees: ColumnType<SettlementFee[], string, never>;
  fee_transfer_id: string | null;
  payout_transfer_id: string | null;
  message_id: string | null;
  file_name: string | null;
  pain001: string | null;
  created_at: Timestamp;
  created_by: string;
}
export type Settlement = Selectable<SettlementsTable>;

export interface SettlementLinesTable {
  tenant_id: string;
  settlement_id: string;
  line_no: number;
  site_id: string | null;
  site_name: string | null;
  terminals: number;
  revenue_minor: number;
  fees_minor: number;
  payout_minor: number;
  account_holder: string | null;
  iban: string | null;
}
export type SettlementLine = Selectable<SettlementLinesTable>;

// Metering (migration 0021, docs/metering.md). Values in thousandths of the meter's unit.
export interface MetersTable {
  tenant_id: string;
  id: Generated<string>;
  site_id: string;
  unit_id: string | null;
  name: string;
  serial: string;
  medium: 'heat' | 'electricity' | 'water_cold' | 'water_hot' | 'gas' | 'ev_charging' | 'laundry';
  unit: 'kWh' | 'MWh' | 'm3' | 'GJ';
  kind: 'register' | 'interval';
  interval_minutes: number | null;
  /** How often a register is read (migration 0022): readings up to twice as far apart count as measured. */
  reading_minutes: Generated<number>;
  /** The appliance whose own energy this is (migration 0026); null for every other meter. */
  appliance_id: string | null;
  created_at: CreatedAt;
}

export interface MeterReplacementsTable {
  tenant_id: string;
  meter_id: string;
  replaced_at: Date;
  old_serial: string;
  new_serial: string;
  final_value: number;
  initial_value: number;
  created_at: CreatedAt;
}

export interface MeterReadingsTable {
  tenant_id: string;
  meter_id: string;
  epoch: number;
  read_at: Date;
  value: ColumnType<string, number, number>;
  flagged: 'backwards' | 'negative' | null;
  received_at: CreatedAt;
  /** Thousandths of a degree Celsius measured with the reading (migration 0028). */
  temperature_mc: number | null;
}

export interface MeterConsumptionTable {
  tenant_id: string;
  meter_id: string;
  period: 'day' | 'week' | 'month' | 'year';
  starts_at: Date;
  consumption: ColumnType<string, number, number>;
  measured_s: number;
  estimated_s: number;
}

/** A meter's 24 hours of a UTC day (migration 0024). */
export interface MeterHoursTable {
  tenant_id: string;
  meter_id: string;
  day: ColumnType<string, string, string>;
  consumption: ColumnType<string[], number[], number[]>;
  measured_s: number[];
  estimated_s: number[];
}

// Alarms and the notification centre (migration 0023).
export type AlarmKind = 'consumption' | 'flow' | 'missing_data' | 'device_fault' | 'temperature_high' | 'temperature_low';
export type AlarmChannel = 'email' | 'sms' | 'portal';

export interface AlarmRulesTable {
  tenant_id: string;
  id: Generated<string>;
  kind: AlarmKind;
  meter_id: string | null;
  site_id: string | null;
  threshold: ColumnType<string | null, number | null, number | null>;
  missing_hours: number | null;
  name: string;
  created_by: string;
  created_at: CreatedAt;
  /** Set when the rule is deleted (migration 0025): its alarms stay in the history. */
  deleted_at: Date | null;
  deleted_by: string | null;
}

export interface AlarmSubscriptionsTable {
  tenant_id: string;
  rule_id: string;
  user_id: string;
  channel: AlarmChannel;
  created_at: CreatedAt;
}

export interface AlarmsTable {
  tenant_id: string;
  id: Generated<string>;
  rule_id: string;
  raised_at: Date;
  cleared_at: Date | null;
  observed: ColumnType<string | null, number | null, number | null>;
  detail: string | null;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
}

export interface NotificationsTable {
  tenant_id: string;
  id: Generated<string>;
  user_id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  created_at: CreatedAt;
  read_at: Date | null;
}

export interface NotificationPreferencesTable {
  tenant_id: string;
  user_id: string;
  kind: 'ticket' | 'alarm' | 'session_receipt' | 'invoice' | 'badge';
  portal: boolean;
  email: boolean;
  sms: boolean;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface PseudonymisedAccessTable {
  tenant_id: string;
  user_id: string;
  granted_by: string;
  granted_at: CreatedAt;
}

export interface UnitPseudonymsTable {
  tenant_id: string;
  unit_id: string;
  pseudonym: string;
}

// Smart locks (migration 0029, docs/locks.md).
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** int8 counters that fit a JavaScript number (pg's parser and PGlite both give numbers). */
type Version = ColumnType<number, number | undefined, number>;

export interface LockHardwareTable {
  serial: string;
  secret_hash: string;
  model: string | null;
  first_registered_at: NullableTimestamp;
  free_until: NullableTimestamp;
  managed_until: NullableTimestamp;
  org_option_until: NullableTimestamp;
  purchased_keys: Generated<number>;
  key_slots_used: Generated<number>;
  tenant_id: string | null;
  lock_id: string | null;
  created_at: CreatedAt;
}

export type KeyMedium = 'rfid' | 'fob' | 'phone' | 'pin';
export type LockEventKind = 'opened' | 'denied' | 'battery_low' | 'tamper' | 'locked';
export type PrepaidProduct = 'management_5y' | 'organisation_option' | 'organisation_management' | 'key_pack';

export interface LocksTable {
  tenant_id: string;
  id: Generated<string>;
  serial: string;
  name: string;
  owner_party_id: string;
  site_id: string | null;
  unit_id: string | null;
  registered_at: Timestamp;
  registered_by: string | null;
  removed_at: NullableTimestamp;
  free_until: Timestamp;
  managed_until: NullableTimestamp;
  org_option_until: NullableTimestamp;
  purchased_keys: number;
  key_slots_used: number;
  whitelist_version: Version;
  last_seen_at: NullableTimestamp;
  synced_version: ColumnType<number | null, number | null | undefined, number | null>;
  battery_low_at: NullableTimestamp;
  tamper_at: NullableTimestamp;
}

export interface LockKeysTable {
  tenant_id: string;
  id: Generated<string>;
  lock_id: string;
  holder_name: string;
  person_id: string | null;
  organisation_id: string | null;
  medium: KeyMedium | null;
  identifier: string | null;
  pin_hash: string | null;
  credential_id: string | null;
  valid_from: NullableTimestamp;
  valid_until: NullableTimestamp;
  /** Bit 0 Monday … bit 6 Sunday; 127 every day. */
  weekdays: Generated<number>;
  /** Minutes after midnight, in the tenant's time zone; both or neither. */
  minutes_from: number | null;
  minutes_until: number | null;
  issued_at: Timestamp;
  issued_by: string | null;
  revoked_at: NullableTimestamp;
  revoked_by: string | null;
  version: number;
  pseudonym: string;
}

export interface LockEventsTable {
  tenant_id: string;
  lock_id: string;
  id: BigId;
  device_event_id: string;
  at: Timestamp;
  received_at: DefaultTimestamp;
  kind: LockEventKind;
  key_id: string | null;
  key_pseudonym: string | null;
  detail: string | null;
  pseudonymised_at: NullableTimestamp;
}

export interface PrepaidCodeBatchesTable {
  id: Generated<string>;
  product: PrepaidProduct;
  keys_per_code: number | null;
  quantity: number;
  label: string | null;
  created_by: string;
  created_at: CreatedAt;
}

export interface PrepaidCodesTable {
  code_hash: string;
  batch_id: string;
  hint: string;
  redeemed_at: NullableTimestamp;
  redeemed_by: string | null;
  redeemed_tenant_id: string | null;
  redeemed_lock_serial: string | null;
  redeemed_party_id: string | null;
}

export interface PrepaidCodeAttemptsTable {
  id: BigId;
  user_id: string;
  at: Timestamp;
  outcome: string;
  code_hash: string | null;
  tenant_id: string | null;
  lock_serial: string | null;
}

// Service tickets (migration 0030; docs/tickets.md).
export type TicketCategory = 'appliance_fault' | 'badge' | 'charger_installation' | 'refund' | 'account_deletion' | 'other';
export type TicketStatus = 'new' | 'in_progress' | 'waiting' | 'resolved' | 'closed' | 'awaiting_approval' | 'declined';
export type TicketSource = 'portal' | 'staff' | 'appliance_fault' | 'recurring_alarm' | 'lost_badge';
export type TicketEventKind = 'created' | 'comment' | 'status' | 'assigned' | 'approval' | 'attachment';
export type TicketMediaType = 'image/jpeg' | 'image/png' | 'image/webp' | 'application/pdf';

export interface TicketsTable {
  tenant_id: string;
  id: Generated<string>;
  number: number;
  client_id: string | null;
  category: TicketCategory;
  subject: string;
  body: string;
  status: TicketStatus;
  source: TicketSource;
  source_key: string | null;
  person_id: string | null;
  site_id: string | null;
  unit_id: string | null;
  charger_serial: string | null;
  assignee_user_id: string | null;
  created_by: string | null;
  approval_decision: ColumnType<'approve' | 'decline' | null, 'approve' | 'decline' | null | undefined, 'approve' | 'decline' | null>;
  approval_reason: ColumnType<string | null, string | null | undefined, string | null>;
  approval_by: ColumnType<string | null, string | null | undefined, string | null>;
  approval_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TicketEventsTable {
  tenant_id: string;
  id: Generated<string>;
  seq: BigId;
  ticket_id: string;
  kind: TicketEventKind;
  author_user_id: string | null;
  body: string | null;
  internal: Generated<boolean>;
  from_status: TicketStatus | null;
  to_status: TicketStatus | null;
  assignee_user_id: string | null;
  at: Timestamp;
}

export interface TicketAttachmentsTable {
  tenant_id: string;
  id: Generated<string>;
  ticket_id: string;
  event_id: string | null;
  filename: string;
  media_type: TicketMediaType;
  size: number;
  sha256: string;
  content: Buffer;
  uploaded_by: string | null;
  created_at: Timestamp;
}

export interface TicketSettingsTable {
  tenant_id: string;
  appliance_fault_enabled: Generated<boolean>;
  appliance_fault_assignee: string | null;
  recurring_alarm_enabled: Generated<boolean>;
  recurring_alarm_assignee: string | null;
  recurring_alarm_times: Generated<number>;
  recurring_alarm_days: Generated<number>;
  lost_badge_enabled: Generated<boolean>;
  lost_badge_assignee: string | null;
  updated_at: DefaultTimestamp;
  updated_by: string | null;
}
