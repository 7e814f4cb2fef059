// Printable instructions end to end: a manager sets a site's languages to German and English on
// the site page, then downloads the laundry room's instructions: a PDF with one page per language.
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { pdfPages } from '../../server/src/test/pdf.ts';
import { logIn, startE2E, type E2E } from './harness.ts';

let e2e: E2E;
beforeAll(async () => { e2e = await startE2E(); });
afterAll(async () => { await e2e?.close(); });

/** Mantine's MultiSelect input, found by its accessible name. */
const selectInput = (page: Page, name: string) => page.getByRole('combobox', { name }).or(page.getByRole('textbox', { name })).first();
const contentType = (page: Page, href: string) => page.evaluate(async (url) => (await fetch(url)).headers.get('content-type'), href);

it('a manager prints a laundry room\'s instructions in German and English', async () => {
  const page = await e2e.newPage('en');
  await logIn(page, 'manager@demo.test');
  await page.getByRole('link', { name: 'Sites', exact: true }).click();
  await page.getByRole('link', { name: 'Wohnhausanlage Leopoldau' }).click();

  // The pills' box, not the hidden input field, takes the click that opens the list.
  await selectInput(page, 'Languages of printed instructions').click({ force: true });
  await page.getByRole('option', { name: 'English', exact: true }).click();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText('Saved').first().waitFor();
  await page.getByText('Languages: Deutsch, English.').waitFor();

  const link = page.getByRole('link', { name: 'Print instructions: Waschküche Stiege 1' });
  expect(await contentType(page, (await link.getAttribute('href'))!)).toBe('application/pdf');
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  expect(download.suggestedFilename()).toMatch(/^instructions-.*\.pdf$/);
  const pdf = await readFile((await download.path())!);
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  const pages = await pdfPages(pdf);
  expect(pages).toHaveLength(2);
  expect(pages[0]).toContain('Waschküche: so funktioniert es');
  expect(pages[1]).toContain('Laundry room: how it works');
  await page.context().close();
});
