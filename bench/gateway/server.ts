// The server under test, built as main.ts start() builds it — the HTTP app with the gateway
// attached, the ledger batcher, the authorisation cache listening for changes, the notifications
// hub — over the benchmark's database, without demo data and without the worker.
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { createApp } from '../../server/src/app.ts';
import { loadConfig } from '../../server/src/config.ts';
import type { DatabaseHandle } from '../../server/src/db/client.ts';
import { startNotifications } from '../../server/src/db/notifications.ts';
import { systemClock, type Deps } from '../../server/src/deps.ts';
import { attachGateway, type Gateway } from '../../server/src/gateway/ocpp/gateway.ts';
import { startAuthorization } from '../../server/src/modules/authorization/authorization.runtime.ts';
import { createLedgerBatcher } from '../../server/src/modules/ledger/ledger.batcher.ts';
import { createMailer } from '../../server/src/modules/mail/mail.usecases.ts';

export interface GatewayUnderTest {
  url: string;
  deps: Deps;
  gateway: Gateway;
  close(): Promise<void>;
}

export async function startGateway(handle: DatabaseHandle): Promise<GatewayUnderTest> {
  // Warnings and errors (a handler failing) go to stderr; stdout carries the results.
  const log = pino({ level: 'warn' }, pino.destination(2));
  const config = loadConfig({ LOG_LEVEL: 'warn' });
  const deps: Deps = {
    db: handle.db, config, clock: systemClock, log, payments: null, ledger: createLedgerBatcher(handle.db),
    mailer: createMailer({ db: handle.db, smtpUrl: undefined, from: config.mailFrom }),
    authorization: await startAuthorization(handle, { log }), notifications: await startNotifications(handle, { log }),
  };
  const app = await createApp(deps);
  const gateway = attachGateway(app.server, deps, { node: 'bench' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url: `ws://127.0.0.1:${(app.server.address() as AddressInfo).port}/ocpp`,
    deps,
    gateway,
    async close() {
      const httpClosed = app.close();
      await gateway.close();
      await httpClosed;
      await deps.authorization.close();
      await deps.notifications.close();
    },
  };
}
