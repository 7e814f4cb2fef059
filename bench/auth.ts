// Logins per second and p99 through the whole request path (app.inject: routing, validation,
// lockout lookup, argon2id verify, session insert, login history), on PGlite and, when
// BENCH_DATABASE_URL or TEST_DATABASE_URL names a PostgreSQL server, on a fresh database there.
// Baseline: the bare argon2id verify at the same concurrency, measured in the same run, so the
// ratio shows what the rest of the request costs.
import pino from 'pino';
import { createApp } from '../server/src/app.ts';
import { loadConfig } from '../server/src/config.ts';
import { openDatabase, type DatabaseHandle } from '../server/src/db/client.ts';
import { migrate } from '../server/src/db/migrate.ts';
import { asPlatform } from '../server/src/db/scope.ts';
import { DEMO_PASSWORD, seedDemo } from '../server/src/demo/seed.ts';
import { systemClock, type Deps } from '../server/src/deps.ts';
import { verifyPassword } from '../server/src/modules/auth/auth.passwords.ts';
import { createMailer } from '../server/src/modules/mail/mail.usecases.ts';
import { withFreshPostgres } from './lib/database.ts';
import { compare, report } from './lib/measure.ts';
import { createLedgerBatcher } from '../server/src/modules/ledger/ledger.batcher.ts';
import { unlistenedAuthorization } from '../server/src/modules/authorization/authorization.runtime.ts';
import { silentNotifications } from '../server/src/db/notifications.ts';

const ITERATIONS = 200;
const CONCURRENCY = 4;
const ROUNDS = 4;
const WARMUP = 8;
const USERS = ['manager@demo.test', 'staff@demo.test', 'regie@demo.test', 'operator@demo.test', 'resident.ch@demo.test'];

async function benchLogins(scenario: string, handle: DatabaseHandle): Promise<void> {
  await migrate(handle);
  await seedDemo(handle.db);
  const config = loadConfig({ LOG_LEVEL: 'silent' });
  const deps: Deps = { db: handle.db, config, clock: systemClock, log: pino({ level: 'silent' }), mailer: createMailer({ db: handle.db, smtpUrl: undefined, from: config.mailFrom }), payments: null, ledger: createLedgerBatcher(handle.db), authorization: unlistenedAuthorization(), notifications: silentNotifications };
  const app = await createApp(deps);
  await app.ready();
  const passwordHash = await asPlatform(handle.db, async (tx) =>
    (await tx.selectFrom('users').select('password_hash').where('email', '=', USERS[0]!).executeTakeFirstOrThrow()).password_hash!);

  const loginOnce = async (i: number) => {
    // A different client address per request: the login route's per-IP rate limit is not what is measured.
    const response = await app.inject({
      method: 'POST', url: '/api/auth/login', remoteAddress: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
      payload: { email: USERS[i % USERS.length], password: DEMO_PASSWORD },
    });
    if (response.statusCode !== 200) throw new Error(`login ${i} failed: ${response.statusCode} ${response.body}`);
  };
  const verifyOnce = async () => {
    if (!(await verifyPassword(passwordHash, DEMO_PASSWORD))) throw new Error('baseline verify failed');
  };

  await compare({ iterations: WARMUP, concurrency: CONCURRENCY, rounds: 1 }, (i) => loginOnce(1_000_000 + i), verifyOnce);
  report('auth', scenario, 'logins_per_s', await compare({ iterations: ITERATIONS, concurrency: CONCURRENCY, rounds: ROUNDS }, loginOnce, verifyOnce));
  await app.close();
}

const pglite = await openDatabase({});
try {
  await benchLogins('pglite', pglite);
} finally {
  await pglite.close();
}

const postgresUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
if (postgresUrl) await withFreshPostgres(postgresUrl, CONCURRENCY * 2, (handle) => benchLogins('postgres', handle));
else console.error('postgres scenario skipped: set BENCH_DATABASE_URL or TEST_DATABASE_URL');
