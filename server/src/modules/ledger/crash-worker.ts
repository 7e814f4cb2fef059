// Child process of ledger.crash.test.ts: makes ledger transfers in a loop until it is killed, and
// prints each transfer only after its commit returned ("ack <step> <index> <id>"), so whatever it
// printed must survive the kill. Transfer ids derive from the step index (the reliable-submission
// pattern): restarted at the first unfinished index, it resubmits what may or may not have
// committed, and the ledger must apply it at most once.
// Usage: node --import tsx crash-worker.ts <start index>   with CRASH_DATABASE_URL or CRASH_DATA_DIR
import { openDatabase } from '../../db/client.ts';
import { migrate } from '../../db/migrate.ts';
import { inTenant } from '../../db/scope.ts';
import { ledgerFixture } from './ledger.fixtures.ts';
import { createTransfer, postPending, systemAccount, transferId, transferNow, voidPending, walletOf } from './ledger.usecases.ts';

const PEOPLE = 8;
const start = Number(process.argv[2] ?? 0);
const handle = await openDatabase({ databaseUrl: process.env.CRASH_DATABASE_URL, dataDir: process.env.CRASH_DATA_DIR });
await migrate(handle);
const { tenantId, personIds } = await handle.asOwner((owner) => ledgerFixture(owner, { shortCode: 'crash', currency: 'EUR', people: PEOPLE }));
const [wallets, cardClearing, revenue] = await inTenant(handle.db, tenantId, async (tx) => [
  await Promise.all(personIds.map(async (p) => (await walletOf(tx, tenantId, p)).id)),
  await systemAccount(tx, tenantId, 'card_clearing'),
  await systemAccount(tx, tenantId, 'revenue'),
] as const);
const ack = (step: string, index: number, id: string) => process.stdout.write(`ack ${step} ${index} ${id}\n`);
process.stdout.write('ready\n');

for (let i = start; ; i++) {
  const wallet = wallets[i % wallets.length]!;
  const ref = { type: 'crash', id: String(i) };
  const topUp = {
    id: transferId('crash-topup', String(i)), debitAccountId: cardClearing, creditAccountId: wallet, amount: 1000 + (i % 100), code: 'top_up' as const, reference: ref,
  };
  // Both paths: inside a caller's transaction, and as a transaction of its own.
  const toppedUp = i % 2 ? await transferNow(handle.db, tenantId, topUp) : await inTenant(handle.db, tenantId, (tx) => createTransfer(tx, tenantId, topUp));
  ack('topup', i, toppedUp.id);
  const hold = await inTenant(handle.db, tenantId, (tx) => createTransfer(tx, tenantId, {
    id: transferId('crash-hold', String(i)), debitAccountId: wallet, creditAccountId: revenue, amount: 100 + (i % 50), code: 'usage', reference: ref, pendingTimeoutSeconds: 3600,
  }));
  ack('hold', i, hold.id);
  const resolution = { id: transferId('crash-resolve', String(i)), pendingId: hold.id };
  const resolved = await inTenant(handle.db, tenantId, (tx) => (i % 2 ? postPending(tx, tenantId, { ...resolution, amount: 50 }) : voidPending(tx, tenantId, resolution)));
  ack('resolve', i, resolved.id);
  process.stdout.write(`done ${i}\n`);
}
