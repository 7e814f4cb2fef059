// Smart locks end to end (issue 8): the lock owner registers a lock from the operator's stock
// (a wrong secret is refused on its field), issues a PIN key for weekdays 07:00–18:00 and sees
// the PIN once; three months later (a test clock) the free period has lapsed: the lock is
// revoke-only, issuing is refused with the reason, revoking still works; a management code made
// by the operator brings management back and she issues again. The operator makes a batch of
// codes on the Prepaid codes page and sees them once; the caretaker company sees the lock
// shared with it.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TestClock } from '../../server/src/test/app.ts';
import { choose, dismissLastLogins, type E2E, logIn, startE2E } from './harness.ts';

let e2e: E2E;
const clock = new TestClock();
beforeAll(async () => { e2e = await startE2E({ ROLES: 'api' }, { clock }); });
afterAll(async () => { await e2e?.close(); });

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
