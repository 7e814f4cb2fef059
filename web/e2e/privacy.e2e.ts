// Pseudonymised usage data end to end (the brief: "Pseudonymised usage data can be opened to a
// manager as a paid option (three personal accounts, 50 per year); otherwise managers see no
// personal consumption data"). Heimbau's contract has the option and the demo grants its admin.
// Office staff without a grant see only the sites' own meters; the admin grants access on the
// Staff page up to the limit of three (a fourth account's switch is off, with the reason), and
// withdraws their own; the granted staff member then reads the flats' meters as "Unit …", marked
// pseudonymised, without flat or serial number, and the admin no longer sees them at all.
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { asPlatform } from '../../server/src/db/scope.ts';
import { logIn, startE2E, type E2E } from './harness.ts';

let e2e: E2E;
beforeAll(async () => { e2e = await startE2E(); });
afterAll(async () => { await e2e?.close(); });

const SITE = 'Wohnhausanlage Leopoldau';
/** The demo's flats of that site; each has a heat meter. */
const FLATS = ['Stiege 1 / Top 1', 'Stiege 1 / Top 2', 'Stiege 1 / Top 3', 'Stiege 2 / Top 4'];
/** Two more office staff, so that the third place can be filled and a fourth account refused. */
const EXTRA = [{ email: 'petra.e2e@demo.test', name: 'Petra Lang' }, { email: 'karl.e2e@demo.test', name: 'Karl Huber' }];

beforeAll(async () => {
  await asPlatform(e2e.running.deps.db, async (tx) => {
    const tenant = await tx.selectFrom('tenants').select('id').where('short_code', '=', 'heimbau').executeTakeFirstOrThrow();
    for (const person of EXTRA) {
      const user = await tx.insertInto('users').values({ email: person.email, password_hash: null, display_name: person.name, language: 'de', platform_role: null,
        landline: null, mobile: null, totp_secret: null, totp_enabled_at: null, disabled_at: null }).returning('id').executeTakeFirstOrThrow();
      await tx.insertInto('memberships').values({ tenant_id: tenant.id, user_id: user.id, role: 'manager_staff', person_id: null }).execute();
    }
  });
});

/** E2E_SCREENSHOTS=/some/folder keeps pictures of the pages to look at. */
async function picture(page: Page, name: string, target: Page | Locator = page) {
  const folder = process.env.E2E_SCREENSHOTS;
  if (!folder) return;
  await target.screenshot({ path: `${folder}/privacy-${name}.png`, ...(target === page && { fullPage: true }) });
}

/** The meters table of the Leopoldau site (the first site, shown when the page opens). */
async function metersOf(page: Page) {
  await page.getByRole('link', { name: 'Meters', exact: true }).click();
  const table = page.getByRole('table', { name: `Meters of ${SITE}` });
  await table.getByRole('row').filter({ hasText: 'general electricity' }).waitFor();
  return table;
}

const flatMeterId = () => asPlatform(e2e.running.deps.db, async (tx) => (await tx.selectFrom('meters').innerJoin('units', 'units.id', 'meters.unit_id')
  .select('meters.id').where('units.label', '=', FLATS[0]!).executeTakeFirstOrThrow()).id);

it('office staff without a grant see the site\'s own meters only; a flat\'s meter is not found', async () => {
  const page = await e2e.newPage('en');
  await logIn(page, 'staff@demo.test');
  const table = await metersOf(page);
  // A header and the site's heat and electricity meters, both of the whole site.
  await expect.poll(() => table.getByRole('row').count()).toBe(3);
  expect(await table.getByRole('row').filter({ hasText: 'Whole site' }).count()).toBe(2);
  const text = (await table.textContent())!;
  for (const flat of FLATS) expect(text).not.toContain(flat);
  expect(text).not.toContain('pseudonymised');
  expect(text).not.toMatch(/Unit [0-9A-F]{6}/);

  await page.goto(`/meters/${await flatMeterId()}`);
  await page.getByText('This meter does not exist or is not one of yours.').waitFor();
  await page.context().close();
});

