// Badges end to end: Anna reports her badge lost (it stops at once) and asks for a replacement;
// staff approve the request and hand out a badge from stock in the same step; the badge waits for
// its fee until Anna pays it from her balance, and then works.
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { inTenant } from '../../server/src/db/scope.ts';
import type { TenantActor } from '../../server/src/http/actor.ts';
import { addStock, demoIds } from '../../server/src/modules/credentials/credentials.fixtures.ts';
import { orderForPerson } from '../../server/src/modules/credentials/credentials.issue.usecases.ts';
import { createTransfer, systemAccount, walletOf } from '../../server/src/modules/ledger/ledger.usecases.ts';
import { logIn, startE2E, type E2E } from './harness.ts';

let e2e: E2E;
const FIRST = 'ID*heimbau*E2E-0001';
const SECOND = 'ID*heimbau*E2E-0002';

beforeAll(async () => {
  e2e = await startE2E();
  const { deps } = e2e.running;
  const ids = await demoIds(deps.db);
  const anna = ids.people['HEIMBAU-10001']!;
  await addStock(deps.db, ids.heimbau, [{ uid: '04E2E0000000A1', label: FIRST }, { uid: '04E2E0000000A2', label: SECOND }]);
  // Anna's badge, handed out earlier without a fee, and 10.00 on her balance for the next one.
  const office = { tenantId: ids.heimbau, role: 'manager_staff', personId: null, userId: randomUUID(), email: 'office@demo.test', displayName: 'Office', via: 'token' } as unknown as TenantActor;
  await orderForPerson(deps, office, { personId: anna, fulfil: { label: FIRST }, waiveFeeReason: 'Erstausstattung' });
  await inTenant(deps.db, ids.heimbau, async (tx) => createTransfer(tx, ids.heimbau, {
    id: randomUUID(), debitAccountId: await systemAccount(tx, ids.heimbau, 'card_clearing'),
    creditAccountId: (await walletOf(tx, ids.heimbau, anna)).id, amount: 1000, code: 'top_up', reference: { type: 'test', id: 'badges-e2e' },
  }));
});
afterAll(async () => { await e2e?.close(); });

async function loggedIn(email: string, link: string): Promise<Page> {
  const page = await e2e.newPage('en');
  await logIn(page, email);
  await page.getByRole('link', { name: link, exact: true }).click();
  return page;
}

const badgeRow = (page: Page, label: string) => page.getByRole('table', { name: 'Badges and remote fobs' }).getByRole('row').filter({ hasText: label });

