// Tariffs end to end: a manager opens a site's tariffs from the site page, adds a new washing
// price from a future date (typed as 0.55 and 0,10, stored as exactly 55 and 10 cents), sees it
// replace the current one from that date, and withdraws it again after confirming.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { logIn, startE2E, type E2E } from './harness.ts';

let e2e: E2E;
beforeAll(async () => { e2e = await startE2E(); });
afterAll(async () => { await e2e?.close(); });

interface Tariff { id: string; applianceKind: string; unitPriceMinor: number; sessionFeeMinor: number; validFrom: string; validTo: string | null; state: string }
const api = <T,>(page: Page, path: string) => page.evaluate(async (p) => (await fetch(p)).json(), path) as Promise<T>;

it('a manager adds a future washing price to a site and withdraws it again', async () => {
  const page = await e2e.newPage('en');
  await logIn(page, 'manager@demo.test');
  await page.getByRole('link', { name: 'Sites', exact: true }).click();
  await page.getByRole('link', { name: 'Wohnhausanlage Leopoldau' }).click();
  await page.getByRole('link', { name: 'Tariffs', exact: true }).click();
  await page.getByRole('heading', { name: 'Tariffs – Wohnhausanlage Leopoldau' }).waitFor();

  const washers = page.getByRole('table', { name: 'Washing machines' });
  const current = washers.getByRole('row').filter({ hasText: '€0.50 per kWh' });
  await current.filter({ hasText: 'Current' }).filter({ hasText: 'No end date' }).waitFor();
  await page.getByRole('table', { name: 'Dryers' }).getByRole('row').filter({ hasText: '€1.00 per hour' }).filter({ hasText: '20 %' }).waitFor();
  await page.getByRole('table', { name: 'Ironers' }).getByRole('row').filter({ hasText: '€1.00 per impulse' }).waitFor();
  await page.getByRole('table', { name: 'Charging points' }).getByRole('row').filter({ hasText: '€0.39 per kWh' }).waitFor();

  const year = new Date().getFullYear() + 1;
  const form = page.getByRole('form', { name: 'Add a tariff' });
  await form.getByLabel(/^Price in EUR per kWh/).fill('0.55');
  await form.getByLabel(/^Session fee in EUR/).fill('0,10');
  await form.getByLabel(/^Valid from/).fill(`${year}-06-01T08:00`);
  await form.getByRole('button', { name: 'Add tariff' }).click();
  await page.getByText('Tariff added.').waitFor();

  const next = washers.getByRole('row').filter({ hasText: '€0.55 per kWh' });
  await next.filter({ hasText: 'Upcoming' }).filter({ hasText: '€0.10' }).waitFor();
  await current.filter({ hasText: 'Current' }).filter({ hasNotText: 'No end date' }).waitFor();
  const siteId = new URL(page.url()).pathname.split('/')[2]!;
  const stored = (await api<Tariff[]>(page, `/api/sites/${siteId}/tariffs`)).filter((t) => t.applianceKind === 'washer');
  expect(stored.map((t) => [t.unitPriceMinor, t.sessionFeeMinor, t.state])).toEqual([[50, 0, 'current'], [55, 10, 'future']]);
  expect(new Date(stored[1]!.validFrom).getTime()).toBe(new Date(`${year}-06-01T08:00`).getTime());
  expect(stored[0]!.validTo).toBe(stored[1]!.validFrom);
  // A started tariff offers no delete button.
  expect(await current.getByRole('button').count()).toBe(0);

  await next.getByRole('button', { name: /^Delete the tariff from/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete this tariff?' });
  expect(await dialog.textContent()).toContain('Washing machines: €0.55 per kWh');
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await page.getByText('Tariff deleted.').waitFor();
  await expect.poll(() => next.count()).toBe(0);
  await current.filter({ hasText: 'No end date' }).waitFor();
  expect((await api<Tariff[]>(page, `/api/sites/${siteId}/tariffs`)).filter((t) => t.applianceKind === 'washer').map((t) => t.validTo)).toEqual([null]);
  await page.context().close();
});
