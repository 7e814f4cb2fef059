// Fees end to end: the demo resident sees her open badge fee on the wallet page and pays it from
// her balance; staff bill a customer a fee and cancel it again from the wallet detail page.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { logIn, startE2E, type E2E } from './harness.ts';

let e2e: E2E;
beforeAll(async () => { e2e = await startE2E(); });
afterAll(async () => { await e2e?.close(); });

const euro = (minor: number) => new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' }).format(minor / 100);
const api = <T,>(page: Page, path: string) => page.evaluate(async (p) => (await fetch(p)).json(), path) as Promise<T>;
const shown = (page: Page) => page.getByTestId('available-balance').textContent();

it('a resident sees the open fee of her replacement badge and pays it from her balance, which drops by 8.00; the badge then works', async () => {
  const page = await e2e.newPage('en');
  await logIn(page, 'resident@demo.test');
  await page.getByRole('link', { name: 'Wallet', exact: true }).click();
  await page.getByTestId('available-balance').waitFor();
  const before = (await api<{ available: number }>(page, '/api/wallet')).available;
  expect(await shown(page)).toBe(euro(before));

  const fee = page.getByRole('region', { name: 'Fee for Badge (Karte), Versand' });
  await fee.waitFor();
  expect(await fee.textContent()).toContain(euro(800));
  await fee.getByRole('cell', { name: 'Badge (Karte)' }).waitFor();
  await fee.getByRole('cell', { name: euro(650) }).waitFor();
  await fee.getByRole('cell', { name: euro(150) }).waitFor();
  const slip = await fee.getByRole('link', { name: 'Payment slip (PDF)' }).getAttribute('href');
  expect(await page.evaluate(async (url) => (await fetch(url!)).headers.get('content-type'), slip)).toBe('application/pdf');

  await fee.getByRole('button', { name: 'Pay from balance' }).click();
  const dialog = page.getByRole('dialog', { name: 'Pay this fee from your balance?' });
  expect(await dialog.textContent()).toContain(euro(before - 800));
  await dialog.getByRole('button', { name: `Pay ${euro(800)}` }).click();
  await page.getByText('Fee paid.').waitFor();

  await expect.poll(() => shown(page)).toBe(euro(before - 800));
  await expect.poll(() => fee.count()).toBe(0);
  await page.getByText('You have no open fees.').waitFor();
  await page.getByRole('table', { name: 'Recently paid or cancelled' }).getByRole('row').filter({ hasText: 'Badge (Karte), Versand' }).filter({ hasText: 'Paid' }).waitFor();
  expect((await api<{ available: number }>(page, '/api/wallet')).available).toBe(before - 800);

  await page.getByRole('tab', { name: 'Statement' }).click();
  await page.getByRole('row').filter({ hasText: 'Fee: Badge (Karte), Versand' }).filter({ hasText: euro(-800) }).first().waitFor();
  const badges = await api<{ label: string; status: string }[]>(page, '/api/me/credentials');
  expect(badges.find((b) => b.label === 'ID*heimbau*1003')?.status).toBe('active');
  await page.context().close();
});

it('staff bill a customer a fee in two lines and cancel it with a reason', async () => {
  const page = await e2e.newPage('en');
  await logIn(page, 'manager@demo.test');
  await page.getByRole('link', { name: 'Wallets', exact: true }).click();
  await page.getByRole('link', { name: 'Lukas Gruber' }).click();
  // The fee form, not the balance correction above it (which also asks for an amount).
  const form = page.locator('form').filter({ has: page.getByRole('heading', { name: 'Bill a fee' }) });
  await form.waitFor();
  await form.getByLabel(/^What for/).fill('Badge');
  await form.getByLabel(/^Amount \(EUR\)/).fill('6.50');
  await form.getByRole('button', { name: 'Add a line' }).click();
  await form.getByLabel(/^What for/).nth(1).fill('Shipping');
  await form.getByLabel(/^Amount \(EUR\)/).nth(1).fill('1.50');
  await form.getByText(`Total: ${euro(800)}`).waitFor();
  await form.getByRole('button', { name: 'Bill fee' }).click();
  await page.getByRole('dialog', { name: 'Bill fee' }).getByRole('button', { name: 'Bill fee' }).click();
  await page.getByText('Fee billed.').waitFor();

  const row = page.getByRole('table', { name: 'Fees' }).getByRole('row').filter({ hasText: 'Shipping' }).filter({ hasText: 'Open' });
  await row.getByRole('button', { name: 'Cancel fee' }).click();
  const dialog = page.getByRole('dialog', { name: 'Cancel this fee?' });
  await dialog.getByLabel(/^Reason/).fill('Ordered by mistake');
  await dialog.getByRole('button', { name: 'Cancel fee' }).click();
  await page.getByText('Fee cancelled.').waitFor();
  await page.getByRole('table', { name: 'Fees' }).getByRole('row').filter({ hasText: 'Ordered by mistake' }).filter({ hasText: 'Cancelled' }).waitFor();
  await page.context().close();
});
