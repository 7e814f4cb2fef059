// A resident's rights on her data, end to end (docs/PRIVACY.md): Anna downloads her data under
// Security → Your data (a ZIP whose data.json names her), is refused deletion while her wallet
// holds money (with the way to the refund), and once it is empty asks again, follows the mailed
// link in a browser that is not logged in, confirms, and is gone: her old session ends and her
// login fails. The link cannot be used twice.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { asPlatform, inTenant } from '../../server/src/db/scope.ts';
import { createTransfer, systemAccount, walletOf } from '../../server/src/modules/ledger/ledger.usecases.ts';
import { walletBalance } from '../../server/src/modules/privacy/privacy.repository.ts';
import { logIn, startE2E, type E2E } from './harness.ts';
import { decodeQuotedPrintable, startMailbox, type Mailbox } from './mailbox.ts';

const EMAIL = 'resident@demo.test';
let e2e: E2E;
let mailbox: Mailbox;
beforeAll(async () => {
  mailbox = await startMailbox();
  e2e = await startE2E({ SMTP_URL: mailbox.url });
});
afterAll(async () => {
  await e2e?.close();
  await mailbox?.close();
});

/** Pays Anna's whole balance out in cash, as the office would book it. */
async function emptyAnnasWallet(): Promise<void> {
  const { db } = e2e.running.deps;
  const anna = await asPlatform(db, (tx) => tx.selectFrom('people').select(['tenant_id', 'id']).where('customer_number', '=', 'HEIMBAU-10001').executeTakeFirstOrThrow());
  await inTenant(db, anna.tenant_id, async (tx) => {
    const balance = await walletBalance(tx, anna.tenant_id, anna.id);
    expect(balance).toBeGreaterThan(0);
    await createTransfer(tx, anna.tenant_id, {
      id: randomUUID(), debitAccountId: (await walletOf(tx, anna.tenant_id, anna.id)).id, creditAccountId: await systemAccount(tx, anna.tenant_id, 'adjustments'),
      amount: balance, code: 'adjustment', reference: { type: 'e2e', id: 'privacy-payout' }, note: 'Auszahlung bar',
    });
  });
}

it('a resident downloads her data, then deletes her account by the mailed link and can no longer log in', async () => {
  const page = await e2e.newPage('en');
  await logIn(page, EMAIL);
  await page.getByRole('link', { name: 'Security', exact: true }).click();
  await page.getByRole('tab', { name: 'Your data' }).click();

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download my data' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^concierge-data-\d{4}-\d{2}-\d{2}\.zip$/);
  const files = unzipSync(new Uint8Array(readFileSync((await download.path())!)));
  const data = JSON.parse(strFromU8(files['data.json']!)) as { sections: Record<string, Record<string, unknown>[]> };
  expect(data.sections.people![0]).toMatchObject({ first_name: 'Anna', last_name: 'Huber' });
  expect(data.sections.users![0]).toMatchObject({ email: EMAIL });
  expect(Object.keys(files).some((name) => name.startsWith('csv/'))).toBe(true);
  await page.getByText(`Your data was saved as ${download.suggestedFilename()}.`).waitFor();

  // Money on the wallet: refused, with the way to the refund.
  await page.getByRole('button', { name: 'Delete my account …' }).click();
  await page.getByRole('dialog', { name: 'Delete your account?' }).getByRole('button', { name: 'Send the confirmation e-mail' }).click();
  const refusal = page.getByRole('alert').filter({ hasText: 'Your account cannot be deleted yet' });
  await refusal.getByText('Your wallet still holds money.', { exact: false }).waitFor();
  expect(await refusal.getByRole('link', { name: 'Ask for a refund (Wallet → Refund)' }).getAttribute('href')).toBe('/wallet');
  expect(mailbox.received.filter((m) => m.to.includes(EMAIL))).toHaveLength(0);

  await emptyAnnasWallet();
  await page.getByRole('button', { name: 'Delete my account …' }).click();
  await page.getByRole('dialog', { name: 'Delete your account?' }).getByRole('button', { name: 'Send the confirmation e-mail' }).click();
  await page.getByText(`Open the link in the e-mail we sent to ${EMAIL} within 24 hours`, { exact: false }).waitFor();
  expect(await refusal.count()).toBe(0);

  await expect.poll(() => mailbox.received.filter((m) => m.to.includes(EMAIL)).length, { timeout: 10_000 }).toBe(1);
  const text = decodeQuotedPrintable(mailbox.received.find((m) => m.to.includes(EMAIL))!.raw);
  const link = new URL(/https?:\/\/\S+\/delete-account\?token=[\w%-]+/.exec(text)![0]);

  // The link works without a session: another browser.
  const confirmation = await e2e.newPage('en');
  await confirmation.goto(link.pathname + link.search);
  await confirmation.getByText('This cannot be undone').waitFor();
  await confirmation.getByRole('button', { name: 'Delete my account for good' }).click();
  await confirmation.getByRole('status').getByText('Your account has been deleted. A confirmation e-mail was sent to you.').waitFor();
  await expect.poll(() => mailbox.received.filter((m) => m.to.includes(EMAIL)).length, { timeout: 10_000 }).toBe(2);

  await confirmation.getByRole('link', { name: 'To the login page' }).click();
  await confirmation.waitForURL('**/login');
  await logIn(confirmation, EMAIL);
  await expect.poll(() => confirmation.getByRole('alert').textContent()).toContain('E-mail or password is wrong.');

  // Her old session ended with the account; the link is spent.
  await page.goto('/security');
  await page.waitForURL('**/login');
  await confirmation.goto(link.pathname + link.search);
  await confirmation.getByRole('button', { name: 'Delete my account for good' }).click();
  await confirmation.getByRole('alert').getByText('This link is invalid, has already been used or has expired', { exact: false }).waitFor();
  await page.context().close();
  await confirmation.context().close();
});
