// The process's logger, at the configured level: apart from main.ts so that commands which do not
// start the application need not load it.
import pino, { type Logger } from 'pino';
import type { Config } from './config.ts';

export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({ level: config.logLevel });
}
