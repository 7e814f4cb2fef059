// The manager's administration pages end to end: editing and deleting units (with the
// confirmation, and the refusal for a unit still occupied), changing a staff member's role and
// assigning a technician's sites (which then are all the technician sees), and creating an API
// token whose secret is shown once and works as a Bearer token.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { logIn, startE2E, type E2E } from './harness.ts';

let e2e: E2E;
beforeAll(async () => { e2e = await startE2E(); });
afterAll(async () => { await e2e?.close(); });

/** Mantine's Select and MultiSelect inputs, found by their accessible name. */
const selectInput = (page: Page, name: string) => page.getByRole('combobox', { name }).or(page.getByRole('textbox', { name })).first();
const api = <T,>(page: Page, path: string) => page.evaluate(async (p) => (await fetch(p)).json(), path) as Promise<T>;

async function manager(firstLink: string): Promise<Page> {
  const page = await e2e.newPage('en');
  await logIn(page, 'manager@demo.test');
  await page.getByRole('link', { name: firstLink, exact: true }).click();
  return page;
}

it('a manager edits a unit, deletes another after confirming, and cannot delete an occupied one', async () => {
  const page = await manager('Sites');
  await page.getByRole('link', { name: 'Wohnhausanlage Leopoldau' }).click();
  await page.getByRole('heading', { level: 1, name: 'Wohnhausanlage Leopoldau' }).waitFor();

  await page.getByRole('button', { name: 'Edit Stellplatz 15' }).click();
  const form = page.getByRole('dialog', { name: 'Edit unit' });
  expect(await form.getByLabel(/^Label/).inputValue()).toBe('Stellplatz 15');
  await form.getByLabel(/^Label/).fill('Stellplatz 15 (E-Auto)');
  await form.getByLabel(/^Floor/).fill('-1');
  await form.getByRole('button', { name: 'Save' }).click();
  const edited = page.getByRole('row').filter({ hasText: 'Stellplatz 15 (E-Auto)' });
  await edited.waitFor();
  expect(await edited.getByRole('cell').nth(2).textContent()).toBe('-1');
  expect(await page.getByRole('cell', { name: 'Stellplatz 15', exact: true }).count()).toBe(0);

  // Another label of the site is taken: refused in the form, nothing changed.
  await page.getByRole('button', { name: 'Edit Stellplatz 15 (E-Auto)' }).click();
  await form.getByLabel(/^Label/).fill('Stellplatz 14');
  await form.getByRole('button', { name: 'Save' }).click();
  await form.getByRole('alert').filter({ hasText: 'This site already has a unit with this label.' }).waitFor();
  await form.getByRole('button', { name: 'Cancel' }).click();

  // Deleting asks first; cancelling keeps the unit, confirming removes it.
  await page.getByRole('button', { name: 'Delete Stellplatz 15 (E-Auto)' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete unit' });
  expect(await confirm.textContent()).toContain('Delete the unit “Stellplatz 15 (E-Auto)”?');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect.poll(() => confirm.count()).toBe(0);
  expect(await edited.count()).toBe(1);
  await page.getByRole('button', { name: 'Delete Stellplatz 15 (E-Auto)' }).click();
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await expect.poll(() => edited.count()).toBe(0);

  // Anna Huber lives in Top 1: her unit stays, with the reason.
  await page.getByRole('button', { name: 'Delete Stiege 1 / Top 1' }).click();
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await confirm.getByRole('alert').filter({ hasText: 'This unit still has occupancies. Remove them first.' }).waitFor();
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('cell', { name: 'Stiege 1 / Top 1', exact: true }).waitFor();

  await page.reload();
  await page.getByRole('cell', { name: 'Stellplatz 14', exact: true }).waitFor();
  expect(await page.getByRole('row').filter({ hasText: /Stellplatz 15/ }).count()).toBe(0);
  await page.context().close();
});

it('a manager makes office staff a technician and assigns a site; the technician then sees only that site', async () => {
  const page = await manager('Staff');
  const role = selectInput(page, 'Role of Sabine Moser');
  expect(await role.inputValue()).toBe('Office staff');
  await role.click();
  await page.getByRole('option', { name: 'Technician', exact: true }).click();
  await page.getByText('Saved').first().waitFor();
  await expect.poll(() => role.inputValue()).toBe('Technician');

  const sites = selectInput(page, 'Sites of Sabine Moser');
  await sites.click();
  await page.getByRole('option', { name: 'Wohnpark Simmering', exact: true }).click();
  await page.keyboard.press('Escape');
  await expect.poll(async () => (await api<{ email: string; siteIds: string[] }[]>(page, '/api/staff')).find((m) => m.email === 'staff@demo.test')!.siteIds.length).toBe(1);

  await page.reload();
  await expect.poll(() => selectInput(page, 'Role of Sabine Moser').inputValue()).toBe('Technician');
  const row = page.getByRole('row').filter({ hasText: 'staff@demo.test' });
  // The site names come with the site list, which may load after the staff list.
  await expect.poll(() => row.textContent()).toContain('Wohnpark Simmering');
  expect(await row.textContent()).not.toContain('Wohnhausanlage Leopoldau');

  const technician = await e2e.newPage('en');
  await logIn(technician, 'staff@demo.test');
  await technician.getByRole('link', { name: 'Sites', exact: true }).click();
  await technician.getByRole('link', { name: 'Wohnpark Simmering' }).waitFor();
  expect(await technician.getByRole('link', { name: 'Wohnhausanlage Leopoldau' }).count()).toBe(0);
  expect(await technician.getByRole('link', { name: 'Wallets', exact: true }).count()).toBe(0);
  await technician.context().close();

  // And back to office staff: the site list no longer applies.
  await selectInput(page, 'Role of Sabine Moser').click();
  await page.getByRole('option', { name: 'Office staff', exact: true }).click();
  await expect.poll(() => row.textContent()).toContain('All sites');
  await page.context().close();
});

it('a manager creates an API token: the secret is shown once, works as a Bearer token, and the list keeps only its prefix', async () => {
  const page = await manager('API tokens');
  await page.getByRole('button', { name: 'New token' }).click();
  const dialog = page.getByRole('dialog', { name: 'New token' });
  await dialog.getByLabel(/^Name/).fill('Meter gateway');
  await dialog.getByRole('checkbox', { name: /Read units/ }).check();
  await dialog.getByRole('button', { name: 'Create' }).click();

  const created = page.getByRole('dialog', { name: 'Token created' });
  await created.getByText('Copy this token now. It is shown only once and cannot be retrieved later.').waitFor();
  const token = (await created.getByTestId('new-token').textContent())!.trim();
  expect(token).toMatch(/^cz_[\w-]{20,}$/); // base64url

  // The token works for what it may do, and only that.
  const call = (path: string) => fetch(`${e2e.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const sites = await call('/api/sites');
  expect(sites.status).toBe(200);
  expect(((await sites.json()) as { name: string }[]).map((s) => s.name)).toContain('Wohnpark Simmering');
  expect((await call('/api/people')).status).toBe(403);

  await created.getByRole('button', { name: 'Done' }).click();
  const row = page.getByRole('row').filter({ hasText: 'Meter gateway' });
  await row.waitFor();
  expect(await row.textContent()).toContain(`${token.slice(0, 10)}…`);
  expect(await row.textContent()).toContain('Read sites');
  expect(await row.textContent()).toContain('Read units');

  // Shown once: neither the page nor the API hands the secret out again.
  await page.reload();
  await row.waitFor();
  expect(await page.content()).not.toContain(token);
  expect(JSON.stringify(await api(page, '/api/api-tokens'))).not.toContain(token);
  await page.context().close();
});
