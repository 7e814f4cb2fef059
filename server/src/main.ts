// Starts Concierge: the HTTP API and web portal, the device gateway and the background worker
// in one process by default; ROLES=api,gateway,worker picks a subset for scale-out.
import type { Logger } from 'pino';
import { createLogger } from './logger.ts';
import { createApp } from './app.ts';
import type { Config } from './config.ts';
import { openDatabase, type DatabaseHandle } from './db/client.ts';
import { migrate } from './db/migrate.ts';
import { isEmpty, seedDemo } from './demo/seed.ts';
import { systemClock, type Deps } from './deps.ts';
import { attachGateway } from './gateway/ocpp/gateway.ts';
import { attachLockGateway } from './gateway/locks/gateway.ts';
import { createMailer } from './modules/mail/mail.usecases.ts';
import { createStripeProvider } from './modules/payments/payments.stripe.ts';
import { jobs } from './worker/jobs/index.ts';
import { startWorker } from './worker/worker.ts';
import { createLedgerBatcher } from './modules/ledger/ledger.batcher.ts';
import { startAuthorization } from './modules/authorization/authorization.runtime.ts';
import { startNotifications } from './db/notifications.ts';
import type { AddressInfo } from 'node:net';
import { localGatewayUrl, startDemoSimulators } from './simulator/demo.ts';
import { startMqttReadings } from './modules/metering/metering.mqtt.ts';

export interface Running {
  url: string;
  deps: Deps;
  stop(): Promise<void>;
}

export async function prepareDatabase(config: Config, log: Logger): Promise<DatabaseHandle> {
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrate(handle, (message) => log.info(message));
  if (config.demo && (await isEmpty(handle.db))) {
    await seedDemo(handle.db, { meters: true });
    log.info('demo data seeded: log in as manager@demo.test / demo-password');
  }
  return handle;
}

/** `overrides` lets tests run the real product with a test double (e.g. a fake payment provider, a clock they move). */
export async function start(config: Config, log: Logger = createLogger(config), overrides: Partial<Pick<Deps, 'payments' | 'clock'>> = {}): Promise<Running> {
  const handle = await prepareDatabase(config, log);
  const mailer = createMailer({ db: handle.db, smtpUrl: config.smtpUrl, from: config.mailFrom, onError: (err) => log.warn({ err }, 'mail not sent') });
  const payments = overrides.payments !== undefined ? overrides.payments : config.stripeSecretKey && config.stripeWebhookSecret
    ? createStripeProvider({ secretKey: config.stripeSecretKey, webhookSecret: config.stripeWebhookSecret }) : null;
  const deps: Deps = { db: handle.db, config, clock: overrides.clock ?? systemClock, mailer, log, payments, ledger: createLedgerBatcher(handle.db),
    authorization: await startAuthorization(handle, { log }), notifications: await startNotifications(handle, { log }) };
  const app = await createApp(deps);
  const gateway = config.roles.includes('gateway') ? attachGateway(app.server, deps) : undefined;
  const lockGateway = config.roles.includes('gateway') ? attachLockGateway(app.server, deps) : undefined;
  // Thousands of devices reconnect at once after a restart or a network outage: Node's default
  // accept backlog (511) drops their handshakes and they stall in TCP retries (docs/PERFORMANCE.md,
  // locks). The kernel caps it at net.core.somaxconn.
  const address = await app.listen({ port: config.port, host: config.host, backlog: 4096 });
  const worker = config.roles.includes('worker') ? startWorker(deps, jobs) : undefined;
  // Not awaited: the broker may come up after us; the subscriber connects when it can.
  const meterReadings = config.roles.includes('worker') && config.mqttUrl ? startMqttReadings(deps, { url: config.mqttUrl }) : undefined;
  log.info({ roles: config.roles }, `Concierge is running on ${config.publicUrl}`);
  const simulators = gateway && config.demo && config.demoSimulators
    ? await startDemoSimulators({ db: handle.db, url: localGatewayUrl(config.host, (app.server.address() as AddressInfo).port, config.tls !== null), log }) : undefined;

  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= (async () => {
    log.info('shutting down');
    await simulators?.close();
    // The HTTP server stops taking requests first; it finishes closing only once the devices'
    // WebSockets on it are gone, so the gateway closes while it waits.
    const httpClosed = app.close();
    await Promise.all([gateway?.close(), lockGateway?.close()]);
    await httpClosed;
    await worker?.stop();
    // Before the database: the readings it has received are written and acknowledged first.
    await meterReadings?.stop();
    await deps.authorization.close();
    await deps.notifications.close();
    await handle.close();
    log.info('stopped');
  })());
  return { url: address.replace('0.0.0.0', 'localhost').replace('[::]', 'localhost'), deps, stop };
}
