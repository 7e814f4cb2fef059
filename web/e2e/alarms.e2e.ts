// Alarms end to end (issue 7: "a resident … subscribes to an alarm and sees it arrive in the
// notification centre and by e-mail"). The office adds a heat meter to the demo resident's flat
// and sends it hourly readings through the API, 2 kWh an hour, so that yesterday used about
// 48 kWh. The resident opens the meter, sets a daily-consumption alarm by e-mail from there (an
// empty limit is refused on its field), the evaluation runs (as the worker's job would each
// minute), the bell counts one unread notification, the resident follows it to the Alarms page,
// finds the alarm raised in the history and acknowledges it; the e-mail arrives over SMTP.
// Then she changes the rule (a higher limit, a new name: the next evaluation clears it) and
// deletes it after confirming: it leaves the list, its past alarm stays in the history.
// Last, a temperature alarm: hot water below 55 °C; a reading that comes with 50.5 °C raises it.
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { asPlatform } from '../../server/src/db/scope.ts';
import { evaluateAlarms } from '../../server/src/modules/alarms/alarms.evaluate.ts';
import { choose, type E2E, logIn, select, startE2E } from './harness.ts';
import { startMailbox, type Mailbox, type ReceivedMail } from './mailbox.ts';

let e2e: E2E;
let mailbox: Mailbox;
let received: ReceivedMail[];

beforeAll(async () => {
  mailbox = await startMailbox();
  received = mailbox.received;
  // Without the worker: the test runs the evaluation itself, once, when the readings are in.
  e2e = await startE2E({ SMTP_URL: mailbox.url, ROLES: 'api,gateway' });
});

afterAll(async () => {
  await e2e?.close();
  await mailbox?.close();
});

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SERIAL = 'WMZ-ALARM-TOP1';
const METER = 'Wärme Top 1 (Alarm)';
const RULE = 'Heizung Top 1 zu hoch';
const RENAMED = 'Heizung Top 1 sehr hoch';

/** E2E_SCREENSHOTS=/some/folder keeps pictures of the pages to look at. */
async function picture(page: Page, name: string, target: Page | Locator = page) {
  const folder = process.env.E2E_SCREENSHOTS;
  if (!folder) return;
  await page.waitForTimeout(300); // the popover's transition
  await target.screenshot({ path: `${folder}/alarms-${name}.png`, ...(target === page && { fullPage: true }) });
}

