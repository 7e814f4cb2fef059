// Staff's money pages end to end: a manual credit with a reason that the resident finds on the
// statement, a refund request rejected with a reason the resident sees, an approved refund paid
// out in a pain.001 file downloaded from the page, and the manager's bank account settings
// refusing an invalid IBAN and QR-IBAN with a message; last, a refund request nobody decided
// expiring with its hold (the product's clock moved on by a month).
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { asPlatform, inTenant } from '../../server/src/db/scope.ts';
import { createTransfer, systemAccount, walletOf } from '../../server/src/modules/ledger/ledger.usecases.ts';
import { logIn, startE2E, type E2E } from './harness.ts';

let e2e: E2E;
beforeAll(async () => { e2e = await startE2E(); });
afterAll(async () => { await e2e?.close(); });

interface WalletJson { available: number; pendingDebits: number; personId: string; customerNumber: string }
const euro = (minor: number) => new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' }).format(minor / 100);
const api = <T,>(page: Page, path: string) => page.evaluate(async (p) => (await fetch(p)).json(), path) as Promise<T>;
const shown = (page: Page) => page.getByTestId('available-balance').textContent();
const RESIDENT_IBAN = 'AT483200000012345864';

async function loggedIn(email: string, firstLink: string): Promise<Page> {
  const page = await e2e.newPage('en');
  await logIn(page, email);
  await page.getByRole('link', { name: firstLink, exact: true }).click();
  return page;
}

async function residentWallet(): Promise<Page> {
  const page = await loggedIn('resident@demo.test', 'Wallet');
  await page.getByTestId('available-balance').waitFor();
  return page;
}

/** Anna asks for her whole balance back through the Refund tab. */
async function requestRefund(anna: Page) {
  await anna.getByRole('tab', { name: 'Refund' }).click();
  await anna.getByLabel(/^IBAN/).fill('AT48 3200 0000 1234 5864');
  await anna.getByRole('button', { name: 'Request refund' }).click();
  await anna.getByRole('dialog', { name: 'Request a refund?' }).getByRole('button', { name: 'Request refund' }).click();
  await anna.getByRole('row').filter({ hasText: 'Requested' }).waitFor();
  await expect.poll(() => shown(anna)).toBe(euro(0));
}

it('staff credit a wallet by hand with a reason; the resident sees the balance and the statement line', async () => {
  const anna = await residentWallet();
  const before = await api<WalletJson>(anna, '/api/wallet');

  const staff = await loggedIn('staff@demo.test', 'Wallets');
  await staff.getByLabel('Search').fill(before.customerNumber);
  await staff.getByRole('link', { name: 'Anna Huber' }).click();
  await staff.getByRole('heading', { level: 1, name: `Anna Huber · ${before.customerNumber}` }).waitFor();
  expect(await shown(staff)).toBe(euro(before.available));

  const correction = staff.getByRole('form', { name: 'Correct the balance' });
  await correction.getByLabel(/^Amount \(EUR\)/).fill('25.40');
  await correction.getByLabel(/^Reason/).fill('Cash paid in at the office');
  await correction.getByRole('button', { name: 'Credit wallet' }).click();
  const confirm = staff.getByRole('dialog', { name: 'Credit wallet' });
  expect(await confirm.textContent()).toContain(`Credit ${euro(2540)} to Anna Huber? Reason: Cash paid in at the office`);
  await confirm.getByRole('button', { name: 'Confirm' }).click();
  await staff.getByText('Credited.').waitFor();
  await expect.poll(() => shown(staff)).toBe(euro(before.available + 2540));
  const line = staff.getByRole('row').filter({ hasText: 'Correction: Cash paid in at the office' });
  await line.waitFor();
  expect(await line.textContent()).toContain(euro(2540));
  await staff.context().close();

  await anna.reload();
  await expect.poll(() => shown(anna)).toBe(euro(before.available + 2540));
  await anna.getByRole('tab', { name: 'Statement' }).click();
  const own = anna.getByRole('row').filter({ hasText: 'Correction: Cash paid in at the office' });
  await own.waitFor();
  expect(await own.textContent()).toContain(euro(2540));
  await anna.context().close();
});

