// Metering end to end: the office adds a heat meter to the demo resident's flat (a serial number
// already in use is refused on its field) and, granted pseudonymised usage data as the demo's
// admin is, finds it listed under the flat's pseudonym only; imports readings as CSV — a file
// with a bad line is refused with the line named and nothing stored, the corrected file is stored
// with a reading that would run the meter backwards flagged, a repeat and a conflict are reported
// by line. The resident then finds the meter under My consumption, switches days, weeks and
// months, compares with last year, and downloads the table as CSV. The readings lie in the last
// weeks of the server's real clock, and two days a year before.
import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { dayIn, startOfDay } from '../src/modules/metering/calendar.ts';
import { pdfPages } from '../../server/src/test/pdf.ts';
import { logIn, startE2E, type E2E } from './harness.ts';

let e2e: E2E;
beforeAll(async () => { e2e = await startE2E(); });
afterAll(async () => { await e2e?.close(); });

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SERIAL = 'WMZ-E2E-TOP1';
const NAME = 'Wärme Top 1 (neu)';
const VIENNA = 'Europe/Vienna';
/** UTC midnight of today: the readings are placed in whole UTC days before it. */
const today = Math.floor(Date.now() / DAY) * DAY;

/** Hourly register readings from `fromDay` to `toDay` (days before today, UTC midnights), 1.25 kWh an hour. */
function hourly(fromDay: number, toDay: number, start: number): [string, number][] {
  const readings: [string, number][] = [];
  for (let at = today - fromDay * DAY, value = start; at <= today - toDay * DAY; at += HOUR, value += 1.25) readings.push([new Date(at).toISOString(), value]);
  return readings;
}
// Two days a year ago; 12 to 8 days ago; silent for four days (estimated); 4 to 2 days ago.
const readings = [...hourly(372, 370, 1000), ...hourly(12, 8, 12_000), ...hourly(4, 2, 12_240)];
// A reading below the ones before it would run the register backwards: stored, flagged, not counted.
const backwardsAt = readings.findIndex(([at]) => at === new Date(today - 3 * DAY + 12 * HOUR).toISOString()) + 1;
readings.splice(backwardsAt, 0, [new Date(today - 3 * DAY + 12.5 * HOUR).toISOString(), 100]);
const csv = (lines: [string, string | number][]) => ['meter,at,value', ...lines.map(([at, value]) => `${SERIAL},${at},${value}`), ''].join('\n');