/** A JSON request from the logged-in page, with its CSRF token. */
const call = <T,>(page: Page, method: string, path: string, body?: unknown) => page.evaluate(async ({ method, path, body }) => {
  const { csrfToken } = await (await fetch('/api/me')).json() as { csrfToken: string };
  const response = await fetch(path, { method, headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}, { method, path, body }) as Promise<T>;

let meterId: string;

/** The worker's job, once, for the resident's tenant. */
async function evaluate() {
  const { tenant_id: tenantId } = await asPlatform(e2e.running.deps.db, (tx) => tx.selectFrom('meters').select('tenant_id').where('id', '=', meterId).executeTakeFirstOrThrow());
  return evaluateAlarms({ ...e2e.running.deps, sms: null }, tenantId);
}

it('the office adds a heat meter to the resident\'s flat and sends its readings: yesterday used about 48 kWh', async () => {
  const page = await e2e.newPage('en');
  await logIn(page, 'manager@demo.test');
  await page.getByRole('link', { name: 'Alarms', exact: true }).waitFor();
  const sites = await call<{ id: string; name: string }[]>(page, 'GET', '/api/sites');
  const site = sites.find((s) => s.name === 'Wohnhausanlage Leopoldau')!;
  const units = await call<{ id: string; label: string }[]>(page, 'GET', `/api/sites/${site.id}/units`);
  const flat = units.find((u) => u.label === 'Stiege 1 / Top 1')!;
  const meter = await call<{ id: string }>(page, 'POST', '/api/meters', {
    siteId: site.id, unitId: flat.id, name: METER, serial: SERIAL, medium: 'heat', unit: 'kWh', kind: 'register', intervalMinutes: null,
  });
  meterId = meter.id;
  // Every hour from three days ago (UTC midnight) up to the last full hour: yesterday in Vienna lies wholly within.
  const readings: { meter: string; at: string; value: number }[] = [];
  for (let at = Math.floor(Date.now() / DAY) * DAY - 3 * DAY, value = 5000; at <= Date.now(); at += HOUR, value += 2) {
    readings.push({ meter: SERIAL, at: new Date(at).toISOString(), value });
  }
  const report = await call<{ accepted: number }>(page, 'POST', '/api/meters/readings', { readings });
  expect(report.accepted).toBe(readings.length);
  await page.context().close();
});

it('the resident sets a daily-consumption alarm by e-mail on her meter, hears of it in the notification centre and by mail, and acknowledges it', async () => {
  const page = await e2e.newPage('de');
  await page.setViewportSize({ width: 1280, height: 900 });
  await logIn(page, 'resident@demo.test');
  // She has read what the demo told her (a ticket reply, badge changes): the bell counts only what comes now.
  await page.getByRole('button', { name: /^Benachrichtigungen/ }).waitFor();
  await call(page, 'POST', '/api/me/notifications/read', {});
  await page.getByRole('link', { name: 'Mein Verbrauch', exact: true }).click();
  await page.getByRole('table', { name: 'Meine Zähler' }).getByRole('link', { name: METER }).click();
  await page.getByRole('heading', { level: 1, name: METER }).waitFor();
  await picture(page, 'meter');
  await page.getByRole('link', { name: 'Alarm einrichten' }).click();
  await page.waitForURL(`**/alarms?meter=${meterId}`);

  // The form opens with her meter chosen; without a limit the server refuses it on that field.
  const form = page.getByRole('dialog', { name: 'Neuer Alarm' });
  await form.waitFor();
  expect(await select(form, 'Zähler').inputValue()).toContain(METER);
  expect(await select(form, 'Alarm bei').inputValue()).toBe('Tagesverbrauch über einem Grenzwert');
  await form.getByLabel(/^Name/).fill(RULE);
  await choose(page, form, 'Benachrichtigen', 'Portal und E-Mail');
  await form.getByRole('button', { name: 'Alarm anlegen' }).click();
  await form.getByText('Bitte den Grenzwert angeben.').waitFor();
  const limit = form.getByRole('textbox', { name: /^Grenzwert pro Tag/ });
  expect(await limit.getAttribute('aria-invalid')).toBe('true');
  await picture(page, 'form-refused', form);
  // Not a number: said at once, nothing sent.
  await limit.fill('viel');
  await form.getByText('Bitte eine Zahl eingeben, z. B. 12,5.').waitFor();
  expect(await form.getByRole('button', { name: 'Alarm anlegen' }).isDisabled()).toBe(true);
  await limit.fill('20,5');
  await form.getByRole('button', { name: 'Alarm anlegen' }).click();
  await page.getByText(`Der Alarm ${RULE} wurde angelegt.`).waitFor();
  await form.waitFor({ state: 'detached' });
  expect(new URL(page.url()).search).toBe('');

  const rules = page.getByRole('table', { name: 'Alarmregeln' });
  const rule = rules.getByRole('row').filter({ hasText: RULE });
  expect(await rule.getByRole('cell').allTextContents()).toEqual([RULE, 'Tagesverbrauch über einem Grenzwert', METER, '20,5 kWh pro Tag', 'In Ordnung', '', '✎✕']);
  // Hers to change and delete: the two buttons at the row's end.
  expect(await rule.getByRole('button', { name: `${RULE} bearbeiten` }).isVisible()).toBe(true);
  expect(await rule.getByRole('button', { name: `${RULE} löschen` }).isVisible()).toBe(true);
  expect(await select(rule, `Benachrichtigung für ${RULE}`).inputValue()).toBe('Portal und E-Mail');
  const bell = page.getByRole('button', { name: /^Benachrichtigungen/ });
  expect(await bell.getAttribute('aria-label')).toBe('Benachrichtigungen');

  // The worker's job, once: yesterday used more than 20.5 kWh.
  expect(await evaluate()).toMatchObject({ raised: 1, emailed: 1 });

  // Coming back to the window, the bell asks again.
  await page.evaluate(() => window.dispatchEvent(new Event('focus')));
  await page.getByRole('button', { name: 'Benachrichtigungen, 1 ungelesen' }).waitFor();
  expect(await page.getByTestId('notification-count').textContent()).toBe('1');
  await bell.click();
  const centre = page.getByRole('dialog', { name: 'Benachrichtigungen' });
  const item = centre.getByRole('button', { name: new RegExp(`^Alarm: ${RULE}`) });
  await item.waitFor();
  expect(await item.textContent()).toMatch(/Neu.*kWh verbraucht am .*, über dem Grenzwert von 20,5 kWh/);
  await picture(page, 'notification-centre');

  // Followed: read, and the Alarms page shows it raised.
  await item.click();
  await page.waitForURL('**/alarms');
  await expect.poll(() => bell.getAttribute('aria-label')).toBe('Benachrichtigungen');
  await rule.filter({ hasText: /Ausgelöst\s*seit \d/ }).waitFor();
  const history = page.getByRole('table', { name: 'Alarmverlauf' });
  const alarm = history.getByRole('row').filter({ hasText: RULE });
  await alarm.filter({ hasText: 'Noch aktiv' }).filter({ hasText: /kWh verbraucht am .*, über dem Grenzwert von 20,5 kWh/ }).waitFor();
  await alarm.getByRole('button', { name: 'Bestätigen' }).click();
  await page.getByText(`${RULE} bestätigt.`).waitFor();
  await expect.poll(() => alarm.getByRole('button', { name: 'Bestätigen' }).count()).toBe(0);
  expect(await alarm.getByRole('cell').last().textContent()).toMatch(/\d{2}:\d{2}/);
  await picture(page, 'page');

  // The subscription changes in place: only the portal from now on.
  await choose(page, rule, `Benachrichtigung für ${RULE}`, 'Nur im Portal');
  await page.getByText(`${RULE}: Nur im Portal.`).waitFor();
  const after = await call<{ name: string; subscription: string | null }[]>(page, 'GET', '/api/alarm-rules');
  expect(after.find((r) => r.name === RULE)!.subscription).toBe('portal');

  // The mail went out, in German.
  await expect.poll(() => received.filter((m) => m.to.includes('resident@demo.test')).length).toBe(1);
  const mail = received.find((m) => m.to.includes('resident@demo.test'))!;
  expect(mail.raw).toMatch(new RegExp(`^Subject: Alarm: ${RULE}\\r?$`, 'm'));
  await page.context().close();
});

it('the resident raises her alarm\'s limit and renames it, sees it cleared at the next evaluation, and deletes it after confirming; its past alarm stays', async () => {
  const page = await e2e.newPage('de');
  await page.setViewportSize({ width: 1280, height: 900 });
  await logIn(page, 'resident@demo.test');
  await page.getByRole('link', { name: 'Alarme', exact: true }).click();
  const rules = page.getByRole('table', { name: 'Alarmregeln' });
  const rule = rules.getByRole('row').filter({ hasText: RULE });
  await rule.filter({ hasText: /Ausgelöst\s*seit \d/ }).waitFor();

  // The form opens with the rule as it is; what it watches is shown, not changed.
  await rule.getByRole('button', { name: `${RULE} bearbeiten` }).click();
  const form = page.getByRole('dialog', { name: 'Alarm bearbeiten' });
  await form.waitFor();
  const name = form.getByRole('textbox', { name: /^Name/ });
  const limit = form.getByRole('textbox', { name: /^Grenzwert pro Tag/ });
  expect(await name.inputValue()).toBe(RULE);
  expect(await limit.inputValue()).toBe('20,5');
  expect(await select(form, 'Zähler').inputValue()).toContain(METER);
  expect(await select(form, 'Zähler').isDisabled()).toBe(true);
  expect(await select(form, 'Alarm bei').isDisabled()).toBe(true);
  // An emptied limit is said at once and not sent.
  await limit.fill('');
  await form.getByText('Bitte den Grenzwert angeben.').waitFor();
  expect(await form.getByRole('button', { name: 'Änderungen speichern' }).isDisabled()).toBe(true);
  await picture(page, 'edit-form', form);
  await name.fill(RENAMED);
  await limit.fill('60');
  await form.getByRole('button', { name: 'Änderungen speichern' }).click();
  await page.getByText(`Der Alarm ${RENAMED} wurde gespeichert.`).waitFor();
  await form.waitFor({ state: 'detached' });
  const renamed = rules.getByRole('row').filter({ hasText: RENAMED });
  await renamed.filter({ hasText: '60 kWh pro Tag' }).waitFor();
  expect(await rules.getByRole('row').filter({ hasText: RULE }).count()).toBe(0);

  // Raised until the evaluation looks again: yesterday's 48 kWh are below the new limit.
  expect(await evaluate()).toMatchObject({ raised: 0, cleared: 1 });
  await page.reload();
  await renamed.filter({ hasText: 'In Ordnung' }).waitFor();
  const history = page.getByRole('table', { name: 'Alarmverlauf' });
  const past = history.getByRole('row').filter({ hasText: RENAMED });
  await expect.poll(() => past.filter({ hasText: 'Noch aktiv' }).count()).toBe(0);

  // Deleting asks first; cancelled, nothing happens.
  await renamed.getByRole('button', { name: `${RENAMED} löschen` }).click();
  const confirm = page.getByRole('dialog', { name: 'Alarm löschen' });
  await confirm.getByText(`Den Alarm ${RENAMED} löschen?`, { exact: false }).waitFor();
  await picture(page, 'delete-confirm', confirm);
  await confirm.getByRole('button', { name: 'Abbrechen' }).click();
  await confirm.waitFor({ state: 'detached' });
  expect(await renamed.count()).toBe(1);
  await renamed.getByRole('button', { name: `${RENAMED} löschen` }).click();
  await confirm.getByRole('button', { name: 'Löschen', exact: true }).click();
  await page.getByText(`Der Alarm ${RENAMED} wurde gelöscht.`).waitFor();
  await confirm.waitFor({ state: 'detached' });
  await page.getByText('Noch keine Alarme eingerichtet.').waitFor();
  expect(await rules.count()).toBe(0);

  // Its alarm stays in the history, marked as the deleted rule's; the evaluation no longer looks at it.
  await past.filter({ hasText: 'Regel gelöscht' }).filter({ hasText: /kWh verbraucht am .*, über dem Grenzwert von 20,5 kWh/ }).waitFor();
  expect(await past.count()).toBe(1);
  await picture(page, 'after-delete');
  expect(await evaluate()).toMatchObject({ raised: 0, cleared: 0 });
  await page.reload();
  await past.filter({ hasText: 'Regel gelöscht' }).waitFor();
  expect(await page.getByRole('table', { name: 'Alarmregeln' }).count()).toBe(0);
  await page.context().close();
});

it('the resident sets a temperature alarm on her meter; a reading too cold raises it, with the temperature in the history', async () => {
  const page = await e2e.newPage('de');
  await page.setViewportSize({ width: 1280, height: 900 });
  await logIn(page, 'resident@demo.test');
  await page.getByRole('link', { name: 'Mein Verbrauch', exact: true }).click();
  await page.getByRole('table', { name: 'Meine Zähler' }).getByRole('link', { name: METER }).click();
  await page.getByRole('link', { name: 'Alarm einrichten' }).click();
  const form = page.getByRole('dialog', { name: 'Neuer Alarm' });
  await form.waitFor();
  await choose(page, form, 'Alarm bei', 'Temperatur unter einer Grenze');
  await form.getByLabel(/^Name/).fill('Warmwasser zu kalt');
  const limit = form.getByRole('textbox', { name: /^Tiefste Temperatur/ });
  // Beyond what water can be: said at once.
  await limit.fill('300');
  await form.getByText('Geben Sie eine Temperatur von -100 bis 250 °C ein.').waitFor();
  await limit.fill('55');
  await form.getByRole('button', { name: 'Alarm anlegen' }).click();
  await page.getByText('Der Alarm Warmwasser zu kalt wurde angelegt.').waitFor();
  const rule = page.getByRole('table', { name: 'Alarmregeln' }).getByRole('row').filter({ hasText: 'Warmwasser zu kalt' });
  expect((await rule.getByRole('cell').allTextContents()).slice(0, 5)).toEqual(['Warmwasser zu kalt', 'Temperatur unter einer Grenze', METER, 'unter 55 °C', 'In Ordnung']);

  // The meter sends 50.5 °C with its next reading.
  const office = await e2e.newPage('en');
  await logIn(office, 'manager@demo.test');
  await office.getByRole('link', { name: 'Alarms', exact: true }).waitFor();
  const report = await call<{ accepted: number }>(office, 'POST', '/api/meters/readings', { readings: [{ meter: SERIAL, at: new Date(Date.now() - 60_000).toISOString(), value: 1_000_000, temperature: 50.5 }] });
  expect(report.accepted).toBe(1);
  await office.context().close();
  expect(await evaluate()).toMatchObject({ raised: 1 });

  await page.reload();
  await rule.filter({ hasText: /seit/ }).waitFor();
  const history = page.getByRole('table', { name: 'Alarmverlauf' });
  await history.getByRole('row').filter({ hasText: 'Warmwasser zu kalt' }).filter({ hasText: /50,5 °C gemessen am .*, unter der Grenze von 55 °C/ }).waitFor();
  await picture(page, 'temperature');
  await page.context().close();
});
