// A resident secures the account with two factors and sees a failed login afterwards.
import { generate } from 'otplib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { logIn, startE2E, type E2E } from './harness.ts';

let e2e: E2E;
beforeAll(async () => { e2e = await startE2E(); });
afterAll(async () => { await e2e?.close(); });

const email = 'resident@demo.test';
let page: Page;

it('turns on two-factor login, logs in with a code and shows the last failed login', async () => {
  page = await e2e.newPage('en');
  await logIn(page, email, 'wrong-password');
  await page.getByRole('alert').filter({ hasText: 'E-mail or password is wrong.' }).waitFor();
  await logIn(page, email);
  await page.getByRole('heading', { name: /Hello/ }).waitFor();
  expect(await page.getByText(/Last failed login: (?!never)/).textContent()).toMatch(/\d/);

  // Enrol: the secret shown on the page drives the authenticator the test plays.
  await page.getByRole('link', { name: 'Security', exact: true }).click();
  await page.getByRole('tab', { name: 'Two-factor login' }).click();
  await page.getByRole('button', { name: 'Set up two-factor login' }).click();
  const secret = (await page.getByTestId('totp-secret').textContent())!;
  expect(await page.getByRole('img', { name: 'QR code for your authenticator app' }).getAttribute('src')).toMatch(/^data:image\/png/);
  await page.getByLabel('Code from the app').fill(await generate({ secret }));
  await page.getByRole('button', { name: 'Turn on' }).click();
  await page.getByTestId('recovery-codes').waitFor();
  expect(await page.getByTestId('recovery-codes').locator('li').count()).toBe(10);
  await page.getByRole('button', { name: 'I have saved them' }).click();
  await page.getByRole('button', { name: 'Turn off two-factor login' }).waitFor();

  await page.getByRole('button', { name: 'Log out' }).click();
  await logIn(page, email);
  await page.waitForURL('**/second-factor');
  await page.getByLabel('Code').fill('000000');
  await page.getByRole('button', { name: 'Confirm' }).click();
  await page.getByText('The code is wrong or was already used.').waitFor();

  // The enabling code spent the current time step; the next step's code is accepted at once.
  await page.getByLabel('Code').fill(await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 }));
  await page.getByRole('button', { name: 'Confirm' }).click();
  await page.waitForURL((url) => !url.pathname.includes('second-factor'));
  const notice = await page.getByText(/Last failed login: /).textContent();
  expect(notice).not.toContain('Last failed login: never');

  await page.getByRole('link', { name: 'Security', exact: true }).click();
  await page.getByRole('tab', { name: 'Logins' }).click();
  await page.getByTestId('last-failure').getByText(/\d/).first().waitFor();
  const outcomes = await page.getByRole('table').locator('tbody tr td:nth-child(4)').allTextContents();
  expect(outcomes.slice(0, 2)).toEqual(['Logged in with code', 'Wrong code']);
  expect(outcomes).toContain('Wrong password');
});

it('turns two-factor login off only after the password is confirmed', async () => {
  await page.getByRole('tab', { name: 'Two-factor login' }).click();
  await page.getByRole('button', { name: 'Turn off two-factor login' }).click();
  const dialog = page.getByRole('dialog', { name: 'Turn off two-factor login?' });
  await dialog.getByLabel('Your password').fill('wrong-password');
  await dialog.getByRole('button', { name: 'Turn off', exact: true }).click();
  await dialog.getByText('The password is wrong.').waitFor();
  await dialog.getByLabel('Your password').fill('demo-password');
  await dialog.getByRole('button', { name: 'Turn off', exact: true }).click();
  await page.getByRole('button', { name: 'Set up two-factor login' }).waitFor();
  expect(await dialog.isVisible()).toBe(false);
});

it('answers a reset request and an access request the same way whether the data exists or not', async () => {
  const visitor = await e2e.newPage('en');
  await visitor.goto('/login');
  await visitor.getByRole('link', { name: 'Forgot your password?' }).click();
  await visitor.getByLabel('E-mail').fill('nobody@nowhere.test');
  await visitor.getByRole('button', { name: 'Send link' }).click();
  await visitor.getByText(/If an account uses this address/).waitFor();

  await visitor.goto('/reset-password?token=not-a-real-token-123');
  await visitor.getByLabel(/^New password/).fill('long-enough-password');
  await visitor.getByLabel('Repeat the new password').fill('long-enough-passw0rd');
  await visitor.getByRole('button', { name: 'Save password' }).click();
  await visitor.getByText('The two passwords are not the same.').waitFor();
  await visitor.getByLabel('Repeat the new password').fill('long-enough-password');
  await visitor.getByRole('button', { name: 'Save password' }).click();
  await visitor.getByText('The link is invalid, expired or was already used.').waitFor();

  await visitor.goto('/request-access');
  await visitor.getByLabel('Customer number').fill('HEIMBAU-99999');
  await visitor.getByLabel('E-mail').fill('someone@nowhere.test');
  await visitor.getByRole('button', { name: 'Send request' }).click();
  await visitor.getByText(/If the details match/).waitFor();
});
