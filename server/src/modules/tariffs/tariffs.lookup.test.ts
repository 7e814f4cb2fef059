import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../../db/scope.ts';
import type { TenantActor } from '../../http/actor.ts';
import { createTestContext, login, type TestContext } from '../../test/app.ts';
import { tariffAt } from './tariffs.lookup.ts';
import { createTariff } from './tariffs.usecases.ts';

let ctx: TestContext;
let heimbauId: string;
let regieId: string;
let siteId: string;
let demoSiteId: string;
let actor: TenantActor;

const T0 = new Date('2030-03-01T00:00:00Z');
const T1 = new Date('2030-06-01T00:00:00Z');
const T2 = new Date('2030-09-01T00:00:00Z');
const before = (at: Date) => new Date(at.getTime() - 1);

beforeAll(async () => {
  ctx = await createTestContext();
  const manager = await login(ctx.app, 'manager@demo.test');
  heimbauId = (await manager.request('GET', '/api/tenant')).body.id;
  regieId = (await (await login(ctx.app, 'regie@demo.test')).request('GET', '/api/tenant')).body.id;
  demoSiteId = (await manager.request('GET', '/api/sites')).body.find((s: { name: string }) => s.name === 'Wohnhausanlage Leopoldau').id;
  siteId = (await manager.request('POST', '/api/sites', { name: 'Neubau', street: 'Gasse 1', postalCode: '1100', city: 'Wien', country: 'AT' })).body.id;
  actor = { userId: '', email: 'test', displayName: 'test', language: 'en', platformRole: null, tenantId: heimbauId, role: 'manager_admin', personId: null, via: 'token', sessionId: null, scopes: null };
  const add = (kind: 'washer' | 'dryer', unitPriceMinor: number, validFrom: Date, validTo: Date | null = null) => inTenant(ctx.deps.db, heimbauId, (tx) =>
    createTariff(tx, { tenantId: heimbauId, siteId, applianceKind: kind, metering: kind === 'washer' ? 'energy' : 'time', unitPriceMinor, validFrom, validTo, actor, now: new Date('2030-01-01T00:00:00Z') }));
  await add('washer', 50, T0);
  await add('washer', 60, T1); // a new version: ends the first at T1
  await add('dryer', 100, T0, T1);
  await add('dryer', 120, T2);
});
afterAll(async () => { await ctx?.close(); });

const at = (kind: 'washer' | 'dryer' | 'ironer', instant: Date, tenantId = heimbauId, site = siteId) =>
  inTenant(ctx.deps.db, tenantId, (tx) => tariffAt(tx, tenantId, site, kind, instant));

describe('tariffAt', () => {
  it('finds nothing before the first tariff starts, and the first from its very start', async () => {
    expect(await at('washer', before(T0))).toBeNull();
    expect(await at('washer', T0)).toMatchObject({ unit_price_minor: 50, valid_from: T0, valid_to: T1 });
  });

  it('switches to the new version at the instant it starts: valid_to is exclusive', async () => {
    expect((await at('washer', before(T1)))?.unit_price_minor).toBe(50);
    expect((await at('washer', T1))?.unit_price_minor).toBe(60);
    expect((await at('washer', new Date('2099-01-01T00:00:00Z')))?.unit_price_minor).toBe(60);
  });

  it('finds nothing in a gap between two tariffs, nor for a kind without one', async () => {
    expect((await at('dryer', before(T1)))?.unit_price_minor).toBe(100);
    expect(await at('dryer', T1)).toBeNull();
    expect(await at('dryer', before(T2))).toBeNull();
    expect((await at('dryer', T2))?.unit_price_minor).toBe(120);
    expect(await at('ironer', T2)).toBeNull();
  });

  it('answers the demo tariff with its amounts as numbers, and nothing for another tenant', async () => {
    const washer = await at('washer', ctx.clock.now(), heimbauId, demoSiteId);
    expect(washer).toMatchObject({ metering: 'energy', unit_price_minor: 50, session_fee_minor: 0, vat_rate_bp: 2000, currency: 'EUR', valid_to: null });
    expect(typeof washer!.unit_price_minor).toBe('number');
    expect(await at('washer', ctx.clock.now(), regieId, demoSiteId)).toBeNull();
  });
});
