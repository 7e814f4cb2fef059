// Smart locks end to end (issue 8), on one server and browser (each costs a start):
// - the administration around them: the property manager's admin keeps lock events 90 days and
//   hides names after 7 (names hidden after 120 days, past the retention, are refused on their
//   field); the operator pastes locks into the stock, a bad line is flagged by its number; the
//   admin invites a login for the lock owner Karin Schlosser, whose mail arrives over SMTP and
//   whose link makes a lock owner account that sees Karin's locks.
// - the lock owner registers a lock from the operator's stock (a wrong secret is refused on its
//   field), issues a PIN key for weekdays 07:00–18:00 and sees the PIN once; three months later
//   (a test clock) the free period has lapsed: the lock is revoke-only, issuing is refused with the
//   reason, revoking still works; a management code made by the operator brings management back
//   and she issues again. The operator makes a batch of codes on the Prepaid codes page and sees
//   them once; the caretaker company sees the lock shared with it.
// The administration runs first, before the clock moves. No worker (ROLES=api): its jobs would run
// on the moved clock; mails go out from the API's mailer all the same.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TestClock } from '../../server/src/test/app.ts';
import { choose, dismissLastLogins, type E2E, logIn, startE2E } from './harness.ts';
import { decodeQuotedPrintable, startMailbox, type Mailbox } from './mailbox.ts';

