// What use cases may depend on. Passed explicitly; nothing is global.
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import type { Db } from './db/client.ts';
import type { Mailer } from './modules/mail/mail.usecases.ts';

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
}
