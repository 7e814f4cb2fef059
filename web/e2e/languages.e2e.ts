// The portal switches through all five languages, before and after login.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { logIn, startE2E, type E2E } from './harness.ts';

let e2e: E2E;
beforeAll(async () => { e2e = await startE2E(); });
afterAll(async () => { await e2e?.close(); });

const LANGUAGES = [
  { name: 'Deutsch', lang: 'de', login: 'Anmelden', security: 'Sicherheit', history: 'Anmeldeverlauf', date: /\d{2}\.\d{2}\.\d{4}/ },
  { name: 'Français', lang: 'fr', login: 'Se connecter', security: 'Sécurité', history: 'Historique des connexions' },
  { name: 'Nederlands', lang: 'nl', login: 'Aanmelden', security: 'Beveiliging', history: 'Aanmeldgeschiedenis' },
  { name: 'Polski', lang: 'pl', login: 'Zaloguj', security: 'Bezpieczeństwo', history: 'Historia logowań' },
  { name: 'English', lang: 'en', login: 'Log in', security: 'Security', history: 'Login history', date: /\d{1,2} [A-Z][a-z]{2} \d{4}/ },
];

async function switchTo(page: Page, name: string) {
  await page.getByTestId('language-switch').click();
  await page.getByRole('option', { name, exact: true }).click();
}

it('switches the login page and a logged-in page through German, French, Dutch, Polish and English', async () => {
  const page = await e2e.newPage('en');
  await page.goto('/login');
  for (const language of LANGUAGES) {
    await switchTo(page, language.name);
    await page.getByRole('button', { name: language.login, exact: true }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe(language.lang);
  }

  await logIn(page, 'manager@demo.test');
  await page.getByRole('link', { name: 'Security', exact: true }).click();
  await page.getByRole('heading', { name: 'Login history' }).waitFor();
  for (const language of LANGUAGES) {
    await switchTo(page, language.name);
    await page.getByRole('link', { name: language.security, exact: true }).waitFor();
    await page.getByRole('heading', { name: language.history }).waitFor();
    const date = await page.getByRole('table').locator('tbody tr td').first().textContent();
    if (language.date) expect(date).toMatch(language.date);
  }
});
