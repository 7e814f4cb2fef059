import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { inTenant } from '../../db/scope.ts';
import { createTestContext, type TestContext } from '../../test/app.ts';
import { createLedgerBatcher } from './ledger.batcher.ts';
import { checkLedgerInvariants } from './ledger.invariants.ts';
import { applyBatch } from './ledger.repository.ts';
import type { TransferInput } from './ledger.types.ts';
import { systemAccount, toTransfer, validateNewTransfer, walletOf } from './ledger.usecases.ts';

let ctx: TestContext;
let tenantId: string;
let wallets: string[];
let clearing: string;
beforeAll(async () => {
  ctx = await createTestContext();
  tenantId = (await ctx.handle.asOwner((db) => db.selectFrom('tenants').select('id').where('short_code', '=', 'heimbau').executeTakeFirstOrThrow())).id;
  const people = await ctx.handle.asOwner((db) => db.selectFrom('people').select('id').where('tenant_id', '=', tenantId).orderBy('customer_number').execute());
  ({ wallets, clearing } = await inTenant(ctx.deps.db, tenantId, async (tx) => ({
    wallets: await Promise.all(people.map(async (p) => (await walletOf(tx, tenantId, p.id)).id)),
    clearing: await systemAccount(tx, tenantId, 'card_clearing'),
  })));
});
afterAll(async () => { await ctx.close(); });

const balance = async (wallet: string) => (await ctx.handle.asOwner((db) => db.selectFrom('ledger_accounts')
  .select(['credits_posted', 'debits_posted']).where('id', '=', wallet).executeTakeFirstOrThrow()));

it('applies concurrent transfers together, each with its own outcome', async () => {
  const batcher = createLedgerBatcher(ctx.deps.db, { maxInFlight: 1 });
  const ref = { type: 'test', id: 'batch' };
  const topUps = wallets.map((wallet) => batcher.transfer(tenantId, { id: randomUUID(), debitAccountId: clearing, creditAccountId: wallet, amount: 1000, code: 'top_up', reference: ref }));
  expect((await Promise.all(topUps)).every((t) => t.amount === 1000)).toBe(true);

  const repeated = randomUUID();
  const outcomes = await Promise.allSettled([
    batcher.transfer(tenantId, { id: randomUUID(), debitAccountId: wallets[0]!, creditAccountId: wallets[1]!, amount: 400, code: 'transfer', reference: ref }),
    batcher.transfer(tenantId, { id: randomUUID(), debitAccountId: wallets[0]!, creditAccountId: wallets[1]!, amount: 5000, code: 'transfer', reference: ref }),
    batcher.transfer(tenantId, { id: repeated, debitAccountId: wallets[2]!, creditAccountId: wallets[1]!, amount: 100, code: 'transfer', reference: ref }),
    batcher.transfer(tenantId, { id: repeated, debitAccountId: wallets[2]!, creditAccountId: wallets[1]!, amount: 100, code: 'transfer', reference: ref }),
    batcher.transfer(tenantId, { id: repeated, debitAccountId: wallets[2]!, creditAccountId: wallets[1]!, amount: 999, code: 'transfer', reference: ref }),
  ]);
  expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'rejected']);
  expect((outcomes[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'ledger.insufficient_funds' });
  expect((outcomes[4] as PromiseRejectedResult).reason).toMatchObject({ code: 'ledger.id_reused' });
  expect((outcomes[2] as PromiseFulfilledResult<{ id: string }>).value).toEqual((outcomes[3] as PromiseFulfilledResult<{ id: string }>).value);

  const [w0, w1, w2] = await Promise.all(wallets.slice(0, 3).map(balance));
  expect(w0!.credits_posted - w0!.debits_posted).toBe(600);
  expect(w1!.credits_posted - w1!.debits_posted).toBe(1500);
  expect(w2!.credits_posted - w2!.debits_posted).toBe(900);
  expect(await ctx.handle.asOwner((db) => checkLedgerInvariants(db))).toEqual([]);
});

