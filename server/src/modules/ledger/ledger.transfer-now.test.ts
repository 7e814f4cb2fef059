// transferNow runs outside inTenant: the tenant it names must still be the only one it can touch.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client.ts';
import { inTenant } from '../../db/scope.ts';
import { createTestDatabase } from '../../test/database.ts';
import { ledgerFixture } from './ledger.fixtures.ts';
import { createTransfer, getAccount, systemAccount, transferNow, walletOf } from './ledger.usecases.ts';

let handle: DatabaseHandle;
const books: { tenantId: string; wallet: string; clearing: string }[] = [];
beforeAll(async () => {
  handle = await createTestDatabase();
  for (const shortCode of ['nowa', 'nowb']) {
    const { tenantId, personIds } = await handle.asOwner((owner) => ledgerFixture(owner, { shortCode, currency: 'EUR', people: 1 }));
    books.push(await inTenant(handle.db, tenantId, async (tx) => ({
      tenantId, wallet: (await walletOf(tx, tenantId, personIds[0]!)).id, clearing: await systemAccount(tx, tenantId, 'card_clearing'),
    })));
  }
});
afterAll(async () => { await handle.close(); });

it('credits a top-up once, whether retried through transferNow or inside a transaction', async () => {
  const [a] = books;
  const input = { id: randomUUID(), debitAccountId: a!.clearing, creditAccountId: a!.wallet, amount: 700, code: 'top_up' as const, reference: { type: 'test', id: 'now' } };
  const first = await transferNow(handle.db, a!.tenantId, input);
  expect(await transferNow(handle.db, a!.tenantId, input)).toEqual(first);
  expect(await inTenant(handle.db, a!.tenantId, (tx) => createTransfer(tx, a!.tenantId, input))).toEqual(first);
  expect((await inTenant(handle.db, a!.tenantId, (tx) => getAccount(tx, a!.tenantId, a!.wallet))).posted).toBe(700);
  await expect(transferNow(handle.db, a!.tenantId, { ...input, amount: 701 })).rejects.toMatchObject({ code: 'ledger.id_reused' });
});

it('cannot reach an account of another tenant', async () => {
  const [a, b] = books;
  await expect(transferNow(handle.db, a!.tenantId, {
    id: randomUUID(), debitAccountId: a!.clearing, creditAccountId: b!.wallet, amount: 100, code: 'top_up', reference: { type: 'test', id: 'cross' },
  })).rejects.toMatchObject({ code: 'ledger.account_not_found' });
  expect((await inTenant(handle.db, b!.tenantId, (tx) => getAccount(tx, b!.tenantId, b!.wallet))).posted).toBe(0);
});
