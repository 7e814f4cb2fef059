import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../../db/scope.ts';
import { createTestContext, type TestContext } from '../../test/app.ts';
import { createTransfer, expireHold, expireHolds, getAccount, isInDebt, postPending, systemAccount, transferId, voidPending, walletOf } from './ledger.usecases.ts';

let ctx: TestContext;
let tenantId: string;
let people: string[];
beforeAll(async () => {
  ctx = await createTestContext();
  const tenant = await ctx.handle.asOwner((db) => db.selectFrom('tenants').select('id').where('short_code', '=', 'heimbau').executeTakeFirstOrThrow());
  tenantId = tenant.id;
  people = (await ctx.handle.asOwner((db) => db.selectFrom('people').select('id').where('tenant_id', '=', tenantId).orderBy('customer_number').execute())).map((p) => p.id);
});
afterAll(async () => { await ctx.close(); });

const run = <T,>(work: Parameters<typeof inTenant<T>>[2]) => inTenant(ctx.deps.db, tenantId, work);
const ref = { type: 'test', id: 't' };

async function topUp(personId: string, amount: number, id = randomUUID()) {
  return run(async (tx) => createTransfer(tx, tenantId, {
    id, debitAccountId: await systemAccount(tx, tenantId, 'card_clearing'), creditAccountId: (await walletOf(tx, tenantId, personId)).id,
    amount, code: 'top_up', reference: ref,
  }));
}

