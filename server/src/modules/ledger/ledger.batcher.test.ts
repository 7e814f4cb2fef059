import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { inTenant } from '../../db/scope.ts';
import { createTestContext, type TestContext } from '../../test/app.ts';
import { createLedgerBatcher } from './ledger.batcher.ts';
import { checkLedgerInvariants } from './ledger.invariants.ts';
import { systemAccount, walletOf } from './ledger.usecases.ts';

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
