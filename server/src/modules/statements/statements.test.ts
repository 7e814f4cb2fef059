// Owner statements: Régie du Lac bills its residents itself. Its postpaid garage records charges
// without moving money, and the month's statements say per resident what they consumed and what
// it costs, as PDF in their language and as CSV for the owner's billing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asPlatform, inTenant } from '../../db/scope.ts';
import { createTestContext, login, type Session, type TestContext } from '../../test/app.ts';
import { pdfPages } from '../../test/pdf.ts';
import { addPostpaidCharger, addPostpaidSessions, type PostpaidCharger } from '../invoices/invoices.fixtures.ts';
import { chargingRules } from '../sessions/sessions.rules.ts';

let ctx: TestContext;
let regie: Session;
let regieId: string;
let charger: PostpaidCharger;
const person: Record<string, string> = {};

beforeAll(async () => {
  ctx = await createTestContext();
  regie = await login(ctx.app, 'regie@demo.test');
  regieId = (await regie.request('GET', '/api/tenant')).body.id;
  for (const row of await asPlatform(ctx.deps.db, (tx) => tx.selectFrom('people').select(['id', 'customer_number']).execute())) person[row.customer_number] = row.id;
  charger = await addPostpaidCharger(ctx.deps.db, regieId, 'Garage souterrain');
  await addPostpaidSessions(ctx.deps.db, regieId, charger, [
    // Half past midnight on 1 October in Lausanne: October.
    { personId: person['REGIELAC-10001']!, wh: 4_000, amountMinor: 400, stoppedAt: new Date('2026-09-30T22:30:00Z'), vatRateBp: 810 },
    { personId: person['REGIELAC-10001']!, wh: 25_000, amountMinor: 1_250, stoppedAt: new Date('2026-10-08T10:00:00Z'), vatRateBp: 810 },
    { personId: person['REGIELAC-10001']!, wh: 6_000, amountMinor: 300, stoppedAt: new Date('2026-10-20T18:00:00Z'), vatRateBp: 810 },
    { personId: person['REGIELAC-10003']!, wh: 14_000, amountMinor: 700, stoppedAt: new Date('2026-10-12T07:15:00Z'), vatRateBp: 810 },
    // Half past midnight on 1 November: not October.
    { personId: person['REGIELAC-10001']!, wh: 9_000, amountMinor: 450, stoppedAt: new Date('2026-10-31T23:30:00Z'), vatRateBp: 810 },
  ]);
});
afterAll(async () => { await ctx?.close(); });

describe('owner statements', () => {
  it('records charges at a postpaid site of an owner who bills itself, without moving money', async () => {
    expect(await inTenant(ctx.deps.db, regieId, (tx) => chargingRules(tx, regieId, charger.siteId))).toMatchObject({ billing: 'postpaid', currency: 'CHF' });
  });

  it('sum up each resident\'s month with VAT per line', async () => {
    const res = await regie.request('GET', '/api/statements?period=2026-10');
    expect(res.status).toBe(200);
    // Prices include 8.1 % VAT: 12.50 → 11.56 + 0.94, 3.00 → 2.78 + 0.22, 4.00 → 3.70 + 0.30, 7.00 → 6.48 + 0.52.
    expect(res.body).toEqual({
      period: '2026-10', currency: 'CHF', pricesIncludeVat: true, netMinor: 2_452, vatMinor: 198, grossMinor: 2_650,
      statements: [
        { personId: person['REGIELAC-10001'], customerNumber: 'REGIELAC-10001', name: 'Camille Favre', charges: 3, netMinor: 1_804, vatMinor: 146, grossMinor: 1_950 },
        { personId: person['REGIELAC-10003'], customerNumber: 'REGIELAC-10003', name: 'Sophie Meier', charges: 1, netMinor: 648, vatMinor: 52, grossMinor: 700 },
      ],
    });
  });

  it('export the month as CSV, a line per charge', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/statements/export?period=2026-10', headers: { cookie: regie.cookie } });
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toContain('statements-2026-10.csv');
    const lines = res.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe('period,customer_number,name,ended_at,description,quantity,unit,vat_rate_percent,net,vat,gross,currency,session_id');
    expect(lines).toHaveLength(5);
    expect(lines.filter((l) => l.includes('REGIELAC-10001'))).toHaveLength(3);
    expect(lines.find((l) => l.includes('REGIELAC-10003'))).toMatch(/^2026-10,REGIELAC-10003,Sophie Meier,2026-10-12T07:15:00\.000Z,"Laden \(Elektrofahrzeug\), Garage souterrain, .*",14\.000,kWh,8\.10,6\.48,0\.52,7\.00,CHF,[0-9a-f-]{36}$/);
  });

  it('print each resident\'s statement in their language, not as an invoice', async () => {
    const pdf = (personId: string) => ctx.app.inject({ method: 'GET', url: `/api/statements/${personId}/pdf?period=2026-10`, headers: { cookie: regie.cookie } });
    const camille = (await pdfPages((await pdf(person['REGIELAC-10001']!)).rawPayload)).join('\n');
    expect(camille).toContain('Relevé de consommation 2026-10');
    expect(camille).toContain('Ceci n’est pas une facture : Régie du Lac vous facture ces montants.');
    expect(camille).toContain('1 octobre 2026 – 31 octobre 2026');
    expect(camille).toMatch(/TVA 8,1 % sur 18,04 CHF\s+1,46 CHF/);
    expect(camille).toMatch(/Total\s+19,50 CHF/);
    const sophie = (await pdfPages((await pdf(person['REGIELAC-10003']!)).rawPayload)).join('\n');
    expect(sophie).toContain('Verbrauchsaufstellung 2026-10');
    expect(sophie).toContain('Dies ist keine Rechnung: Régie du Lac verrechnet Ihnen diese Beträge.');
    // A resident without consumption gets a statement that says so.
    const luca = (await pdfPages((await pdf(person['REGIELAC-10002']!)).rawPayload)).join('\n');
    expect(luca).toContain('Aucune consommation pendant cette période.');
  });

  it('are refused where the platform invoices, to residents, for another tenant\'s person and for a malformed month', async () => {
    const manager = await login(ctx.app, 'manager@demo.test');
    expect((await manager.request('GET', '/api/statements?period=2026-10')).body.error.code).toBe('statements.platform_billing');
    const resident = await login(ctx.app, 'resident.ch@demo.test');
    expect((await resident.request('GET', '/api/statements?period=2026-10')).status).toBe(403);
    expect((await regie.request('GET', `/api/statements/${person['HEIMBAU-10001']}/pdf?period=2026-10`)).status).toBe(404);
    expect((await regie.request('GET', '/api/statements?period=2026-13')).status).toBe(400);
  });
});