describe('ledger', () => {
  it('opens one wallet per person in the tenant currency and credits a top-up', async () => {
    await topUp(people[0]!, 2000);
    const wallet = await run((tx) => walletOf(tx, tenantId, people[0]!));
    expect(wallet).toMatchObject({ kind: 'wallet', currency: 'EUR', posted: 2000, available: 2000 });
    const again = await run((tx) => walletOf(tx, tenantId, people[0]!));
    expect(again.id).toBe(wallet.id);
  });

  it('returns the first result for a retry with the same id, and refuses the same id with other content', async () => {
    const id = randomUUID();
    const first = await topUp(people[1]!, 500, id);
    const retry = await topUp(people[1]!, 500, id);
    expect(retry).toEqual(first);
    expect((await run((tx) => walletOf(tx, tenantId, people[1]!))).posted).toBe(500);
    await expect(topUp(people[1]!, 700, id)).rejects.toMatchObject({ code: 'ledger.id_reused', status: 409 });
  });

  it('applies concurrent retries of one transfer exactly once', async () => {
    const id = randomUUID();
    const before = (await run((tx) => walletOf(tx, tenantId, people[2]!))).posted;
    await Promise.all(Array.from({ length: 8 }, () => topUp(people[2]!, 300, id)));
    expect((await run((tx) => walletOf(tx, tenantId, people[2]!))).posted).toBe(before + 300);
  });

  it('never lets a wallet spend more than it holds', async () => {
    await topUp(people[3]!, 1000);
    const spend = (amount: number) => run(async (tx) => createTransfer(tx, tenantId, {
      id: randomUUID(), debitAccountId: (await walletOf(tx, tenantId, people[3]!)).id, creditAccountId: await systemAccount(tx, tenantId, 'revenue'),
      amount, code: 'usage', reference: ref,
    }));
    await expect(spend(1001)).rejects.toMatchObject({ code: 'ledger.insufficient_funds' });
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => spend(300)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    expect((await run((tx) => walletOf(tx, tenantId, people[3]!))).available).toBe(100);
  });

  it('holds money, posts part of it and returns the rest; a void returns all; an expired hold returns all', async () => {
    const person = people[4]!;
    await topUp(person, 1000);
    const hold = (amount: number, timeout = 600) => run(async (tx) => createTransfer(tx, tenantId, {
      id: randomUUID(), debitAccountId: (await walletOf(tx, tenantId, person)).id, creditAccountId: await systemAccount(tx, tenantId, 'revenue'),
      amount, code: 'usage', reference: ref, pendingTimeoutSeconds: timeout,
    }));
    const wallet = () => run((tx) => walletOf(tx, tenantId, person));

    const h1 = await hold(600);
    expect(await wallet()).toMatchObject({ posted: 1000, pendingDebits: 600, available: 400 });
    await expect(hold(500)).rejects.toMatchObject({ code: 'ledger.insufficient_funds' });
    await run((tx) => postPending(tx, tenantId, { id: randomUUID(), pendingId: h1.id, amount: 250 }));
    expect(await wallet()).toMatchObject({ posted: 750, pendingDebits: 0, available: 750 });
    await expect(run((tx) => voidPending(tx, tenantId, { id: randomUUID(), pendingId: h1.id }))).rejects.toMatchObject({ code: 'ledger.hold_resolved' });

    const h2 = await hold(300);
    await expect(run((tx) => postPending(tx, tenantId, { id: randomUUID(), pendingId: h2.id, amount: 301 }))).rejects.toMatchObject({ code: 'ledger.post_exceeds_hold' });
    await run((tx) => voidPending(tx, tenantId, { id: randomUUID(), pendingId: h2.id }));
    expect(await wallet()).toMatchObject({ posted: 750, available: 750 });

    await hold(200, 60);
    const later = new Date(Date.now() + 61_000);
    expect(await run((tx) => expireHolds(tx, tenantId, later))).toBe(1);
    expect(await run((tx) => expireHolds(tx, tenantId, later))).toBe(0);
    expect(await wallet()).toMatchObject({ posted: 750, available: 750 });

    // One hold expired by whoever notices first; the worker then finds nothing, a retry the same transfer.
    const h3 = await hold(100, 60);
    const other = await hold(50, 60);
    await expect(run((tx) => expireHold(tx, tenantId, h3.id, new Date()))).rejects.toMatchObject({ code: 'ledger.hold_not_expired' });
    const expired = await run((tx) => expireHold(tx, tenantId, h3.id, later));
    expect(expired).toMatchObject({ kind: 'expire_pending', pendingId: h3.id, amount: 100 });
    expect(await run((tx) => expireHold(tx, tenantId, h3.id, later))).toEqual(expired);
    expect(await wallet()).toMatchObject({ available: 700, pendingDebits: 50 });
    await run((tx) => voidPending(tx, tenantId, { id: randomUUID(), pendingId: other.id }));
    expect(await run((tx) => expireHold(tx, tenantId, other.id, later))).toBeNull();
  });

  it('lets offline usage take a wallet into recorded debt, and keeps double entry balanced', async () => {
    const person = people[4]!;
    await run(async (tx) => createTransfer(tx, tenantId, {
      id: randomUUID(), debitAccountId: (await walletOf(tx, tenantId, person)).id, creditAccountId: await systemAccount(tx, tenantId, 'revenue'),
      amount: 900, code: 'usage', reference: ref, allowOfflineDebt: true,
    }));
    const wallet = await run((tx) => walletOf(tx, tenantId, person));
    expect(wallet.posted).toBe(-150);
    expect(isInDebt(wallet)).toBe(true);
    const totals = await ctx.handle.asOwner((db) => db.selectFrom('ledger_accounts')
      .select((eb) => [eb.fn.sum<number>('debits_posted').as('d'), eb.fn.sum<number>('credits_posted').as('c')]).executeTakeFirstOrThrow());
    expect(Number(totals.d)).toBe(Number(totals.c));
  });

  it('refuses a transfer to an account of another tenant', async () => {
    const regie = await ctx.handle.asOwner((db) => db.selectFrom('tenants').select('id').where('short_code', '=', 'regielac').executeTakeFirstOrThrow());
    const regiePerson = await ctx.handle.asOwner((db) => db.selectFrom('people').select('id').where('tenant_id', '=', regie.id).executeTakeFirstOrThrow());
    const foreignWallet = await inTenant(ctx.deps.db, regie.id, (tx) => walletOf(tx, regie.id, regiePerson.id));
    await expect(run(async (tx) => createTransfer(tx, tenantId, {
      id: randomUUID(), debitAccountId: await systemAccount(tx, tenantId, 'card_clearing'), creditAccountId: foreignWallet.id,
      amount: 100, code: 'top_up', reference: ref,
    }))).rejects.toMatchObject({ code: 'ledger.account_not_found' });
  });

  it('keeps transfers immutable for the application', async () => {
    await expect(run((tx) => tx.updateTable('ledger_transfers').set({ amount: 1 }).where('tenant_id', '=', tenantId).execute())).rejects.toThrow(/permission denied/);
  });

  it('derives the same transfer id from the same outside event', () => {
    expect(transferId('stripe', 'pi_1')).toBe(transferId('stripe', 'pi_1'));
    expect(transferId('stripe', 'pi_1')).not.toBe(transferId('stripe', 'pi_2'));
    expect(transferId('stripe', 'pi_1')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

it('reads an account by id', async () => {
  const wallet = await run((tx) => walletOf(tx, tenantId, people[0]!));
  expect((await run((tx) => getAccount(tx, tenantId, wallet.id))).id).toBe(wallet.id);
});
