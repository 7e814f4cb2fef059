// Browser tests: the whole product in-process (PGlite in memory, demo data, built web portal)
// driven through Debian's Chromium with playwright-core.
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { build } from 'vite';
import { inject } from 'vitest';
import { loadConfig } from '../../server/src/config.ts';
import type { Deps } from '../../server/src/deps.ts';
import { createLogger } from '../../server/src/logger.ts';
import { start, type Running } from '../../server/src/main.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

let built: Promise<unknown> | undefined;
/** Builds the web portal once per test run when it is missing. */
export function ensureWebBuilt(): Promise<unknown> {
  if (existsSync('web/dist/index.html') && process.env.E2E_REBUILD !== '1') return Promise.resolve();
  built ??= build({ configFile: 'web/vite.config.ts', logLevel: 'warn' });
  return built;
}

export interface E2E {
  running: Running;
  browser: Browser;
  baseUrl: string;
  newPage(language?: string): Promise<Page>;
  close(): Promise<void>;
}

/** `overrides` swaps dependencies of the running product, e.g. a fake payment provider or a test clock. */
export async function startE2E(env: Record<string, string> = {}, overrides: Partial<Pick<Deps, 'payments' | 'clock'>> = {}): Promise<E2E> {
  await ensureWebBuilt();
  // A copy of the new demo installation global-setup.ts made once: `start` finds it migrated and
  // seeded, as it leaves any installation, instead of making it again (without one: in memory).
  const installation = inject('demoInstallation');
  const dataDir = installation && !env.DATA_DIR ? mkdtempSync(join(tmpdir(), 'concierge-e2e-copy-')) : undefined;
  if (dataDir) cpSync(installation, dataDir, { recursive: true });
  const removeCopy = () => { if (dataDir) rmSync(dataDir, { recursive: true, force: true }); };
  const config = loadConfig({ LOG_LEVEL: 'warn', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir ?? 'memory://', ...env });
  const running = await start(config, createLogger(config), overrides).catch((error: unknown) => { removeCopy(); throw error; });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  const baseUrl = running.url;
  return {
    running, browser, baseUrl,
    async newPage(language = 'en') {
      const context = await browser.newContext({ baseURL: baseUrl, locale: language });
      await context.addInitScript((lang) => { if (!localStorage.getItem('language')) localStorage.setItem('language', lang); }, language);
      return context.newPage();
    },
    async close() {
      await browser.close();
      await running.stop();
      removeCopy();
    },
  };
}

export async function logIn(page: Page, email: string, password = 'demo-password'): Promise<void> {
  await page.goto('/login');
  await page.locator('input[type=email]').fill(email);
  await page.locator('input[type=password]').fill(password);
  await page.getByRole('button', { name: /log in|anmelden|se connecter|aanmelden|zaloguj/i }).click();
}

/** Mantine's Select by its label (required fields end in " *"). */
export function select(within: Locator, label: string): Locator {
  const name = new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\*)?$`);
  return within.getByRole('combobox', { name }).or(within.getByRole('textbox', { name })).first();
}

/** Opens the Select and picks the option. */
export async function choose(page: Page, within: Locator, label: string, option: string): Promise<void> {
  await select(within, label).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** The last logins, shown for 15 s after a repeated login, cover the page's top-right buttons. */
export async function dismissLastLogins(page: Page): Promise<void> {
  const notice = page.locator('#last-logins');
  if (await notice.count()) await notice.getByRole('button').first().click();
}
