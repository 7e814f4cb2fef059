// The property manager's and the operator's pages: a manager sets up a site, a unit, a resident
// and an occupancy; invites the resident, whose mail arrives over real SMTP on loopback and whose
// link creates a logged-in resident account; the operator sees both property managers and the
// outbox. With E2E_SCREENSHOTS=<dir> the main pages are also photographed at desktop and phone size.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { logIn, startE2E, type E2E } from './harness.ts';
import { decodeQuotedPrintable, type Mailbox, type ReceivedMail, startMailbox } from './mailbox.ts';

let e2e: E2E;
let mailbox: Mailbox;
let received: ReceivedMail[];

beforeAll(async () => {
  mailbox = await startMailbox();
  received = mailbox.received;
  e2e = await startE2E({ SMTP_URL: mailbox.url });
});

afterAll(async () => {
  await e2e?.close();
  await mailbox?.close();
});

/** Mantine's Select: open it by its label (required fields end in " *"), then pick the option. */
async function choose(page: Page, label: string, option: string) {
  const name = new RegExp(`^${label}( \\*)?$`);
  await page.getByRole('combobox', { name }).or(page.getByRole('textbox', { name })).first().click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

const stamp = Date.now().toString(36);
const site = { name: `Hofgarten ${stamp}`, street: 'Gartengasse 5', postalCode: '1050', city: 'Wien' };
const unitLabel = 'Top 7';
const resident = { first: 'Rosa', last: `Lindner${stamp}`, email: `rosa.${stamp}@example.test` };
let personUrl = '';

it('a manager creates a site, a unit, a resident and an occupancy and sees them listed', async () => {
  const page = await e2e.newPage('en');
  await logIn(page, 'manager@demo.test');
  await page.getByRole('link', { name: 'Sites', exact: true }).click();
  await page.getByRole('cell', { name: 'Wohnhausanlage Leopoldau' }).waitFor();

  await page.getByRole('button', { name: 'New site' }).click();
  const siteForm = page.getByRole('dialog', { name: 'New site' });
  await siteForm.getByLabel('Name').fill(site.name);
  await siteForm.getByLabel('Street and number').fill(site.street);
  await siteForm.getByLabel('Postal code').fill(site.postalCode);
  await siteForm.getByLabel('City').fill(site.city);
  await siteForm.getByRole('button', { name: 'Create' }).click();
  await page.getByRole('heading', { name: site.name }).waitFor();

  await page.getByRole('button', { name: 'New unit' }).click();
  const unitForm = page.getByRole('dialog', { name: 'New unit' });
  await unitForm.getByLabel('Label').fill(unitLabel);
  await unitForm.getByLabel('Floor').fill('2');
  await unitForm.getByRole('button', { name: 'Create' }).click();
  await page.getByRole('cell', { name: unitLabel, exact: true }).waitFor();

  // A site with units cannot be deleted; the refusal is the server's, in the user's words.
  await page.getByRole('button', { name: 'Delete site' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('alert').filter({ hasText: 'This site still has units. Delete its units first.' }).waitFor();
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('link', { name: 'Residents', exact: true }).click();
  await page.getByRole('button', { name: 'New person' }).click();
  const personForm = page.getByRole('dialog', { name: 'New person' });
  await personForm.getByLabel('First name').fill(resident.first);
  await personForm.getByLabel('Last name').fill(resident.last);
  await personForm.getByLabel('E-mail').fill(resident.email);
  await personForm.getByRole('button', { name: 'Create' }).click();
  await page.getByRole('heading', { name: new RegExp(`${resident.first} ${resident.last} · HEIMBAU-\\d+`, 'i') }).waitFor();
  personUrl = new URL(page.url()).pathname;

  await page.getByRole('button', { name: 'Add occupancy' }).click();
  const occupancyForm = page.getByRole('dialog', { name: 'Add occupancy' });
  await choose(page, 'Site', site.name);
  await choose(page, 'Unit', unitLabel);
  await occupancyForm.getByLabel('From').fill('2025-01-01');
  await occupancyForm.getByRole('button', { name: 'Create' }).click();
  const row = page.getByRole('row').filter({ hasText: unitLabel });
  await row.waitFor();
  expect(await row.textContent()).toContain(site.name);
  expect(await row.textContent()).toContain('Tenant');

  // Listed: the resident by search, the site with its one unit, the unit with its occupancy.
  await page.getByRole('link', { name: 'Residents', exact: true }).click();
  await page.getByLabel('Search').fill(resident.last);
  await page.getByRole('link', { name: `${resident.last}, ${resident.first}` }).waitFor();
  await expect.poll(() => page.getByRole('row').count()).toBe(2);
  await page.getByRole('link', { name: 'Sites', exact: true }).click();
  expect(await page.getByRole('row').filter({ hasText: site.name }).getByRole('cell').last().textContent()).toBe('1');
  await page.getByRole('link', { name: site.name }).click();
  expect(await page.getByRole('row').filter({ hasText: unitLabel }).getByRole('cell').nth(3).textContent()).toBe('1');
  await page.context().close();
});

it('a manager invites the resident; the mail arrives over SMTP and its link logs the new resident in', async () => {
  expect(personUrl).not.toBe('');
  const page = await e2e.newPage('en');
  await logIn(page, 'manager@demo.test');
  await page.getByRole('link', { name: 'Residents', exact: true }).waitFor();
  await page.goto(personUrl);
  await page.getByRole('button', { name: 'Invite to portal' }).click();
  await page.getByText(`Invitation sent to ${resident.email}`).waitFor();

  await expect.poll(() => received.filter((m) => m.to.includes(resident.email)).length, { timeout: 10_000 }).toBe(1);
  const mail = received.find((m) => m.to.includes(resident.email))!;
  const text = decodeQuotedPrintable(mail.raw);
  expect(text).toContain('/accept-invitation?token=');
  const link = new URL(/https?:\/\/\S+\/accept-invitation\?token=[\w%-]+/.exec(text)![0]);

  await page.getByRole('link', { name: 'Invitations', exact: true }).click();
  const invitation = page.getByRole('row').filter({ hasText: resident.email });
  expect(await invitation.textContent()).toContain('Pending');

  const invitee = await e2e.newPage('en');
  await invitee.goto(link.pathname + link.search);
  await invitee.getByText('Heimbau').waitFor();
  const name = invitee.getByLabel('Your name');
  if (!(await name.inputValue())) await name.fill(`${resident.first} ${resident.last}`);
  await invitee.getByLabel(/^New password/).fill('a-long-resident-password');
  await invitee.getByLabel(/^Repeat the new password/).fill('a-long-resident-password');
  await invitee.getByRole('button', { name: 'Create account' }).click();
  await invitee.waitForURL('**/home');
  const me = await invitee.evaluate(async () => (await fetch('/api/me')).json()) as { user: { email: string }; role: string };
  expect(me.user.email).toBe(resident.email);
  expect(me.role).toBe('resident');
  await invitee.context().close();

  await page.reload();
  await expect.poll(async () => page.getByRole('row').filter({ hasText: resident.email }).textContent()).toContain('Accepted');
  await page.context().close();
});

it('the operator sees both property managers and the outbox with the invitation', async () => {
  const page = await e2e.newPage('en');
  await logIn(page, 'operator@demo.test');
  await page.getByRole('link', { name: 'Heimbau' }).waitFor();
  expect(await page.getByRole('link', { name: 'Régie du Lac' }).isVisible()).toBe(true);

  await page.getByRole('link', { name: 'Mail outbox' }).click();
  const row = page.getByRole('row').filter({ hasText: resident.email });
  await row.waitFor();
  expect(await row.textContent()).toContain('Sent');
  await row.getByRole('button').click();
  expect(await page.getByTestId('mail-text').textContent()).toContain('/accept-invitation?token=');
  await page.context().close();
});

it('photographs the main pages at desktop and phone size when asked', async () => {
  const dir = process.env.E2E_SCREENSHOTS;
  if (!dir) return;
  const pages = ['/sites', personUrl, '/staff', '/invitations', '/audit', '/api-tokens'];
  for (const [label, viewport] of [['desktop', { width: 1280, height: 800 }], ['phone', { width: 390, height: 844 }]] as const) {
    const page = await e2e.newPage('en');
    await page.setViewportSize(viewport);
    await logIn(page, 'manager@demo.test');
    await page.getByRole('link', { name: 'Security', exact: true }).waitFor();
    for (const path of pages) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.waitForTimeout(300);
      await page.screenshot({ path: `${dir}/${label}${path.replace(/\//g, '_')}.png`, fullPage: true });
    }
    await page.context().close();
    const operator = await e2e.newPage('en');
    await operator.setViewportSize(viewport);
    await logIn(operator, 'operator@demo.test');
    await operator.getByRole('link', { name: 'Security', exact: true }).waitFor();
    for (const path of ['/operator/tenants', '/operator/outbox']) {
      await operator.goto(path);
      await operator.getByRole('heading', { level: 1 }).waitFor();
      await operator.waitForTimeout(300);
      await operator.screenshot({ path: `${dir}/${label}${path.replace(/\//g, '_')}.png`, fullPage: true });
    }
    await operator.context().close();
  }
});
