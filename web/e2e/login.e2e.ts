import { afterAll, beforeAll, expect, it } from 'vitest';
import { logIn, startE2E, type E2E } from './harness.ts';

let e2e: E2E;
beforeAll(async () => { e2e = await startE2E(); });
afterAll(async () => { await e2e?.close(); });

it('logs a manager in and shows the sites menu; a wrong password shows an error', async () => {
  const page = await e2e.newPage('en');
  await logIn(page, 'manager@demo.test', 'wrong-password');
  await expect.poll(() => page.getByRole('alert').textContent()).toContain('wrong');

  await logIn(page, 'manager@demo.test');
  await page.getByRole('link', { name: 'Residents' }).waitFor();
  expect(await page.getByRole('link', { name: 'Sites' }).isVisible()).toBe(true);
});
