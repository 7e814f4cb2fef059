// Every migration, listed explicitly. Append new ones; never edit one that has shipped.
import type { Migration } from '../migrate.ts';
import { foundation } from './0001_foundation.ts';
import { totpReplay } from './0002_totp_replay.ts';
import { ledger } from './0003_ledger.ts';
import { walletTransfers } from './0008_wallet_transfers.ts';
import { ledgerBatch } from './0009_ledger_batch.ts';
import { ledgerBatchSet } from './0010_ledger_batch_set.ts';
import { tenantBankAccounts } from './0004_tenant_bank_accounts.ts';
import { cardPayments } from './0006_card_payments.ts';
import { bankImport } from './0005_bank_import.ts';
import { refunds } from './0007_refunds.ts';
import { fees } from './0011_fees.ts';
import { refundExpiry } from './0012_refund_expiry.ts';
import { credentials } from './0013_credentials.ts';
import { devices } from './0014_devices.ts';
import { sessionPaths } from './0015_session_paths.ts';
import { invoices } from './0016_invoices.ts';
import { settlements } from './0017_settlements.ts';
import { dunning } from './0018_dunning.ts';
import { invoiceCardPayments } from './0019_invoice_card_payments.ts';
import { eInvoices } from './0020_e_invoices.ts';
import { metering } from './0021_metering.ts';
import { meterReadingInterval } from './0022_meter_reading_interval.ts';
import { alarms } from './0023_alarms.ts';
import { meterHours } from './0024_meter_hours.ts';
import { alarmRulesDelete } from './0025_alarm_rules_delete.ts';

export const migrations: Migration[] = [foundation, totpReplay, ledger, tenantBankAccounts, cardPayments, bankImport, walletTransfers, refunds, ledgerBatch, ledgerBatchSet, fees, refundExpiry, credentials, devices, sessionPaths, invoices, settlements, dunning, invoiceCardPayments, eInvoices, metering, meterReadingInterval, alarms, meterHours, alarmRulesDelete];
