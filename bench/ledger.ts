// Ledger transfers per second and p99 with 16 clients, between 1,000 funded wallets picked at
// random, through the real path (inTenant + createTransfer: BEGIN, tenant, ledger_apply, COMMIT)
// and through transferNow (ledger_apply as one autocommit statement). On PGlite and, when
// BENCH_DATABASE_URL or TEST_DATABASE_URL names a PostgreSQL server, on a fresh database there.
// Baseline: as many bare single-row UPDATE transactions (BEGIN, UPDATE, COMMIT) on the same
// database at the same concurrency, in alternating rounds.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { openDatabase, type DatabaseHandle } from '../server/src/db/client.ts';
import { migrate } from '../server/src/db/migrate.ts';
import { inTenant } from '../server/src/db/scope.ts';
import { createLedgerBatcher } from '../server/src/modules/ledger/ledger.batcher.ts';
import { ledgerFixture } from '../server/src/modules/ledger/ledger.fixtures.ts';
import { createTransfer, systemAccount, transferNow, walletOf } from '../server/src/modules/ledger/ledger.usecases.ts';
import type { TransferInput } from '../server/src/modules/ledger/ledger.types.ts';
import { withFreshPostgres } from './lib/database.ts';
import { compare, report } from './lib/measure.ts';

const CONCURRENCY = 16;
const WALLETS = 1000;
const ROUNDS = 4;
const WARMUP = 200;

async function benchLedger(scenario: string, handle: DatabaseHandle, iterations: number): Promise<void> {
  await migrate(handle);
  const { tenantId, personIds } = await handle.asOwner(async (owner) => {
    await sql`CREATE TABLE bench_counters (id integer PRIMARY KEY, n bigint NOT NULL DEFAULT 0)`.execute(owner);
    await sql`INSERT INTO bench_counters (id) SELECT generate_series(0, ${WALLETS - 1}::int)`.execute(owner);
    await sql`GRANT SELECT, UPDATE ON bench_counters TO concierge_app`.execute(owner);
    return ledgerFixture(owner, { shortCode: 'bench', currency: 'EUR', people: WALLETS });
  });
  const cardClearing = await inTenant(handle.db, tenantId, (tx) => systemAccount(tx, tenantId, 'card_clearing'));
  const wallets = await inTenant(handle.db, tenantId, async (tx) => {
    const ids: string[] = [];
    for (const person of personIds) ids.push((await walletOf(tx, tenantId, person)).id);
    return ids;
  });
  await Promise.all(wallets.map((wallet) => transferNow(handle.db, tenantId, {
    id: randomUUID(), debitAccountId: cardClearing, creditAccountId: wallet, amount: 1_000_000_000, code: 'top_up', reference: { type: 'bench', id: wallet },
  })));

  // Fresh statistics, as autovacuum would have them (it may be off on a test server).
  await handle.asOwner((owner) => sql`ANALYZE`.execute(owner));

  const randomPair = (): TransferInput => {
    const a = Math.floor(Math.random() * WALLETS);
    const b = (a + 1 + Math.floor(Math.random() * (WALLETS - 1))) % WALLETS;
    return { id: randomUUID(), debitAccountId: wallets[a]!, creditAccountId: wallets[b]!, amount: 1, code: 'transfer', reference: { type: 'bench', id: 'pair' } };
  };
  const inTransaction = () => inTenant(handle.db, tenantId, (tx) => createTransfer(tx, tenantId, randomPair()));
  const now = () => transferNow(handle.db, tenantId, randomPair());
  const batcher = createLedgerBatcher(handle.db, { maxInFlight: Number(process.env.BENCH_LEDGER_IN_FLIGHT ?? 4) });
  const batched = () => batcher.transfer(tenantId, randomPair());
  const bareUpdate = () => handle.db.transaction().execute((tx) =>
    sql`UPDATE bench_counters SET n = n + 1 WHERE id = ${Math.floor(Math.random() * WALLETS)}`.execute(tx));

  await compare({ iterations: WARMUP, concurrency: CONCURRENCY, rounds: 1 }, inTransaction, bareUpdate);
  await compare({ iterations: WARMUP, concurrency: CONCURRENCY, rounds: 1 }, now, bareUpdate);
  await compare({ iterations: WARMUP, concurrency: CONCURRENCY, rounds: 1 }, batched, bareUpdate);
  report('ledger', scenario, 'transfers_per_s', await compare({ iterations, concurrency: CONCURRENCY, rounds: ROUNDS }, inTransaction, bareUpdate));
  report('ledger', scenario, 'transfers_now_per_s', await compare({ iterations, concurrency: CONCURRENCY, rounds: ROUNDS }, now, bareUpdate));
  report('ledger', scenario, 'transfers_batched_per_s', await compare({ iterations, concurrency: CONCURRENCY, rounds: ROUNDS }, batched, bareUpdate));
}

const pglite = await openDatabase({});
try {
  await benchLedger('pglite', pglite, Number(process.env.BENCH_LEDGER_PGLITE_OPS ?? 4000));
} finally {
  await pglite.close();
}

const postgresUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
if (postgresUrl) await withFreshPostgres(postgresUrl, CONCURRENCY, (handle) => benchLedger('postgres', handle, Number(process.env.BENCH_LEDGER_OPS ?? 20_000)));
else console.error('postgres scenario skipped: set BENCH_DATABASE_URL or TEST_DATABASE_URL');
