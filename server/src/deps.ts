// What use cases may depend on. Passed explicitly; nothing is global.
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import type { Db } from './db/client.ts';
import type { Notifications } from './db/notifications.ts';
import type { Authorization } from './modules/authorization/authorization.runtime.ts';
import type { LedgerBatcher } from './modules/ledger/ledger.batcher.ts';
import type { Mailer } from './modules/mail/mail.usecases.ts';
import type { PaymentProvider } from './modules/payments/payments.provider.ts';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface Deps {
  db: Db;
  config: Config;
  clock: Clock;
  mailer: Mailer;
  log: Logger;
  /** Online card payments; null when no provider is configured (card top-ups unavailable). */
  payments: PaymentProvider | null;
  /** Group commit for transfers that stand alone (device usage, terminal card credits): many share one commit. */
  ledger: LedgerBatcher;
  /** The tap check's cache (kept current by LISTEN/NOTIFY) and the tags in use; closed before the database. */
  authorization: Authorization;
  /** PostgreSQL NOTIFY across processes: device commands and their results, appliance status. */
  notifications: Notifications;
}
