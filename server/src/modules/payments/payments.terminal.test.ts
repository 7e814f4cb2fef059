import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../../db/scope.ts';
import { createTestContext, login, type TestContext } from '../../test/app.ts';
import { getAccount, systemAccount, walletOf } from '../ledger/ledger.usecases.ts';
import { creditFromTerminalCard } from './payments.terminal.usecases.ts';

let ctx: TestContext;
let tenantId: string;
let personId: string;
beforeAll(async () => {
  ctx = await createTestContext();
  const me = (await (await login(ctx.app, 'resident@demo.test')).request('GET', '/api/me')).body;
  tenantId = me.tenant.id;
  personId = me.personId;
});
afterAll(async () => { await ctx.close(); });

const balances = () => inTenant(ctx.deps.db, tenantId, async (tx) => ({
  wallet: (await walletOf(tx, tenantId, personId)).available,
  clearing: (await getAccount(tx, tenantId, await systemAccount(tx, tenantId, 'terminal_card_clearing'))).posted,
}));

describe('top-up with a bank card at the terminal', () => {
  it('credits the wallet from the terminal-card clearing account once per terminal transaction', async () => {
    const before = await balances();
    const terminalTransactionId = `T-${randomUUID()}`;
    const first = await creditFromTerminalCard(ctx.deps, { tenantId, personId, amountMinor: 2000, terminalTransactionId });
    const resent = await creditFromTerminalCard(ctx.deps, { tenantId, personId, amountMinor: 2000, terminalTransactionId });
    expect(resent.id).toBe(first.id);
    expect(first).toMatchObject({ code: 'top_up', amount: 2000, referenceType: 'terminal_card', referenceId: terminalTransactionId });
    expect(await balances()).toEqual({ wallet: before.wallet + 2000, clearing: before.clearing - 2000 });
  });

  it('refuses the same terminal transaction with another amount, and an unknown person', async () => {
    const terminalTransactionId = `T-${randomUUID()}`;
    await creditFromTerminalCard(ctx.deps, { tenantId, personId, amountMinor: 1000, terminalTransactionId });
    await expect(creditFromTerminalCard(ctx.deps, { tenantId, personId, amountMinor: 9000, terminalTransactionId }))
      .rejects.toMatchObject({ code: 'ledger.id_reused' });
    await expect(creditFromTerminalCard(ctx.deps, { tenantId, personId: randomUUID(), amountMinor: 1000, terminalTransactionId: 'T-x' }))
      .rejects.toMatchObject({ code: 'payments.person_not_found' });
  });
});