it('the admin grants pseudonymised usage data up to the limit of three, and withdraws their own', async () => {
  const page = await e2e.newPage('en');
  await logIn(page, 'manager@demo.test');
  await page.getByRole('link', { name: 'Staff', exact: true }).click();
  const header = page.getByRole('columnheader', { name: /^Pseudonymised usage data/ });
  const toggle = (name: string) => page.getByRole('switch', { name: `Pseudonymised usage data for ${name}` });
  // The demo grants the admin: one of the three accounts.
  await expect.poll(() => header.textContent()).toContain('1 of 3 accounts granted');
  await expect.poll(() => toggle('Michael Berger').isChecked()).toBe(true);
  expect(await toggle('Sabine Moser').isChecked()).toBe(false);

  for (const [name, granted] of [['Sabine Moser', 2], ['Petra Lang', 3]] as const) {
    await toggle(name).click();
    await expect.poll(() => toggle(name).isChecked()).toBe(true);
    await expect.poll(() => header.textContent()).toContain(`${granted} of 3 accounts granted`);
  }
  await page.getByText('Saved').first().waitFor();

  // The three places are taken: the fourth office account cannot be granted, and says why.
  const karl = page.getByRole('row').filter({ hasText: EXTRA[1]!.email });
  await expect.poll(() => toggle('Karl Huber').isDisabled()).toBe(true);
  await karl.getByText('All 3 accounts are granted. Withdraw one first.').waitFor();
  expect(await toggle('Karl Huber').isChecked()).toBe(false);
  // The others stay changeable.
  expect(await toggle('Sabine Moser').isDisabled()).toBe(false);
  await picture(page, 'staff-limit');

  // The admin withdraws their own access: a place is free again.
  await toggle('Michael Berger').click();
  await expect.poll(() => toggle('Michael Berger').isChecked()).toBe(false);
  await expect.poll(() => header.textContent()).toContain('2 of 3 accounts granted');
  await expect.poll(() => toggle('Karl Huber').isDisabled()).toBe(false);
  expect(await karl.getByText('All 3 accounts are granted. Withdraw one first.').count()).toBe(0);

  // A technician reads no usage data: the switch is off for good, and says why.
  await page.getByRole('textbox', { name: 'Role of Karl Huber' }).or(page.getByRole('combobox', { name: 'Role of Karl Huber' })).first().click();
  await page.getByRole('option', { name: 'Technician', exact: true }).click();
  await karl.getByText('Technicians read no usage data.').waitFor();
  expect(await toggle('Karl Huber').isDisabled()).toBe(true);

  // What the server holds, after a reload.
  await page.reload();
  await expect.poll(() => toggle('Sabine Moser').isChecked()).toBe(true);
  expect(await toggle('Michael Berger').isChecked()).toBe(false);

  // Without the grant the admin's Meters page has no flat's meter left.
  const table = await metersOf(page);
  await expect.poll(() => table.getByRole('row').count()).toBe(3);
  expect(await table.textContent()).not.toMatch(/Unit [0-9A-F]{6}/);
  await page.context().close();
});

it('the granted staff member reads the flats\' meters as "Unit …", marked pseudonymised, without flat or serial number', async () => {
  const page = await e2e.newPage('en');
  await logIn(page, 'staff@demo.test');
  const table = await metersOf(page);
  // The two site meters, then one per flat.
  await expect.poll(() => table.getByRole('row').count()).toBe(3 + FLATS.length);
  const units = table.getByRole('row').filter({ hasText: /Unit [0-9A-F]{6}/ });
  expect(await units.count()).toBe(FLATS.length);
  for (const row of await units.all()) {
    const [name, place, medium, serial] = await row.getByRole('cell').allTextContents();
    expect(name).toMatch(/^Unit [0-9A-F]{6}pseudonymised$/);
    expect([place, medium, serial]).toEqual(['–', 'Heat', '–']);
  }
  const text = (await table.textContent())!;
  for (const flat of FLATS) expect(text).not.toContain(flat);
  expect(text).not.toContain('WMZ-HEIMBAU-1-');
  await picture(page, 'meters');

  // The meter's page: its pseudonym as the name, the mark, no serial number, and its consumption.
  const link = units.first().getByRole('link');
  const name = (await link.textContent())!;
  await link.click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
  await page.getByText('pseudonymised', { exact: true }).first().waitFor();
  await page.getByText('Serial number').locator('xpath=..').getByText('–', { exact: true }).waitFor();
  await page.getByRole('img', { name: new RegExp(`^Chart of the consumption of ${name}, `) }).waitFor();
  expect(await page.locator('main').textContent()).not.toContain(FLATS[0]!);
  await picture(page, 'meter');
  // The flat's meter by its address now shows, under the same pseudonym.
  await page.goto(`/meters/${await flatMeterId()}`);
  await page.getByRole('heading', { level: 1, name: /^Unit [0-9A-F]{6}$/ }).waitFor();
  await page.context().close();
});
