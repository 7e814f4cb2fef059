// Service tickets end to end (issue 9: "a resident opens a fault ticket with a photo and follows
// the staff reply"; "an approved request is worked with an electrician who sees only that ticket").
// The resident's browser refuses a text file before sending anything, sends a photo with her fault
// report and finds it in her list as new; the office finds it in the queue and replies; she hears
// of it in the notification centre and by e-mail and reads the reply in the history. Then she asks
// for a charger; the manager approves it and names the electrician, who logs in and sees that one
// ticket and nothing else. Last, she turns ticket e-mails off on the notifications page: the next
// reply reaches her centre only. And the manager has lost badges open tickets: her report opens one.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { choose, dismissLastLogins, type E2E, logIn, startE2E } from './harness.ts';
import { decodeQuotedPrintable, startMailbox, type Mailbox } from './mailbox.ts';

let e2e: E2E;
let mailbox: Mailbox;

beforeAll(async () => {
  mailbox = await startMailbox();
  e2e = await startE2E({ SMTP_URL: mailbox.url });
});

afterAll(async () => {
  await e2e?.close();
  await mailbox?.close();
});

/** A real 1×1 PNG: the server checks the bytes against the declared type, the page shows it. */
const PHOTO = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const FAULT = 'Washer 2 stops mid-programme';
const REPLY = 'Thank you, our technician comes tomorrow morning.';
const CHARGER = 'Wallbox for my parking space';

/** A JSON request from the logged-in page, with its CSRF token; the status and body as they came. */
const call = <T,>(page: Page, method: string, path: string) => page.evaluate(async ({ method, path }) => {
  const { csrfToken } = await (await fetch('/api/me')).json() as { csrfToken: string };
  const response = await fetch(path, { method, headers: { 'x-csrf-token': csrfToken } });
  return { status: response.status, body: await response.json() };
}, { method, path }) as Promise<{ status: number; body: T }>;

/** E2E_SCREENSHOTS=/some/folder keeps pictures of the pages to look at. */
async function picture(page: Page, name: string) {
  const folder = process.env.E2E_SCREENSHOTS;
  if (folder) await page.screenshot({ path: `${folder}/tickets-${name}.png`, fullPage: true });
}

async function loggedIn(email: string, viewport = { width: 1280, height: 900 }): Promise<Page> {
  const page = await e2e.newPage('en');
  await page.setViewportSize(viewport);
  await logIn(page, email);
  await page.getByRole('button', { name: /^Notifications/ }).waitFor();
  await dismissLastLogins(page);
  return page;
}

let faultId: string;
let faultNumber: string;
let unreadBefore: number;