let e2e: E2E;
let mailbox: Mailbox;
const clock = new TestClock();
beforeAll(async () => {
  mailbox = await startMailbox();
  e2e = await startE2E({ ROLES: 'api', SMTP_URL: mailbox.url }, { clock });
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

const DAY = 86_400_000;

/** A JSON request from the logged-in page, with its CSRF token. */
const call = <T,>(page: Page, method: string, path: string, body?: unknown) => page.evaluate(async ({ method, path, body }) => {
  const { csrfToken } = await (await fetch('/api/me')).json() as { csrfToken: string };
  const response = await fetch(path, { method, headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}, { method, path, body }) as Promise<T>;

it('an owner registers a lock, issues a PIN key with a time window, revokes in revoke-only mode after the free period, redeems a code and issues again', async () => {
  const page = await e2e.newPage('en');
  await page.setViewportSize({ width: 1280, height: 900 });
  await logIn(page, 'locks@demo.test');
  await page.getByRole('link', { name: 'Locks', exact: true }).click();
  await page.getByRole('table', { name: 'Locks' }).getByRole('link', { name: 'Haustür Gartenweg 5' }).waitFor();

  // Registering: a wrong secret is refused on its field, the right one registers the lock.
  await page.getByRole('button', { name: 'Register lock' }).click();
  const form = page.getByRole('dialog', { name: 'Register a lock' });
  await form.getByLabel(/^Serial number/).fill('FLX-1004');
  await form.getByLabel(/^Secret/).fill('demo-secret-9');
  await form.getByLabel(/^Name/).fill('Kellertür');
  await form.getByRole('button', { name: 'Register', exact: true }).click();
  await form.getByText('No lock with this serial number and secret was made for Concierge').waitFor();
  await form.getByLabel(/^Secret/).fill('demo-secret-4');
  await form.getByRole('button', { name: 'Register', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Kellertür' }).waitFor();
  const lockUrl = page.url();
  await page.getByText(/^Free period until /).first().waitFor();

  // A PIN key for weekdays, 07:00–18:00, until the end of next year; the PIN is shown once.
  await page.getByRole('button', { name: 'Issue key' }).click();
  const issue = page.getByRole('dialog', { name: 'Issue a key' });
  await issue.getByLabel(/^Holder/).fill('Paketdienst');
  await choose(page, issue, 'Medium', 'PIN code');
  await issue.getByRole('button', { name: 'Generate' }).click();
  const pin = await issue.getByLabel(/^PIN/).inputValue();
  expect(pin).toMatch(/^\d{6}$/);
  const year = new Date().getFullYear() + 1;
  await issue.getByLabel('Valid until').fill(`${year}-12-31`);
  await issue.getByRole('checkbox', { name: 'Saturday' }).uncheck();
  await issue.getByRole('checkbox', { name: 'Sunday' }).uncheck();
  await issue.getByLabel('Hours from').fill('07:00');
  await issue.getByLabel('Hours until').fill('18:00');
  await issue.getByRole('button', { name: 'Issue key' }).click();
  const issued = page.getByRole('dialog', { name: 'Key issued' });
  await issued.getByText('It is not shown again.', { exact: false }).waitFor();
  expect(await issued.getByLabel('PIN').textContent()).toBe(pin);
  await issued.getByRole('button', { name: 'Noted' }).click();
  const keys = page.getByRole('table', { name: 'Keys' });
  await keys.getByRole('row').filter({ hasText: 'Paketdienst' }).filter({ hasText: `Mon–Fri 07:00–18:00, until 31 Dec ${year}` }).waitFor();

  // Three months and more later the free period has lapsed (and the session with it).
  clock.advance(100 * DAY);
  await logIn(page, 'locks@demo.test');
  await page.getByRole('link', { name: 'Locks', exact: true }).waitFor();
  await page.goto(lockUrl);
  await page.getByRole('heading', { level: 1, name: 'Kellertür' }).waitFor();
  await page.getByText('Management has lapsed: you can revoke keys; redeem a management code to issue again — no key is lost.').waitFor();
  expect(await page.getByText('Revoke only', { exact: true }).count()).toBeGreaterThan(0);
  expect(await page.getByRole('button', { name: 'Issue key' }).isDisabled()).toBe(true);
  await page.getByText('Management has lapsed: redeem a management code to issue keys.').waitFor();
  expect(await page.getByRole('button', { name: 'Rename / place' }).isDisabled()).toBe(true);

  // Revoking still works, after confirming.
  await keys.getByRole('button', { name: 'Revoke the key of Paketdienst' }).click();
  const confirm = page.getByRole('dialog', { name: 'Revoke the key' });
  await confirm.getByRole('button', { name: 'Revoke' }).click();
  await page.getByText('The key of Paketdienst is revoked.').waitFor();
  await expect.poll(() => keys.getByRole('row').filter({ hasText: 'Paketdienst' }).count()).toBe(0);

  // The operator makes a management code; a mistyped one is refused, the right one brings management back.
  const operator = await e2e.newPage('en');
  await logIn(operator, 'operator@demo.test');
  await operator.getByRole('link', { name: 'Prepaid codes' }).waitFor();
  const { codes } = await call<{ codes: string[] }>(operator, 'POST', '/api/operator/prepaid-code-batches', { product: 'management_5y', quantity: 1, label: 'E2E locks' });
  await operator.context().close();
  const code = page.getByRole('textbox', { name: 'Code' });
  await code.fill('ABCD-EFGH-JKLM-NPQR');
  await page.getByRole('button', { name: 'Redeem' }).click();
  await page.getByText(/character is mistyped|No such code was issued/).waitFor();
  await code.fill(codes[0]!.replace(/-/g, '').toLowerCase());
  expect(await code.inputValue()).toBe(codes[0]);
  await page.getByRole('button', { name: 'Redeem' }).click();
  await page.getByText('Code redeemed: 5 years of management.').waitFor();
  await page.getByText(/^Managed until /).first().waitFor();

  // Issuing again: a tag, no secret to show.
  await page.getByRole('button', { name: 'Issue key' }).click();
  await issue.getByLabel(/^Holder/).fill('Hausmeister');
  await choose(page, issue, 'Medium', 'Tag');
  await issue.getByLabel(/^Tag's UID/).fill('04A1B2C3D4E5F6');
  await issue.getByRole('button', { name: 'Issue key' }).click();
  await page.getByText('Key for Hausmeister issued.').waitFor();
  await issue.waitFor({ state: 'detached' });
  await keys.getByRole('row').filter({ hasText: 'Hausmeister' }).filter({ hasText: '04A1B2C3D4E5F6' }).waitFor();
  await page.context().close();
});

it('the operator makes a batch of codes, sees them once with a CSV to download, and finds the batch in the list', async () => {
  const page = await e2e.newPage('en');
  await logIn(page, 'operator@demo.test');
  await page.getByRole('link', { name: 'Prepaid codes' }).click();
  await dismissLastLogins(page);
  await page.getByRole('button', { name: 'New batch' }).click();
  const form = page.getByRole('dialog', { name: 'New batch of codes' });
  await choose(page, form, 'Product', 'Key pack');
  await form.getByLabel(/^Number of codes/).fill('3');
  await form.getByLabel(/^Keys per code/).fill('20');
  await form.getByLabel(/^Label/).fill('E2E Baumarkt');
  await form.getByRole('button', { name: 'Make codes' }).click();
  const shown = page.getByRole('dialog', { name: 'The new codes (3)' });
  await shown.getByText('These codes are shown only this once', { exact: false }).waitFor();
  const codes = (await shown.getByLabel('Codes').textContent())!.split('\n');
  expect(codes).toHaveLength(3);
  for (const c of codes) expect(c).toMatch(/^[A-Z0-9]{4}(-[A-Z0-9]{4}){3}$/);
  const [download] = await Promise.all([page.waitForEvent('download'), shown.getByRole('button', { name: 'Download CSV' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^prepaid-codes-key_pack-.*\.csv$/);
  await shown.getByRole('button', { name: 'Codes saved – close' }).click();
  await shown.waitFor({ state: 'detached' });
  const row = page.getByRole('table', { name: 'Batches' }).getByRole('row').filter({ hasText: 'E2E Baumarkt' });
  await row.filter({ hasText: 'Key pack of 20 keys' }).filter({ hasText: '0 of 3' }).waitFor();
  await row.getByRole('link').click();
  await page.getByRole('heading', { name: 'Batch: Key pack of 20 keys' }).waitFor();
  await page.context().close();
});

it('the caretaker company sees the lock shared with it', async () => {
  const page = await e2e.newPage('en');
  await logIn(page, 'org@demo.test');
  await page.getByRole('link', { name: 'Locks', exact: true }).click();
  const row = page.getByRole('table', { name: 'Locks' }).getByRole('row').filter({ hasText: 'FLX-1002' });
  await row.filter({ hasText: 'Shared' }).filter({ hasText: 'Karin Schlosser' }).waitFor();
  expect(await page.getByRole('table', { name: 'Locks' }).getByRole('row').filter({ hasText: 'FLX-1001' }).count()).toBe(0);
  await page.context().close();
});
