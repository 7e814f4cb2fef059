// A meter's consumption report as PDF, read back as a person would read it: the chart drawn on the
// server (its legend and axis are text in the PDF), a row per day with the gaps named, the
// comparison and the totals, in the reader's language.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestContext, login, type Session, type TestContext } from '../../test/app.ts';
import { pdfPages } from '../../test/pdf.ts';

let ctx: TestContext;
let manager: Session;

const pdf = async (session: Session, url: string) => {
  const res = await ctx.app.inject({ method: 'GET', url, headers: { cookie: session.cookie } });
  return { status: res.statusCode, type: res.headers['content-type'], text: res.statusCode === 200 ? (await pdfPages(res.rawPayload)).join(' ') : '' };
};

beforeAll(async () => {
  ctx = await createTestContext();
  manager = await login(ctx.app, 'manager@demo.test');
  const site = (await manager.request('GET', '/api/sites')).body[0];
  const unit = (await manager.request('GET', `/api/sites/${site.id}/units`)).body.find((u: { label: string }) => u.label === 'Stiege 1 / Top 1');
  await manager.request('POST', '/api/meters', { siteId: site.id, unitId: unit.id, name: 'Heizung Top 1', serial: 'WMZ-R1', medium: 'heat', unit: 'kWh', kind: 'register', readingMinutes: 1440 });
  // 1 to 4 November read daily (3 days of 12.5 kWh), then nothing until the 8th (an estimate
  // over 4 days); a year earlier, one day of 10 kWh.
  const day = (d: number, year = 2026) => `${year}-11-0${d}T00:00:00+01:00`;
  const readings = [
    { at: day(1), value: 100 }, { at: day(2), value: 112.5 }, { at: day(3), value: 125 }, { at: day(4), value: 137.5 }, { at: day(8), value: 177.5 },
    { at: day(1, 2025), value: 10 }, { at: day(2, 2025), value: 20 },
  ].map((r) => ({ meter: 'WMZ-R1', ...r }));
  expect((await manager.request('POST', '/api/meters/readings', { readings })).body.accepted).toBe(7);
});
afterAll(async () => { await ctx?.close(); });

it('prints the chart, a row per day with estimates and gaps, and last year beside it, in German', async () => {
  const anna = await login(ctx.app, 'resident@demo.test');
  const [meter] = (await anna.request('GET', '/api/me/meters')).body;
  const report = await pdf(anna, `/api/meters/${meter.id}/report.pdf?period=day&from=2026-10-31T23:00:00Z&to=2026-11-09T23:00:00Z&compare=last_year`);
  expect(report.type).toBe('application/pdf');
  const text = report.text;
  expect(text).toContain('Verbrauchsbericht: Heizung Top 1');
  expect(text).toContain('Seriennummer WMZ-R1');
  expect(text).toContain('Täglich, 1. November 2026 bis 9. November 2026');
  // The chart's legend and axis, drawn as text from the server-side SVG.
  expect(text).toContain('Dieser Zeitraum');
  expect(text).toContain('Vorjahreszeitraum');
  // Last year the meter fell silent after 2 November until this year's 1 November: its 80 kWh are
  // spread over that year, about 0.2 a day.
  expect(text).toMatch(/1\. Nov\.? 12,5 10 2\. Nov\.? 12,5 0,2 /);
  expect(text).toMatch(/4\. Nov\.? 10 0,2 Geschätzt/);
  expect(text).toMatch(/8\. Nov\.? keine Daten 0,2 9\. Nov\.? keine Daten 0,2 /);
  expect(text).toMatch(/Summe 77,5 11,8/);
});

it('speaks French to a French reader, and shows another flat\'s meter to no resident', async () => {
  const camille = await login(ctx.app, 'resident.ch@demo.test');
  const regie = await login(ctx.app, 'regie@demo.test');
  const site = (await regie.request('GET', '/api/sites')).body[0];
  const unit = (await regie.request('GET', `/api/sites/${site.id}/units`)).body.find((u: { label: string }) => u.label === 'App. 101');
  const meter = (await regie.request('POST', '/api/meters', { siteId: site.id, unitId: unit.id, name: 'Chauffage 101', serial: 'CH-101', medium: 'heat', unit: 'kWh', kind: 'register' })).body;
  const report = await pdf(camille, `/api/meters/${meter.id}/report.pdf?period=month&from=2026-01-01T00:00:00Z&to=2026-12-01T00:00:00Z&compare=previous`);
  expect(report.text).toContain('Rapport de consommation: Chauffage 101');
  expect(report.text).toContain('Par mois');
  expect(report.text).toContain('Période précédente');
  expect(report.text).toContain('aucune donnée');
  const anna = await login(ctx.app, 'resident@demo.test');
  expect((await pdf(anna, `/api/meters/${meter.id}/report.pdf`)).status).toBe(404);
});