it('staff reject a refund request with a reason; the resident sees it rejected, with the reason, and the money back', async () => {
  const anna = await residentWallet();
  const before = await api<WalletJson>(anna, '/api/wallet');
  await requestRefund(anna);

  const staff = await loggedIn('staff@demo.test', 'Refunds');
  const request = staff.getByRole('row').filter({ hasText: 'Anna Huber' });
  await request.getByRole('button', { name: 'Reject' }).click();
  const dialog = staff.getByRole('dialog', { name: 'Reject this refund?' });
  expect(await dialog.textContent()).toContain(`The ${euro(before.available)} reserved for Anna Huber become available again.`);
  // No reason, no rejection: the button waits for one.
  expect(await dialog.getByRole('button', { name: 'Reject' }).isDisabled()).toBe(true);
  await dialog.getByLabel(/^Reason/).fill('The account is not in your name');
  await dialog.getByRole('button', { name: 'Reject' }).click();
  await expect.poll(() => request.count()).toBe(0);
  await staff.locator('label', { hasText: /^Rejected$/ }).click();
  await staff.getByRole('row').filter({ hasText: 'Anna Huber' }).filter({ hasText: 'The account is not in your name' }).waitFor();
  await staff.context().close();

  await anna.reload();
  await expect.poll(() => shown(anna)).toBe(euro(before.available));
  await anna.getByRole('tab', { name: 'Refund' }).click();
  const row = anna.getByRole('row').filter({ hasText: 'Rejected' });
  await row.waitFor();
  expect(await row.textContent()).toContain('The account is not in your name');
  // Decided: the resident may ask again.
  expect(await anna.getByRole('button', { name: 'Request refund' }).isDisabled()).toBe(true); // the IBAN field is empty again
  await anna.getByLabel(/^IBAN/).fill(RESIDENT_IBAN);
  expect(await anna.getByRole('button', { name: 'Request refund' }).isEnabled()).toBe(true);
  await anna.context().close();
});

it('staff approve a refund and download the payout file: a pain.001 with the resident\'s IBAN', async () => {
  const anna = await residentWallet();
  const before = await api<WalletJson>(anna, '/api/wallet');
  await requestRefund(anna);
  await anna.context().close();

  const staff = await loggedIn('staff@demo.test', 'Refunds');
  await staff.getByRole('row').filter({ hasText: 'Anna Huber' }).getByRole('button', { name: 'Approve' }).click();
  await staff.getByRole('dialog', { name: 'Approve this refund?' }).getByRole('button', { name: 'Approve' }).click();
  await expect.poll(() => staff.getByRole('row').filter({ hasText: 'Anna Huber' }).count()).toBe(0);

  await staff.getByRole('button', { name: 'Create payout file' }).click();
  await staff.getByRole('dialog', { name: 'Create payout file' }).getByRole('button', { name: 'Create payout file' }).click();
  await staff.getByText('Payout file created with 1 refunds.').waitFor();
  const batches = staff.getByRole('table', { name: 'Payout files' });
  const link = batches.getByRole('link', { name: /\.xml$/ });
  const fileName = (await link.textContent())!;

  const [download] = await Promise.all([staff.waitForEvent('download'), link.click()]);
  expect(download.suggestedFilename()).toBe(fileName);
  const xml = await readFile((await download.path())!, 'utf8');
  expect(xml).toContain('urn:iso:std:iso:20022:tech:xsd:pain.001.001.09');
  expect(xml).toContain(`<IBAN>${RESIDENT_IBAN}</IBAN>`);
  expect(xml).toContain('<IBAN>AT611904300234573201</IBAN>'); // Heimbau's account pays
  expect(xml).toContain(`<InstdAmt Ccy="EUR">${((before.available - 150) / 100).toFixed(2)}</InstdAmt>`);

  // The refund is paid now; the next run finds nothing.
  await staff.locator('label', { hasText: /^Paid$/ }).click();
  await staff.getByRole('row').filter({ hasText: 'Anna Huber' }).filter({ hasText: RESIDENT_IBAN }).waitFor();
  await staff.getByRole('button', { name: 'Create payout file' }).click();
  const again = staff.getByRole('dialog', { name: 'Create payout file' });
  await again.getByRole('button', { name: 'Create payout file' }).click();
  await again.getByRole('alert').filter({ hasText: 'There are no approved refunds waiting for payout.' }).waitFor();
  await staff.context().close();
});

