// The whole HTTP application in-process over a fresh database, with a clock tests can move,
// the demo data, and helpers to log in and call the API as a browser would.
import pino from 'pino';
import { createApp } from '../app.ts';
import { loadConfig, type Config } from '../config.ts';
import type { DatabaseHandle } from '../db/client.ts';
import { DEMO_PASSWORD } from '../demo/seed.ts';
import type { Clock, Deps } from '../deps.ts';
import type { App } from '../http/types.ts';
import { createMailer, type Mail, type Mailer } from '../modules/mail/mail.usecases.ts';
import { createFakePaymentProvider } from '../modules/payments/payments.fake.ts';
import type { PaymentProvider } from '../modules/payments/payments.provider.ts';
import { createTestDatabase } from './database.ts';
import { createLedgerBatcher } from '../modules/ledger/ledger.batcher.ts';
import { startAuthorization } from '../modules/authorization/authorization.runtime.ts';
import { startNotifications } from '../db/notifications.ts';

export class TestClock implements Clock {
  private offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

export interface TestContext {
  app: App;
  deps: Deps;
  clock: TestClock;
  handle: DatabaseHandle;
  /** Mails handed to the mailer, newest last. */
  mails: Mail[];
  close(): Promise<void>;
}

export async function createTestContext(options: { demo?: boolean; demoWallets?: boolean; config?: Partial<Config>; mailer?: Mailer; payments?: PaymentProvider | null } = {}): Promise<TestContext> {
  const handle = await createTestDatabase({ start: options.demo === false ? 'migrated' : options.demoWallets === true ? 'demo-wallets' : 'demo' });
  const config = { ...loadConfig({ LOG_LEVEL: 'silent' }), ...options.config };
  const clock = new TestClock();
  const mails: Mail[] = [];
  const outbox = createMailer({ db: handle.db, smtpUrl: config.smtpUrl, from: config.mailFrom });
  const mailer: Mailer = options.mailer ?? {
    async send(mail) { mails.push(mail); await outbox.send(mail); },
    async sendMany(many) { mails.push(...many); await outbox.sendMany(many); },
  };
  // Payments: by default a provider that stays off the network but verifies webhooks as Stripe does.
  const payments = options.payments !== undefined ? options.payments : createFakePaymentProvider();
  const deps: Deps = { db: handle.db, config, clock, mailer, log: pino({ level: 'silent' }), payments, ledger: createLedgerBatcher(handle.db),
    authorization: await startAuthorization(handle), notifications: await startNotifications(handle) };
  const app = await createApp(deps);
  await app.ready();
  return { app, deps, clock, handle, mails, async close() { await app.close(); await deps.authorization.close(); await deps.notifications.close(); await handle.close(); } };
}

export interface Session {
  cookie: string;
  csrf: string;
  /** Calls the API as this logged-in browser. */
  request(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body?: unknown): Promise<{ status: number; body: any }>;
}

export async function login(app: App, email: string, password = DEMO_PASSWORD): Promise<Session> {
  const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
  if (response.statusCode !== 200) throw new Error(`login as ${email} failed: ${response.statusCode} ${response.body}`);
  const setCookie = response.headers['set-cookie'];
  const cookie = (Array.isArray(setCookie) ? setCookie[0]! : setCookie!).split(';')[0]!;
  const csrf = response.json().csrfToken as string;
  return {
    cookie,
    csrf,
    async request(method, url, body) {
      const res = await app.inject({ method, url, headers: { cookie, 'x-csrf-token': csrf }, ...(body !== undefined ? { payload: body as object } : {}) });
      return { status: res.statusCode, body: res.body ? res.json() : null };
    },
  };
}
