// Authorisation checks (the tap at a terminal): per second and p99, on PGlite and, when
// BENCH_DATABASE_URL or TEST_DATABASE_URL names a PostgreSQL server, on a fresh database there.
// 1,000 badges of a tenant, each with a funded wallet.
//   warm          authorize() with the tag and its balance in memory, one check at a time;
//                 baseline: a bare Map lookup of the same keys (`tenantId:idTag`).
//   balance_read  the tag in memory, its balance read again (TTL run out: the usual first tap
//                 after a few seconds), 16 in flight; baseline: a bare lookup of the credential
//                 by tag as one autocommit statement.
//   cold          the cache emptied before every check, so each reads the database (one
//                 statement in the tenant's scope), 16 in flight; same baseline.
//   invalidation  a badge blocked or unblocked and the change heard by the cache (NOTIFY at
//                 commit → LISTEN), one at a time; baseline: the same change without waiting.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { openDatabase, type DatabaseHandle } from '../server/src/db/client.ts';
import { migrate } from '../server/src/db/migrate.ts';
import { inTenant } from '../server/src/db/scope.ts';
import { systemClock } from '../server/src/deps.ts';
import type { CacheOptions } from '../server/src/modules/authorization/authorization.cache.ts';
import { startAuthorization, type Authorization } from '../server/src/modules/authorization/authorization.runtime.ts';
import { addBadge, invalidationOf } from '../server/src/modules/authorization/authorization.testing.ts';
import { authorize } from '../server/src/modules/authorization/authorization.usecases.ts';
import { changeCredentialStatus } from '../server/src/modules/credentials/credentials.lifecycle.ts';
import { ledgerFixture } from '../server/src/modules/ledger/ledger.fixtures.ts';
import { systemAccount, transferNow, walletOf } from '../server/src/modules/ledger/ledger.usecases.ts';
import { withFreshPostgres } from './lib/database.ts';
import { compare, report } from './lib/measure.ts';

const TAGS = 1000;
const COLD_CONCURRENCY = 16;
const ROUNDS = 4;
const WARM_OPS = Number(process.env.BENCH_AUTHORIZE_WARM_OPS ?? 400_000);
const INVALIDATIONS = Math.min(TAGS / 2, Number(process.env.BENCH_AUTHORIZE_INVALIDATIONS ?? 400));

const tagOf = (i: number) => `04${(0xB0000000000 + i).toString(16).toUpperCase()}`;

