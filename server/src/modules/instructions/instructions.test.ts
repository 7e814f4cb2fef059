// The printable instructions of the demo's laundry room and garage: one page per language with
// that language's steps, the prices in force and a QR code that opens the portal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, login, type Session, type TestContext } from '../../test/app.ts';
import { pdfPages, pdfQrCode } from '../../test/pdf.ts';

let ctx: TestContext;
let manager: Session;
let site: { id: string; name: string };
let units: { id: string; kind: string; label: string }[];
beforeAll(async () => {
  ctx = await createTestContext();
  manager = await login(ctx.app, 'manager@demo.test');
  site = (await manager.request('GET', '/api/sites')).body.find((s: { name: string }) => s.name === 'Wohnhausanlage Leopoldau');
  units = (await manager.request('GET', `/api/sites/${site.id}/units`)).body;
});
afterAll(async () => { await ctx.close(); });

const unitOf = (kind: string) => units.find((u) => u.kind === kind)!;
const url = (unitId: string, query = '') => `/api/sites/${site.id}/units/${unitId}/instructions.pdf${query}`;

async function download(session: Session, path: string) {
  const response = await ctx.app.inject({ method: 'GET', url: path, headers: { cookie: session.cookie } });
  return { status: response.statusCode, type: response.headers['content-type'], pdf: response.rawPayload, json: () => response.json() };
}

describe('printable instructions', () => {
  it('prints a laundry room\'s instructions in the site\'s languages, with its prices and a QR code to the portal', async () => {
    expect((await manager.request('PATCH', `/api/sites/${site.id}`, { languages: ['de', 'en'] })).status).toBe(200);
    const response = await download(manager, url(unitOf('laundry_room').id));
    expect(response.status).toBe(200);
    expect(response.type).toBe('application/pdf');
    const pages = (await pdfPages(response.pdf)).map((page) => page.replace(/\u00a0/g, ' '));
    expect(pages).toHaveLength(2);
    const [german, english] = pages as [string, string];
    expect(german).toContain('Waschküche: so funktioniert es');
    expect(german).toContain('Waschküche Stiege 1');
    expect(german).toContain('Wählen Sie ein Maximum vor');
    expect(german).toContain('keinen Strom bezogen');
    expect(german).toContain('Saldo zu gering');
    expect(german).toContain('Waschmaschine: 0,50 € pro kWh');
    expect(german).toContain('Trockner: 1,00 € pro Stunde');
    expect(german).toContain('ID*heimbau*1234');
    expect(german).not.toContain('Balance too low');
    expect(english).toContain('Laundry room: how it works');
    expect(english).toContain('Pre-select a maximum');
    expect(english).toContain('Washing machine: €0.50 per kWh');
    expect(english).toContain('Balance transfer');
    expect(english).toContain('Terminal offline');
    expect(english).toContain('manager@demo.test');
    const portal = new URL('/login', ctx.deps.config.publicUrl).toString();
    expect(await pdfQrCode(response.pdf, 1)).toBe(portal);
    expect(await pdfQrCode(response.pdf, 2)).toBe(portal);
  });

  it('prints a garage\'s charging steps, and the languages asked for instead of the site\'s', async () => {
    const response = await download(manager, url(unitOf('garage').id, '?languages=fr,pl,nl'));
    expect(response.status).toBe(200);
    const pages = (await pdfPages(response.pdf)).map((page) => page.replace(/\u00a0/g, ' '));
    expect(pages).toHaveLength(3);
    expect(pages[0]).toContain('Recharge au garage');
    expect(pages[0]).toContain('Débranchez le câble');
    expect(pages[0]).toContain('Point de recharge : 0,39 € par kWh');
    expect(pages[1]).toContain('Ładowanie w garażu');
    expect(pages[1]).toContain('Odłącz kabel');
    expect(pages[2]).toContain('Laden in de garage');
    expect(pages[2]).toContain('Trek de kabel uit');
    expect(pages[0]).not.toContain('Saldo zu gering');
  });

  it('prints nothing for a flat', async () => {
    const response = await download(manager, url(unitOf('flat').id));
    expect(response.status).toBe(409);
    expect(response.json().error.code).toBe('instructions.unit_not_printable');
  });

  it('refuses an unknown language, naming the field', async () => {
    const response = await download(manager, url(unitOf('laundry_room').id, '?languages=de,xx'));
    expect(response.status).toBe(400);
    expect(response.json().error.fields[0].field).toBe('languages');
  });

  it('is for the manager\'s office: a resident is refused, another manager finds nothing', async () => {
    const laundry = url(unitOf('laundry_room').id);
    expect((await download(await login(ctx.app, 'resident@demo.test'), laundry)).status).toBe(403);
    const other = await download(await login(ctx.app, 'regie@demo.test'), laundry);
    expect(other.status).toBe(404);
    expect(other.json().error.code).toBe('sites.not_found');
    expect((await download(manager, `/api/sites/${site.id}/units/${crypto.randomUUID()}/instructions.pdf`)).status).toBe(404);
  });
});