it('refuses bad input before it reaches the database', async () => {
  const batcher = createLedgerBatcher(ctx.deps.db);
  await expect(batcher.transfer(tenantId, { id: randomUUID(), debitAccountId: clearing, creditAccountId: wallets[0]!, amount: 0, code: 'top_up', reference: { type: 't', id: 't' } }))
    .rejects.toMatchObject({ code: 'ledger.invalid_amount' });
});

it('decides each transfer of a batch against what the earlier ones left, holds and offline debt included', async () => {
  const batcher = createLedgerBatcher(ctx.deps.db, { maxInFlight: 1 });
  const ref = { type: 'test', id: 'sequence' };
  const [spender, receiver] = [wallets[3]!, wallets[4]!];
  const account = () => ctx.handle.asOwner((db) => db.selectFrom('ledger_accounts').selectAll().where('id', '=', spender).executeTakeFirstOrThrow());
  const earlier = await account();
  const room = earlier.credits_posted - earlier.debits_posted - earlier.debits_pending;
  if (room > 0) await batcher.transfer(tenantId, { id: randomUUID(), debitAccountId: spender, creditAccountId: receiver, amount: room, code: 'transfer', reference: ref });
  await batcher.transfer(tenantId, { id: randomUUID(), debitAccountId: clearing, creditAccountId: spender, amount: 1000, code: 'top_up', reference: ref });
  const start = await account();
  const stored = await batcher.transfer(tenantId, { id: randomUUID(), debitAccountId: spender, creditAccountId: receiver, amount: 100, code: 'transfer', reference: ref });
  const before = await ctx.handle.asOwner((db) => db.selectFrom('ledger_transfers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow());

  // Straight into the database function, so no fallback of the batcher can hide a failed batch.
  const inputs: TransferInput[] = [
    { id: randomUUID(), debitAccountId: spender, creditAccountId: receiver, amount: 600, code: 'usage', reference: ref, pendingTimeoutSeconds: 60 },
    { id: randomUUID(), debitAccountId: spender, creditAccountId: receiver, amount: 301, code: 'transfer', reference: ref },
    { id: randomUUID(), debitAccountId: spender, creditAccountId: receiver, amount: 300, code: 'transfer', reference: ref },
    { id: randomUUID(), debitAccountId: spender, creditAccountId: receiver, amount: 50, code: 'usage', reference: ref, allowOfflineDebt: true },
    { id: stored.id, debitAccountId: spender, creditAccountId: receiver, amount: 100, code: 'transfer', reference: ref },
    { id: stored.id, debitAccountId: spender, creditAccountId: receiver, amount: 101, code: 'transfer', reference: ref },
    { id: randomUUID(), debitAccountId: randomUUID(), creditAccountId: receiver, amount: 1, code: 'transfer', reference: ref },
  ];
  const outcomes = await applyBatch(ctx.deps.db, tenantId, inputs.map(validateNewTransfer), new Date());
  expect(outcomes.map((o) => ('error' in o ? o.error : 'ok'))).toEqual([
    'ok', 'ledger.insufficient_funds', 'ok', 'ok', 'ok', 'ledger.id_reused', 'ledger.account_not_found',
  ]);
  const transfers = outcomes.map((o) => ('transfer' in o ? toTransfer(o.transfer) : null));
  expect(transfers[4]).toEqual(stored);
  expect(transfers[0]).toMatchObject({ kind: 'pending', amount: 600 });
  expect(transfers[0]!.expiresAt).not.toBeNull();

  const spent = await account();
  // 1000 in; 100 + 300 + 50 (offline) posted out; 600 held: 50 into debt.
  expect({ debits: spent.debits_posted - start.debits_posted, held: spent.debits_pending - start.debits_pending })
    .toEqual({ debits: 450, held: 600 });
  expect(spent.credits_posted - spent.debits_posted - spent.debits_pending).toBe(-50);
  const after = await ctx.handle.asOwner((db) => db.selectFrom('ledger_transfers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow());
  expect(Number(after.n) - Number(before.n)).toBe(3);
  expect(await ctx.handle.asOwner((db) => checkLedgerInvariants(db))).toEqual([]);
});