async function benchAuthorize(scenario: string, handle: DatabaseHandle, coldOps: number): Promise<void> {
  await migrate(handle);
  const { tenantId, personIds } = await handle.asOwner((owner) => ledgerFixture(owner, { shortCode: 'bench', currency: 'EUR', people: TAGS }));
  const credentialIds: string[] = [];
  for (let i = 0; i < TAGS; i++) credentialIds.push((await addBadge(handle.db, tenantId, { idTag: tagOf(i), personId: personIds[i]! })).id);
  const cardClearing = await inTenant(handle.db, tenantId, (tx) => systemAccount(tx, tenantId, 'card_clearing'));
  const wallets = await inTenant(handle.db, tenantId, async (tx) => Promise.all(personIds.map(async (p) => (await walletOf(tx, tenantId, p)).id)));
  for (const wallet of wallets) {
    await transferNow(handle.db, tenantId, { id: randomUUID(), debitAccountId: cardClearing, creditAccountId: wallet, amount: 5000, code: 'top_up', reference: { type: 'bench', id: wallet } });
  }
  await handle.asOwner((owner) => sql`ANALYZE`.execute(owner));

  const check = (authorization: Authorization) => (i: number) =>
    authorize({ db: handle.db, clock: systemClock, authorization }, { tenantId, deviceId: 'BENCH', purpose: 'laundry', idTag: tagOf(i % TAGS) });
  const bareSelect = (i: number) => sql`SELECT id FROM credentials WHERE tenant_id = ${tenantId} AND id_tag = ${tagOf(i % TAGS)}`.execute(handle.db);

  // Warm: the tag and its balance in memory — a tap shortly after another (Authorize, then
  // StartTransaction), measured without the balances' TTL running out in between.
  await withAuthorization(handle, { balanceTtlMs: 3_600_000 }, async (authorization) => {
    const warm = check(authorization);
    // The baseline holds what a warm check returns, so both sides fetch an object by the same key.
    const bare = new Map<string, object>();
    for (let i = 0; i < TAGS; i++) {
      const answer = await warm(i);
      if (answer.status !== 'Accepted' || answer.balanceMinor !== 5000) throw new Error(`unexpected answer ${JSON.stringify(answer)}`);
      bare.set(`${tenantId}:${tagOf(i)}`, answer);
    }
    const lookup = async (i: number) => bare.get(`${tenantId}:${tagOf(i % TAGS)}`);
    await compare({ iterations: 20_000, concurrency: 1, rounds: 1 }, warm, lookup);
    report('authorize', scenario, 'warm_checks_per_s', await compare({ iterations: WARM_OPS, concurrency: 1, rounds: ROUNDS }, warm, lookup), 4);
  });

  // The tag in memory, its balance read again (the usual first tap after a few seconds).
  await withAuthorization(handle, { balanceTtlMs: 0 }, async (authorization) => {
    const tagWarm = check(authorization);
    for (let i = 0; i < TAGS; i++) await tagWarm(i);
    await compare({ iterations: 200, concurrency: COLD_CONCURRENCY, rounds: 1 }, tagWarm, bareSelect);
    report('authorize', scenario, 'balance_read_checks_per_s', await compare({ iterations: coldOps, concurrency: COLD_CONCURRENCY, rounds: ROUNDS }, tagWarm, bareSelect), 2);
  });

  // Cold: nothing in memory, every check reads the database.
  await withAuthorization(handle, {}, async (authorization) => {
    const checkOne = check(authorization);
    const cold = (i: number) => {
      authorization.cache.clear();
      return checkOne(i);
    };
    await compare({ iterations: 200, concurrency: COLD_CONCURRENCY, rounds: 1 }, cold, bareSelect);
    report('authorize', scenario, 'cold_checks_per_s', await compare({ iterations: coldOps, concurrency: COLD_CONCURRENCY, rounds: ROUNDS }, cold, bareSelect), 2);
  });

  // A change heard: each toggles a badge between blocked and active; the baseline makes the same
  // changes on the other half of the badges without waiting to hear them.
  await withAuthorization(handle, {}, async (authorization) => {
    const blocked = new Set<string>();
    const toggle = async (i: number, hear: boolean) => {
      const index = i % TAGS; // INVALIDATIONS ≤ TAGS / 2 keeps the two halves apart
      const id = credentialIds[index]!;
      const to = blocked.has(id) ? 'active' : 'blocked';
      const heard = hear ? invalidationOf(authorization.cache, `${tenantId}:${tagOf(index)}`) : null;
      await inTenant(handle.db, tenantId, (tx) => changeCredentialStatus(tx, tenantId, id, to, { userId: null, actor: 'bench', reason: null, now: new Date() }));
      if (to === 'blocked') blocked.add(id); else blocked.delete(id);
      await heard;
    };
    report('authorize', scenario, 'invalidations_per_s',
      await compare({ iterations: INVALIDATIONS, concurrency: 1, rounds: ROUNDS }, (i) => toggle(i, true), (i) => toggle(i + TAGS / 2, false)), 2);
  });
}

async function withAuthorization(handle: DatabaseHandle, cache: Partial<CacheOptions>, work: (authorization: Authorization) => Promise<void>) {
  const authorization = await startAuthorization(handle, { cache });
  try {
    await work(authorization);
  } finally {
    await authorization.close();
  }
}

const pglite = await openDatabase({});
try {
  await benchAuthorize('pglite', pglite, Number(process.env.BENCH_AUTHORIZE_PGLITE_COLD_OPS ?? 4000));
} finally {
  await pglite.close();
}

const postgresUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
if (postgresUrl) await withFreshPostgres(postgresUrl, COLD_CONCURRENCY, (handle) => benchAuthorize('postgres', handle, Number(process.env.BENCH_AUTHORIZE_COLD_OPS ?? 20_000)));
else console.error('postgres scenario skipped: set BENCH_DATABASE_URL or TEST_DATABASE_URL');