it('the manager edits the bank account; an invalid IBAN or QR-IBAN is refused with a message, valid ones are kept', async () => {
  const page = await loggedIn('regie@demo.test', 'Bank account');
  const iban = page.getByLabel(/^IBAN/);
  const qrIban = page.getByLabel(/^QR-IBAN/);
  await expect.poll(() => iban.inputValue()).toBe('CH9300762011623852957');
  // The page also holds the refund fee form (with its own Save), which this test leaves alone.
  const save = page.locator('form').filter({ has: page.getByRole('heading', { name: 'Account for top-ups' }) }).getByRole('button', { name: 'Save' });

  await iban.fill('CH93 0076 2011 6238 5295 8'); // one digit off: the check digits fail
  await save.click();
  await page.getByRole('alert').filter({ hasText: 'This is not a valid IBAN here.' }).waitFor();

  // A normal IBAN where a QR-IBAN belongs (its bank code is not in the QR range).
  await iban.fill('CH93 0076 2011 6238 5295 7');
  await qrIban.fill('CH93 0076 2011 6238 5295 7');
  await save.click();
  await page.getByRole('alert').filter({ hasText: 'This is not a QR-IBAN.' }).waitFor();

  await iban.fill('CH56 0483 5012 3456 7800 9');
  await qrIban.fill('CH44 3199 9123 0008 8901 2');
  await page.getByLabel(/^City/).fill('Lausanne-Ouchy');
  await save.click();
  await page.getByText('Saved', { exact: true }).waitFor();
  expect(await page.getByRole('alert').filter({ hasText: /not a (valid IBAN|QR-IBAN)/ }).count()).toBe(0);

  await page.reload();
  await expect.poll(() => page.getByLabel(/^IBAN/).inputValue()).toBe('CH5604835012345678009');
  expect(await page.getByLabel(/^QR-IBAN/).inputValue()).toBe('CH4431999123000889012');
  expect(await page.getByLabel(/^City/).inputValue()).toBe('Lausanne-Ouchy');
  await page.context().close();
});

/** Money for a resident without going through a page (the flows above test those). */
async function cardTopUp(email: string, amount: number) {
  const { db } = e2e.running.deps;
  const person = await asPlatform(db, (tx) => tx.selectFrom('people').select(['id', 'tenant_id']).where('email', '=', email).executeTakeFirstOrThrow());
  await inTenant(db, person.tenant_id, async (tx) => createTransfer(tx, person.tenant_id, {
    id: randomUUID(), debitAccountId: await systemAccount(tx, person.tenant_id, 'card_clearing'),
    creditAccountId: (await walletOf(tx, person.tenant_id, person.id)).id, amount, code: 'top_up', reference: { type: 'e2e', id: 'top-up' },
  }));
}

it('a refund request nobody decides expires: staff are offered no decision, the resident sees it expired and may ask again', async () => {
  await cardTopUp('resident@demo.test', 1800);
  let anna = await residentWallet();
  const before = await api<WalletJson>(anna, '/api/wallet');
  await requestRefund(anna);
  await anna.context().close();

  const staff = await loggedIn('staff@demo.test', 'Refunds');
  await staff.getByRole('row').filter({ hasText: 'Anna Huber' }).getByRole('button', { name: 'Approve' }).waitFor();
  await staff.context().close();

  // A month later (the hold lasts 30 days). Sessions do not last that long: everyone logs in again.
  const { deps } = e2e.running;
  const clock = deps.clock;
  deps.clock = { now: () => new Date(Date.now() + 31 * 86_400_000) };
  try {
    const later = await loggedIn('staff@demo.test', 'Refunds');
    await later.getByRole('heading', { level: 1, name: 'Refunds' }).waitFor();
    await later.getByText('Nothing here yet').waitFor(); // the queue of open requests is empty
    await later.locator('label', { hasText: /^Expired$/ }).click();
    const row = later.getByRole('row').filter({ hasText: 'Anna Huber' }).filter({ hasText: 'Expired' });
    await row.waitFor();
    expect(await row.getByRole('button').count()).toBe(0);
    await later.context().close();

    anna = await residentWallet();
    await expect.poll(() => shown(anna)).toBe(euro(before.available));
    await anna.getByRole('tab', { name: 'Refund' }).click();
    const own = anna.getByRole('row').filter({ hasText: 'Expired' });
    await own.waitFor();
    expect(await own.textContent()).toContain('Not decided in time; the amount is available in your balance again.');
    expect(await anna.getByText('A refund request is already waiting for a decision.').count()).toBe(0);
    await requestRefund(anna);
    await anna.context().close();
  } finally {
    deps.clock = clock;
  }
});