it('a resident reports a badge lost and asks for a new one; staff approve and issue it from stock; paid from the balance it works', async () => {
  // Anna: her badge works; she reports it lost, confirming first.
  const anna = await loggedIn('resident@demo.test', 'My badges');
  await anna.getByRole('heading', { level: 1, name: 'My badges' }).waitFor();
  await badgeRow(anna, FIRST).getByText('Active', { exact: true }).waitFor();
  await badgeRow(anna, FIRST).getByRole('button', { name: 'Report lost' }).click();
  const confirmLost = anna.getByRole('dialog', { name: 'Report this badge lost?' });
  await confirmLost.getByText(`Badge ${FIRST} stops working at once`).waitFor();
  await confirmLost.getByRole('button', { name: 'Yes, report it lost' }).click();
  await badgeRow(anna, FIRST).getByText('Lost', { exact: true }).waitFor();
  expect(await badgeRow(anna, FIRST).getByRole('button', { name: 'Report lost' }).count()).toBe(0);
  const lost = await anna.evaluate(async () => (await fetch('/api/me/credentials')).json()) as { label: string; status: string }[];
  expect(lost.find((c) => c.label === FIRST)!.status).toBe('lost');

  // She asks for a replacement and sees what it costs.
  await anna.getByText('Every badge costs €6.50 plus €1.50 shipping (€8.00).').waitFor();
  const kind = anna.getByRole('combobox', { name: 'What you need' }).or(anna.getByRole('textbox', { name: 'What you need' })).first();
  // The demo gave Anna another badge that still works, so the form suggests an additional one; she asks for a replacement.
  await expect.poll(() => kind.inputValue()).toBe('Additional badge');
  await kind.click();
  await anna.getByRole('option', { name: 'Replacement for a lost badge' }).click();
  await expect.poll(() => kind.inputValue()).toBe('Replacement for a lost badge');
  await anna.getByRole('button', { name: 'Request badge' }).click();
  const confirmRequest = anna.getByRole('dialog', { name: 'Request a badge?' });
  await confirmRequest.getByText(/a fee of €8\.00 is charged/).waitFor();
  await confirmRequest.getByRole('button', { name: 'Request badge' }).click();
  const myRequests = anna.getByRole('table', { name: 'My requests' });
  await myRequests.getByRole('row').filter({ hasText: 'Replacement for a lost badge' }).getByText('Waiting', { exact: true }).waitFor();

  // Staff: the request is in the queue; approved, with the badge in hand taken from stock by its label.
  const staff = await loggedIn('staff@demo.test', 'Badges');
  await staff.getByRole('tab', { name: 'Requests' }).click();
  const request = staff.getByRole('row').filter({ hasText: 'Anna Huber' }).filter({ hasText: 'Replacement for a lost badge' });
  await request.getByRole('button', { name: 'Approve' }).click();
  const approve = staff.getByRole('dialog', { name: 'Approve this request?' });
  expect(await approve.getByRole('checkbox', { name: 'Issue a badge from stock now' }).isChecked()).toBe(true);
  await approve.getByText('By label').click();
  await approve.getByRole('textbox', { name: 'By label' }).fill(SECOND);
  await approve.getByRole('button', { name: 'Approve' }).click();
  await staff.getByText('Request approved; the badge is ordered and its fee billed.').waitFor();
  await expect.poll(() => request.count()).toBe(0);
  // Found by its label, it waits for the fee.
  await staff.getByRole('tab', { name: 'Find' }).click();
  await staff.getByLabel('Search').fill(SECOND);
  const found = staff.getByRole('table', { name: 'Badges found' }).getByRole('row').filter({ hasText: SECOND });
  await found.getByText('Awaiting fee', { exact: true }).waitFor();

  // Anna: the approval, the new badge waiting for its fee, and the way to pay it.
  await anna.reload();
  await myRequests.getByRole('row').filter({ hasText: 'Replacement for a lost badge' }).getByText('Approved', { exact: true }).waitFor();
  await badgeRow(anna, SECOND).getByText('Awaiting fee', { exact: true }).waitFor();
  await badgeRow(anna, SECOND).getByText('Fee of €8.00 not paid yet').waitFor();
  // The demo has Anna owe for another badge too: this fee is the newest.
  const fees = await anna.evaluate(async () => (await fetch('/api/me/fees')).json()) as { status: string; number: number; referenceFormatted: string }[];
  const newest = fees.filter((f) => f.status === 'open').sort((a, b) => b.number - a.number)[0]!;
  await anna.getByRole('link', { name: 'Go to my wallet' }).click();
  const fee = anna.getByRole('region', { name: 'Fee for Badge (Karte), Versand' }).filter({ hasText: newest.referenceFormatted });
  await fee.getByRole('button', { name: 'Pay from balance' }).click();
  await anna.getByRole('dialog', { name: 'Pay this fee from your balance?' }).getByRole('button', { name: 'Pay €8.00' }).click();
  await anna.getByText('Fee paid.').waitFor();

  // The badge works.
  await anna.getByRole('link', { name: 'My badges', exact: true }).click();
  await badgeRow(anna, SECOND).getByText('Active', { exact: true }).waitFor();
  await staff.reload();
  await staff.getByLabel('Search').fill(SECOND);
  await staff.getByRole('table', { name: 'Badges found' }).getByRole('row').filter({ hasText: SECOND }).getByText('Active', { exact: true }).waitFor();
  await staff.getByRole('button', { name: `Open ${SECOND}` }).click();
  const history = staff.getByRole('table', { name: 'History' });
  await history.getByRole('row').filter({ hasText: 'Fee paid' }).waitFor();
  await anna.context().close();
  await staff.context().close();
});