it('a resident reports an appliance fault with a photo (a text file is refused in the browser) and sees it in her list as new', async () => {
  const page = await loggedIn('resident@demo.test');
  await page.getByRole('link', { name: 'Service', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Service' }).waitFor();
  await page.getByRole('link', { name: 'New ticket' }).click();
  await page.waitForURL('**/tickets/new');
  const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Send ticket' }) });
  await choose(page, form, 'Category', 'Appliance fault');
  await form.getByRole('textbox', { name: /^Subject/ }).fill(FAULT);
  await form.getByRole('textbox', { name: /^Your message/ }).fill('It stops after ten minutes and shows E21. The door stays locked.');

  const files = form.locator('input[type=file]');
  await files.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a photo') });
  await form.getByRole('alert').getByText('notes.txt cannot be attached: only JPEG, PNG or WebP photos and PDF files are accepted.').waitFor();
  await files.setInputFiles({ name: 'washer.png', mimeType: 'image/png', buffer: PHOTO });
  await form.getByRole('list', { name: 'Files to send' }).getByText('washer.png').waitFor();
  expect(await form.getByRole('alert').count()).toBe(0);
  await picture(page, 'new');

  await form.getByRole('button', { name: 'Send ticket' }).click();
  await page.waitForURL(/\/tickets\/[0-9a-f-]{36}$/);
  faultId = page.url().split('/').pop()!;
  const heading = page.getByRole('heading', { level: 1 });
  await heading.filter({ hasText: FAULT }).waitFor();
  faultNumber = /T-\d+/.exec((await heading.textContent())!)![0];
  await page.getByText(`Ticket ${faultNumber} was sent.`).waitFor();
  // The photo came back from the server and shows as a picture.
  const photo = page.getByRole('img', { name: 'washer.png' });
  await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);
  await picture(page, 'detail-resident');

  await page.getByRole('link', { name: 'Back to the tickets' }).click();
  const row = page.getByRole('table', { name: 'My tickets' }).getByRole('row').filter({ hasText: FAULT });
  await row.waitFor();
  expect(await row.getByRole('cell').nth(1).textContent()).toBe('Appliance fault');
  expect(await row.getByRole('cell').nth(2).textContent()).toBe('New');
  unreadBefore = (await call<{ unread: number }>(page, 'GET', '/api/me/notifications/unread')).body.unread;
  await page.context().close();
});

it('the office finds the ticket in its queue and replies; the resident hears of it in the notification centre and by e-mail and reads the reply', async () => {
  const office = await loggedIn('manager@demo.test');
  await office.getByRole('link', { name: 'Tickets', exact: true }).click();
  await office.getByRole('searchbox', { name: 'Search' }).fill(FAULT);
  const queue = office.getByRole('table', { name: 'Ticket queue' });
  await expect.poll(() => queue.getByRole('row').count()).toBe(2);
  const row = queue.getByRole('row').filter({ hasText: FAULT });
  expect(await row.textContent()).toContain('Anna Huber');
  await row.getByRole('link', { name: FAULT }).click();
  await office.waitForURL(`**/tickets/${faultId}`);
  await office.getByRole('img', { name: 'washer.png' }).waitFor();
  await office.getByRole('textbox', { name: 'Reply' }).fill(REPLY);
  await office.getByRole('button', { name: 'Send reply' }).click();
  await office.getByText('Your reply was sent.').waitFor();
  await office.getByText(REPLY).waitFor();
  await picture(office, 'detail-office');
  await office.goBack();
  await queue.waitFor();
  await picture(office, 'queue');
  await office.context().close();

  // On a phone.
  const page = await loggedIn('resident@demo.test', { width: 390, height: 844 });
  const bell = page.getByRole('button', { name: `Notifications, ${unreadBefore + 1} unread` });
  await bell.waitFor();
  await bell.click();
  const item = page.getByRole('dialog', { name: 'Notifications' }).getByRole('button', { name: new RegExp(faultNumber) });
  await item.click();
  await page.waitForURL(`**/tickets/${faultId}`);
  const history = page.getByRole('region', { name: 'History' });
  await history.getByText(REPLY).waitFor();
  await picture(page, 'detail-phone');
  await page.getByRole('button', { name: `Notifications, ${unreadBefore} unread` }).or(page.getByRole('button', { name: 'Notifications', exact: true })).waitFor();

  await expect.poll(() => mailbox.received.filter((m) => m.to.includes('resident@demo.test') && m.raw.includes(faultNumber)).length).toBe(1);
  const mail = decodeQuotedPrintable(mailbox.received.find((m) => m.to.includes('resident@demo.test') && m.raw.includes(faultNumber))!.raw);
  expect(mail).toContain(REPLY);
  expect(mail).toContain(`/tickets/${faultId}`);
  await page.context().close();
});

it('a charger installation request is approved by the manager with an electrician, who sees only that ticket', async () => {
  const page = await loggedIn('resident@demo.test');
  await page.getByRole('link', { name: 'Service', exact: true }).click();
  await page.getByRole('link', { name: 'New ticket' }).click();
  const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Send ticket' }) });
  await choose(page, form, 'Category', 'Charger installation request');
  await form.getByRole('textbox', { name: /^Subject/ }).fill(CHARGER);
  await form.getByRole('textbox', { name: /^Your message/ }).fill('I would like a wallbox at my space in the garage.');
  await form.getByRole('button', { name: 'Send ticket' }).click();
  // Neither a parking space nor a serial: said on the form, nothing sent.
  await form.getByText('Please choose your parking space or give the charger\'s serial number.').first().waitFor();
  await form.getByRole('textbox', { name: 'Charger serial number' }).fill('WB-2026-0815');
  await form.getByRole('button', { name: 'Send ticket' }).click();
  await page.waitForURL(/\/tickets\/[0-9a-f-]{36}$/);
  const requestId = page.url().split('/').pop()!;
  await page.getByText('Awaiting approval').first().waitFor();
  await page.context().close();

  const office = await loggedIn('manager@demo.test');
  const electrician = (await call<{ userId: string; displayName: string; role: string }[]>(office, 'GET', '/api/ticket-assignees')).body.find((a) => a.role === 'technician')!;
  expect(electrician).toBeDefined();
  await office.goto(`/tickets/${requestId}`);
  await office.getByRole('button', { name: 'Approve', exact: true }).click();
  const dialog = office.getByRole('dialog', { name: /^Approve request T-\d+\?$/ });
  await choose(office, dialog, 'Electrician', electrician.displayName);
  await dialog.getByRole('button', { name: 'Approve request' }).click();
  await office.getByText(/^Request T-\d+ was approved\.$/).waitFor();
  await dialog.waitFor({ state: 'detached' });
  await office.getByText(`${electrician.displayName}`).first().waitFor();
  expect(await office.getByRole('button', { name: 'Approve', exact: true }).count()).toBe(0);
  await office.context().close();

  const technician = await loggedIn('technician@demo.test');
  await technician.getByRole('link', { name: 'Tickets', exact: true }).click();
  const mine = technician.getByRole('table', { name: 'My assigned tickets' });
  await mine.getByRole('link', { name: CHARGER }).waitFor();
  expect(await mine.getByRole('row').count()).toBe(2);
  expect((await call(technician, 'GET', `/api/tickets/${faultId}`)).status).toBe(404);
  await mine.getByRole('link', { name: CHARGER }).click();
  await technician.getByText('WB-2026-0815').waitFor();
  await technician.context().close();
});

it('a resident who switched off ticket e-mails still hears of the next reply in the notification centre, but gets no mail', async () => {
  const page = await loggedIn('resident@demo.test');
  await page.getByRole('button', { name: /^Notifications/ }).click();
  await page.getByRole('button', { name: 'All and settings' }).click();
  await page.waitForURL('**/notifications');
  // The whole history, filtered to tickets, holds the reply she heard of.
  await page.getByRole('group', { name: 'Show only' }).getByText('Tickets', { exact: true }).click();
  await page.getByRole('list', { name: 'Your notifications' }).getByRole('button', { name: new RegExp(faultNumber) }).first().waitFor();
  const email = page.getByRole('switch', { name: 'Tickets by E-mail' });
  expect(await email.isChecked()).toBe(true);
  expect(await page.getByRole('switch', { name: 'Invoices by E-mail' }).isDisabled()).toBe(true);
  await email.click({ force: true });
  await expect.poll(() => email.isChecked()).toBe(false);
  await page.reload();
  await expect.poll(() => page.getByRole('switch', { name: 'Tickets by E-mail' }).isChecked()).toBe(false);
  const unread = (await call<{ unread: number }>(page, 'GET', '/api/me/notifications/unread')).body.unread;
  await page.context().close();

  const mailsBefore = mailbox.received.filter((m) => m.to.includes('resident@demo.test')).length;
  const office = await loggedIn('manager@demo.test');
  await office.goto(`/tickets/${faultId}`);
  await office.getByRole('textbox', { name: 'Reply' }).fill('The technician has found the fault.');
  await office.getByRole('button', { name: 'Send reply' }).click();
  await office.getByText('Your reply was sent.').waitFor();
  await office.context().close();

  const again = await loggedIn('resident@demo.test');
  await again.getByRole('button', { name: `Notifications, ${unread + 1} unread` }).waitFor();
  // The office's own mail (it was handed over before the page answered) would be here by now.
  expect(mailbox.received.filter((m) => m.to.includes('resident@demo.test')).length).toBe(mailsBefore);
  await again.context().close();
});

it('the manager has lost badges open tickets for the electrician; a badge the resident reports lost opens one she can follow', async () => {
  const office = await loggedIn('manager@demo.test');
  await office.getByRole('link', { name: 'Tickets', exact: true }).click();
  const settings = office.locator('form').filter({ has: office.getByRole('button', { name: 'Save settings' }) });
  await settings.getByRole('switch', { name: 'Badge reported lost' }).click({ force: true });
  await choose(office, settings, 'Assign to (Badge reported lost)', 'Thomas Elektro (technician)');
  await settings.getByRole('button', { name: 'Save settings' }).click();
  await office.getByText('The automatic ticket settings were saved.').waitFor();
  await office.context().close();

  const page = await loggedIn('resident@demo.test');
  await page.getByRole('link', { name: 'My badges', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'My badges' }).waitFor();
  await page.getByRole('button', { name: 'Report lost' }).first().click();
  await page.getByRole('dialog', { name: 'Report this badge lost?' }).getByRole('button', { name: 'Yes, report it lost' }).click();
  await page.getByText('The badge is blocked. Nobody can use it any more.').waitFor();
  await page.getByRole('link', { name: 'Service', exact: true }).click();
  const row = page.getByRole('table', { name: 'My tickets' }).getByRole('row').filter({ hasText: 'Badge' }).first();
  await row.waitFor();
  await page.context().close();

  // The electrician finds it among his tickets.
  const technician = await loggedIn('technician@demo.test');
  await technician.getByRole('link', { name: 'Tickets', exact: true }).click();
  await technician.getByRole('table', { name: 'My assigned tickets' }).getByRole('row').filter({ hasText: 'Badge' }).first().waitFor();
  await technician.context().close();
});
