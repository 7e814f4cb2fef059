// Smart locks, the administration around them: the property manager's admin keeps lock events
// 90 days and hides names after 7 (names hidden after 120 days, past the retention, are refused
// on their field); the operator pastes locks into the stock, a bad line is flagged by its number;
// the admin invites a login for the lock owner Karin Schlosser, whose mail arrives over SMTP and
// whose link makes a lock owner account that sees Karin's locks.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { choose, dismissLastLogins, type E2E, logIn, startE2E } from './harness.ts';
import { decodeQuotedPrintable, startMailbox, type Mailbox } from './mailbox.ts';

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

it('the admin keeps lock events 90 days, is refused hiding names after the events are gone, and hides them after 7 days', async () => {
  const page = await e2e.newPage('en');
  await logIn(page, 'manager@demo.test');
  await page.getByRole('link', { name: 'Lock event log', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Lock event log' }).waitFor();
  const retention = page.getByLabel('Keep events (days)');
  const pseudonymise = page.getByLabel('Hide names after (days)');
  expect(await retention.inputValue()).toBe('365');

  await retention.fill('90');
  await pseudonymise.fill('120');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  // The refusal is said on the pseudonymisation field (Mantine links the error to the input).
  await expect.poll(() => pseudonymise.getAttribute('aria-invalid')).toBe('true');
  expect(await retention.getAttribute('aria-invalid')).not.toBe('true');
  const refusal = page.locator(`#${await pseudonymise.getAttribute('aria-describedby').then((ids) => ids!.split(' ').find((id) => id.endsWith('-error')))}`);
  expect(await refusal.textContent()).toBe('Names are hidden before the events are deleted: choose at most the retention.');

  await pseudonymise.fill('7');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText('Saved', { exact: false }).first().waitFor();
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Lock event log' }).waitFor();
  await expect.poll(() => retention.inputValue()).toBe('90');
  expect(await pseudonymise.inputValue()).toBe('7');
  await page.context().close();
});

it('the operator pastes locks into the stock, a bad line is flagged by its number, and the fixed lines are added', async () => {
  const page = await e2e.newPage('en');
  await logIn(page, 'operator@demo.test');
  await page.getByRole('link', { name: 'Lock stock', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Lock stock' }).waitFor();
  await dismissLastLogins(page);
  const lines = page.getByRole('textbox', { name: 'Lines' });
  const add = page.getByRole('button', { name: 'Add to stock' });
  await lines.fill('E2E-0001;secret-one;Flexeria S2\nE2E-0002;secret-two;Flexeria S2\nE2E 0003;short');
  await page.getByText('Not a lock: line 3').waitFor();
  expect(await add.isDisabled()).toBe(true);

  await lines.fill('E2E-0001;secret-one;Flexeria S2\nE2E-0002;secret-two;Flexeria S2\nE2E-0003;secret-three;Flexeria S2');
  await page.getByText('Locks to add: 3').waitFor();
  expect(await page.getByText('Not a lock:', { exact: false }).count()).toBe(0);
  await add.click();
  await page.getByText('3 of 3 locks added (the others were in stock already).').waitFor();
  const stock = page.getByRole('table', { name: 'Locks in stock' });
  await stock.getByRole('row').filter({ hasText: 'E2E-0001' }).filter({ hasText: 'Flexeria S2' }).filter({ hasText: 'In stock' }).waitFor();
  expect(await lines.inputValue()).toBe('');
  await page.context().close();
});

it('the admin invites a login for the lock owner Karin Schlosser; its mail link makes an account that sees her locks', async () => {
  const email = 'schlosser-e2e@example.test';
  const page = await e2e.newPage('en');
  await logIn(page, 'manager@demo.test');
  await page.getByRole('link', { name: 'Invitations', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Invitations' }).waitFor();
  await dismissLastLogins(page);
  await page.getByRole('button', { name: 'New invitation' }).click();
  const form = page.getByRole('dialog', { name: 'New invitation' });
  await form.getByLabel(/^E-mail/).fill(email);
  await choose(page, form, 'Role', 'Lock owner');
  await choose(page, form, 'Lock owner or organisation', 'Karin Schlosser (lock owner)');
  await form.getByRole('button', { name: 'Send invitation' }).click();
  await page.getByText(`Invitation sent to ${email}`).waitFor();
  await form.waitFor({ state: 'detached' });
  await page.getByRole('row').filter({ hasText: email }).filter({ hasText: 'Lock owner' }).filter({ hasText: 'Pending' }).waitFor();

  await expect.poll(() => mailbox.received.filter((m) => m.to.includes(email)).length, { timeout: 10_000 }).toBe(1);
  const text = decodeQuotedPrintable(mailbox.received.find((m) => m.to.includes(email))!.raw);
  const link = new URL(/https?:\/\/\S+\/accept-invitation\?token=[\w%-]+/.exec(text)![0]);
  const invitee = await e2e.newPage('en');
  await invitee.goto(link.pathname + link.search);
  await invitee.getByText('Heimbau').first().waitFor();
  const name = invitee.getByLabel('Your name');
  if (!(await name.inputValue())) await name.fill('Kurt Schlosser');
  await invitee.getByLabel(/^New password/).fill('a-long-lock-owner-password');
  await invitee.getByLabel(/^Repeat the new password/).fill('a-long-lock-owner-password');
  await invitee.getByRole('button', { name: 'Create account' }).click();
  await invitee.waitForURL('**/locks');
  await invitee.getByRole('heading', { level: 1, name: 'Locks' }).waitFor();
  // The login acts for Karin Schlosser: her locks, none of another owner's.
  await invitee.getByRole('table', { name: 'Locks' }).getByRole('link', { name: 'Haustür Gartenweg 5' }).waitFor();
  await invitee.context().close();

  await page.reload();
  await page.getByRole('row').filter({ hasText: email }).filter({ hasText: 'Accepted' }).waitFor();
  await page.context().close();
});
