// Claiming end to end: a new badge was tapped at the laundry terminal before anyone registered
// it, so it opened an empty account, and 5.00 were paid onto it. Anna claims it with the label
// printed on it: the badge and the money become hers.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { inTenant } from '../../server/src/db/scope.ts';
import { authorize } from '../../server/src/modules/authorization/authorization.usecases.ts';
import { addStock, demoIds } from '../../server/src/modules/credentials/credentials.fixtures.ts';
import { createTransfer, systemAccount, walletOf } from '../../server/src/modules/ledger/ledger.usecases.ts';
import { logIn, startE2E, type E2E } from './harness.ts';

let e2e: E2E;
const LABEL = 'ID*heimbau*E2E-0101';

beforeAll(async () => {
  e2e = await startE2E();
  const { deps } = e2e.running;
  const ids = await demoIds(deps.db);
  await addStock(deps.db, ids.heimbau, [{ uid: '04E2E0000001C1', label: LABEL }]);
  const tap = await authorize(deps, { tenantId: ids.heimbau, deviceId: 'WASCH-1', purpose: 'laundry', idTag: '04E2E0000001C1' });
  expect(tap.status).toBe('Accepted');
  await inTenant(deps.db, ids.heimbau, async (tx) => createTransfer(tx, ids.heimbau, {
    id: randomUUID(), debitAccountId: await systemAccount(tx, ids.heimbau, 'bank_clearing'),
    creditAccountId: (await walletOf(tx, ids.heimbau, tap.personId!)).id, amount: 500, code: 'top_up', reference: { type: 'test', id: 'badgeclaim-e2e' },
  }));
});
afterAll(async () => { await e2e?.close(); });

it('a resident claims a badge that registered itself at a terminal, with the money paid onto it', async () => {
  const page = await e2e.newPage('en');
  await logIn(page, 'resident@demo.test');
  await page.getByRole('link', { name: 'My badges', exact: true }).click();
  const form = page.getByRole('form', { name: 'Claim a badge' });
  await form.waitFor();

  await form.getByRole('textbox', { name: 'Label on the badge' }).fill('ID*heimbau*E2E-9999');
  await form.getByRole('button', { name: 'Claim badge' }).click();
  await form.getByRole('alert').getByText('No badge with this label is registered with your property manager.', { exact: false }).waitFor();

  await form.getByRole('textbox', { name: 'Label on the badge' }).fill(LABEL.toLowerCase());
  await form.getByRole('button', { name: 'Claim badge' }).click();
  await page.getByText(`Badge ${LABEL} is now yours; €5.00 moved to your wallet.`).waitFor();
  await page.getByRole('table', { name: 'Badges and remote fobs' }).getByRole('row').filter({ hasText: LABEL }).getByText('Active', { exact: true }).waitFor();
  expect(await form.getByRole('textbox', { name: 'Label on the badge' }).inputValue()).toBe('');
});