/** Mantine's Select in a dialog: open it by its label (required fields end in " *"), then pick the option. */
async function choose(page: Page, dialog: Locator, label: string, option: string) {
  const name = new RegExp(`^${label}( \\*)?$`);
  await dialog.getByRole('combobox', { name }).or(dialog.getByRole('textbox', { name })).first().click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

async function importFile(page: Page, name: string, text: string) {
  const dialog = page.getByRole('dialog', { name: 'Import readings' });
  await dialog.locator('input[type=file]').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  return dialog;
}

/** E2E_SCREENSHOTS=/some/folder keeps pictures of the pages to look at. */
async function picture(page: Page, name: string, target: Page | Locator = page) {
  const folder = process.env.E2E_SCREENSHOTS;
  if (!folder) return;
  await page.waitForTimeout(400); // the bars' animation
  await target.screenshot({ path: `${folder}/metering-${name}.png`, ...(target === page && { fullPage: true }) });
}

const api = <T,>(page: Page, path: string) => page.evaluate(async (p) => (await fetch(p)).json(), path) as Promise<T>;

it('the office adds a meter to a flat and imports its readings: a bad file is refused whole, the good one reported by line', async () => {
  const page = await e2e.newPage('en');
  await logIn(page, 'manager@demo.test');
  await page.getByRole('link', { name: 'Meters', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Meters' }).waitFor();

  await page.getByRole('button', { name: 'Add meter' }).click();
  const form = page.getByRole('dialog', { name: 'Add a meter' });
  await choose(page, form, 'Site', 'Wohnhausanlage Leopoldau');
  await choose(page, form, 'Flat or room', 'Stiege 1 / Top 1');
  await form.getByLabel(/^Name/).fill(NAME);
  // The demo's heat meter of the same flat has this serial number already.
  await form.getByLabel(/^Serial number/).fill('WMZ-HEIMBAU-1-1');
  await form.getByRole('button', { name: 'Add meter' }).click();
  await form.getByText('Another meter already has this serial number.').waitFor();
  expect(await form.getByLabel(/^Serial number/).getAttribute('aria-invalid')).toBe('true');
  await form.getByLabel(/^Serial number/).fill(SERIAL);
  const [added] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/meters' && r.status() === 201),
    form.getByRole('button', { name: 'Add meter' }).click(),
  ]);
  const meterId = (await added.json() as { id: string }).id;
  await page.getByText(`${NAME} was added.`).waitFor();
  // A flat's meter: the office lists it under the flat's pseudonym, marked so, without its flat, name or serial number.
  const row = page.getByRole('table', { name: 'Meters of Wohnhausanlage Leopoldau' }).getByRole('row').filter({ has: page.locator(`a[href="/meters/${meterId}"]`) });
  await row.filter({ hasText: 'Heat' }).filter({ hasText: 'Meter reading' }).filter({ hasText: 'kWh' }).waitFor();
  const pseudonym = (await row.getByRole('link').textContent())!;
  expect(pseudonym).toMatch(/^Unit [0-9A-F]{6}$/);
  expect(await row.getByRole('cell').allTextContents()).toEqual([`${pseudonym}pseudonymised`, '–', 'Heat', '–', 'Meter reading', 'kWh']);

  // A file with one bad line: refused whole, the line named, nothing stored.
  await page.getByRole('button', { name: 'Import readings' }).click();
  const bad = readings.map(([at, value], i): [string, string | number] => (i === 1 ? ['yesterday', value] : [at, value]));
  let dialog = await importFile(page, 'readings.csv', csv(bad));
  const refused = dialog.getByRole('alert').filter({ hasText: 'The file was refused: nothing was stored' });
  await refused.waitFor();
  expect(await refused.getByRole('table', { name: 'Lines to correct' }).getByRole('row').nth(1).getByRole('cell').allTextContents())
    .toEqual(['3', 'at', 'Not a time: write it like 2026-10-24T13:00:00Z.']);
  await picture(page, 'refused');
  const nothing = await api<{ rows: unknown[] }>(page, `/api/meters/${meterId}/consumption?period=year&from=2020-01-01T00:00:00Z&to=2030-01-01T00:00:00Z`);
  expect(nothing.rows).toEqual([]);

  // The corrected file: everything stored and counted but the reading that would run backwards.
  dialog = await importFile(page, 'readings.csv', csv(readings));
  const report = dialog.getByRole('status').filter({ hasText: 'Readings imported' });
  await report.waitFor();
  const figures = (await report.textContent())!;
  expect(figures).toContain(`Stored and counted${readings.length - 1}`);
  expect(figures).toContain('Already known, unchanged0');
  expect(figures).toContain('Stored, not counted1');
  expect(await report.getByRole('table', { name: 'Lines to check' }).getByRole('row').nth(1).getByRole('cell').allTextContents())
    .toEqual([String(backwardsAt + 2), 'Stored, not counted', 'The meter would run backwards: the value is below an earlier reading or above a later one.']);

  // Sent again: the first reading repeats, the second one with another value is refused.
  await importFile(page, 'again.csv', csv([readings[0]!, [readings[1]![0], 999]]));
  const again = dialog.getByRole('status').filter({ hasText: 'Already known, unchanged1' });
  await again.waitFor();
  expect(await again.textContent()).toContain('Stored and counted0');
  expect(await again.getByRole('table', { name: 'Lines to check' }).getByRole('row').nth(1).getByRole('cell').allTextContents())
    .toEqual(['3', 'Refused', 'Another value is already stored for this meter and time: 1,001.25']);
  await picture(page, 'import');
  await dialog.getByRole('button', { name: 'Close' }).first().click();
  await picture(page, 'list');

  // The office opens the meter's page too (under the pseudonym): the days up to today, and back to the site's meters.
  await row.getByRole('link', { name: pseudonym }).click();
  await page.getByRole('heading', { level: 1, name: pseudonym }).waitFor();
  await page.getByRole('img', { name: new RegExp(`^Chart of the consumption of ${pseudonym}, `) }).waitFor();
  await expect.poll(() => page.getByRole('table', { name: 'Consumption per period' }).getByRole('row').filter({ hasText: '30 kWh' }).filter({ hasText: 'Measured' }).count()).toBeGreaterThan(0);
  await page.getByRole('link', { name: 'All meters' }).click();
  await row.waitFor();
  await page.context().close();
});

it('the resident opens her meter under My consumption, switches days, weeks and months, compares with last year and downloads the CSV and the PDF report', async () => {
  const page = await e2e.newPage('de');
  await page.setViewportSize({ width: 1280, height: 1000 });
  await logIn(page, 'resident@demo.test');
  await page.getByRole('link', { name: 'Mein Verbrauch', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Mein Verbrauch' }).waitFor();
  await page.getByRole('table', { name: 'Meine Zähler' }).getByRole('link', { name: NAME }).click();
  await page.getByRole('heading', { level: 1, name: NAME }).waitFor();

  const chart = page.getByRole('img', { name: /^Diagramm des Verbrauchs von Wärme Top 1 \(neu\), / });
  const table = page.getByRole('table', { name: 'Verbrauch pro Zeitraum' });
  await chart.waitFor();
  await expect.poll(() => table.getByRole('row').count()).toBe(32);
  expect(await chart.getAttribute('data-periods')).toBe('31');
  // The days as Vienna counts them: ten days ago fully measured (1.25 kWh an hour), six days ago
  // estimated (the meter was silent), yesterday no data at all.
  const label = (daysAgo: number) => {
    const day = dayIn(today - daysAgo * DAY + 12 * HOUR, VIENNA);
    return new Intl.DateTimeFormat('de-AT', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }).format(Date.UTC(day.y, day.m - 1, day.d, 12)).replace(/\s/g, ' ');
  };
  // Percentages come with a no-break space before the sign.
  const cells = async (daysAgo: number) => (await dayRow(daysAgo).getByRole('cell').allTextContents()).map((c) => c.replace(/\s/g, ' '));
  const viennaDay = dayIn(today - 10 * DAY + 12 * HOUR, VIENNA);
  const hours = (startOfDay({ ...viennaDay, d: viennaDay.d + 1 }, VIENNA) - startOfDay(viennaDay, VIENNA)) / HOUR;
  const kwh = new Intl.NumberFormat('de-AT', { maximumFractionDigits: 2 }).format(1.25 * hours);
  const dayRow = (daysAgo: number) => table.getByRole('row').filter({ hasText: label(daysAgo) });
  expect(await cells(10)).toEqual([label(10), `${kwh} kWh`, '100 %', '0 %', 'Gemessen']);
  expect(await dayRow(6).textContent()).toContain('Geschätzt');
  expect(await cells(1)).toEqual([label(1), '–', '0 %', '0 %', 'Keine Daten']);
  await page.getByText('Geschätzt: Der Zähler hat nichts gesendet, der Verbrauch ist gleichmäßig verteilt').waitFor();

  const periods = page.getByRole('radiogroup', { name: 'Anzeigen pro' });
  await periods.getByText('Woche', { exact: true }).click();
  await expect.poll(() => table.getByRole('row').count()).toBe(14);
  expect(await chart.getAttribute('data-periods')).toBe('13');
  await table.getByRole('row').filter({ hasText: /^KW \d+ \(/ }).first().waitFor();
  await picture(page, 'weeks', chart);
  await periods.getByText('Monat', { exact: true }).click();
  await expect.poll(() => table.getByRole('row').count()).toBe(13);
  expect(await chart.getAttribute('data-periods')).toBe('12');

  await page.getByRole('radiogroup', { name: 'Vergleichen mit' }).getByText('Vorjahreszeitraum', { exact: true }).click();
  await expect.poll(() => chart.getAttribute('data-series')).toBe('2');
  await table.getByRole('columnheader', { name: 'Vergleichszeitraum' }).waitFor();
  await page.getByText(/^Ein Jahr davor: /).waitFor();
  await picture(page, 'months-compared', chart);
  await periods.getByText('Tag', { exact: true }).click();
  await expect.poll(() => table.getByRole('row').count()).toBe(32);
  expect(await chart.getAttribute('data-series')).toBe('2');
  // A year before six days ago: the two measured days of last year.
  expect(await dayRow(6).textContent()).toMatch(/Geschätzt.*\d kWh/);
  await picture(page, 'days-compared');
  await picture(page, 'chart', chart);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'CSV herunterladen' }).click()]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^${SERIAL}-day-\\d{4}-\\d{2}-\\d{2}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
  const lines = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '').trimEnd().split('\r\n');
  expect(lines).toHaveLength(32);
  expect(lines[0]).toBe('Beginn,Zeitraum,Verbrauch (kWh),Gemessen (Stunden),Geschätzt (Stunden),Daten,Beginn Vergleichszeitraum,Vergleichsverbrauch (kWh),Daten Vergleichszeitraum');
  expect(lines.find((l) => l.includes(label(10)))).toMatch(new RegExp(`,${1.25 * hours},${hours},0,Gemessen,`));

  // The same days as the server's PDF report, with its chart, in German.
  const [report] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Bericht als PDF' }).click()]);
  expect(report.suggestedFilename()).toBe(`consumption-${SERIAL}.pdf`);
  const text = (await pdfPages(readFileSync((await report.path())!))).join(' ');
  expect(text).toContain('Verbrauchsbericht');
  expect(text).toContain('Vorjahreszeitraum');
  expect(text).toContain('Täglich');
  await page.context().close();
});
