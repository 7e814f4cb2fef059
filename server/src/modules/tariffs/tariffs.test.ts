import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, login, type Session, type TestContext } from '../../test/app.ts';

let ctx: TestContext;
let manager: Session;
let staff: Session;
let regie: Session;
let anna: Session;
let leopoldau: string;
let simmering: string;

const DAY = 86_400_000;
/** Instants relative to one reading of the clock, so two mentions of a day are the same instant. */
let base: number;
const inDays = (days: number) => new Date(base + days * DAY).toISOString();
// Moves less than a session's idle timeout, so the logins stay valid.
const TEN_MINUTES = 10 / (24 * 60);

beforeAll(async () => {
  ctx = await createTestContext();
  [manager, staff, regie, anna] = await Promise.all([
    login(ctx.app, 'manager@demo.test'), login(ctx.app, 'staff@demo.test'), login(ctx.app, 'regie@demo.test'), login(ctx.app, 'resident@demo.test'),
  ]);
  const sites = (await manager.request('GET', '/api/sites')).body as { id: string; name: string }[];
  leopoldau = sites.find((s) => s.name === 'Wohnhausanlage Leopoldau')!.id;
  simmering = sites.find((s) => s.name === 'Wohnpark Simmering')!.id;
  base = ctx.clock.now().getTime() + 60_000;
});
afterAll(async () => { await ctx?.close(); });

const newSite = async (country = 'AT') =>
  (await manager.request('POST', '/api/sites', { name: `Test ${country} ${Math.random()}`, street: 'Gasse 1', postalCode: '1000', city: 'Stadt', country })).body.id as string;
const list = async (siteId: string, session = manager) => (await session.request('GET', `/api/sites/${siteId}/tariffs`)).body;
const add = (siteId: string, body: object, session = manager) => session.request('POST', `/api/sites/${siteId}/tariffs`, body);
const washer = (body: object = {}) => ({ applianceKind: 'washer', metering: 'energy', unitPriceMinor: 55, ...body });

describe('a site\'s tariffs', () => {
  it('lists the demo tariffs by appliance kind, current, in the tenant\'s currency with the country\'s VAT', async () => {
    const tariffs = await list(leopoldau);
    expect(tariffs.map((t: { applianceKind: string; metering: string; unitPriceMinor: number }) => [t.applianceKind, t.metering, t.unitPriceMinor]))
      .toEqual([['washer', 'energy', 50], ['dryer', 'time', 100], ['ironer', 'impulse', 100], ['ev_connector', 'energy', 39]]);
    expect(tariffs[0]).toMatchObject({ currency: 'EUR', vatRateBp: 2000, sessionFeeMinor: 0, validFrom: '2025-01-01T00:00:00.000Z', validTo: null, state: 'current' });
    const lausanne = (await regie.request('GET', '/api/sites')).body[0].id;
    expect((await list(lausanne, regie)).map((t: { currency: string; vatRateBp: number }) => [t.currency, t.vatRateBp]))
      .toEqual([['CHF', 810], ['CHF', 810], ['CHF', 810]]);
  });

  it('makes a tariff starting while another runs open-ended its new version: the old one ends at that instant', async () => {
    const from = inDays(30);
    const created = await add(leopoldau, washer({ unitPriceMinor: 60, sessionFeeMinor: 20, validFrom: from }));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ siteId: leopoldau, unitPriceMinor: 60, sessionFeeMinor: 20, vatRateBp: 2000, currency: 'EUR', validFrom: from, validTo: null, state: 'future' });
    const washers = (await list(leopoldau)).filter((t: { applianceKind: string }) => t.applianceKind === 'washer');
    expect(washers.map((t: { unitPriceMinor: number; validTo: string | null; state: string }) => [t.unitPriceMinor, t.validTo, t.state]))
      .toEqual([[50, from, 'current'], [60, null, 'future']]);
    const audit = (await manager.request('GET', '/api/audit?entityType=tariff')).body.events.map((e: { action: string; entityId: string }) => [e.action, e.entityId]);
    expect(audit).toEqual(expect.arrayContaining([['tariff.created', created.body.id], ['tariff.closed', washers[0].id]]));
  });

  it('refuses any other overlap with a stable code and the field', async () => {
    const site = await newSite();
    expect((await add(site, washer({ validFrom: inDays(10), validTo: inDays(20) }))).status).toBe(201);
    for (const period of [{ validFrom: inDays(5), validTo: inDays(11) }, { validFrom: inDays(19) }, { validFrom: inDays(12), validTo: inDays(13) }, { validFrom: inDays(10) }]) {
      const refused = await add(site, washer(period));
      expect(refused, JSON.stringify(period)).toMatchObject({ status: 409, body: { error: { code: 'tariffs.overlap', fields: [{ field: 'validFrom' }] } } });
    }
    // Touching periods do not overlap: the end is exclusive.
    expect((await add(site, washer({ validFrom: inDays(20) }))).status).toBe(201);
    expect((await add(site, washer({ validFrom: inDays(1), validTo: inDays(10) }))).status).toBe(201);
    // Another kind is another price list.
    expect((await add(site, { applianceKind: 'dryer', metering: 'time', unitPriceMinor: 100, validFrom: inDays(12) })).status).toBe(201);
    expect((await list(site)).map((t: { applianceKind: string }) => t.applianceKind)).toEqual(['washer', 'washer', 'washer', 'dryer']);
  });

  it('starts a tariff now when no start is given, and refuses one starting in the past', async () => {
    const site = await newSite();
    const now = await add(site, washer());
    expect(now).toMatchObject({ status: 201, body: { state: 'current', validTo: null } });
    const past = await add(site, { applianceKind: 'dryer', metering: 'time', unitPriceMinor: 100, validFrom: inDays(-1) });
    expect(past).toMatchObject({ status: 400, body: { error: { code: 'tariffs.starts_in_past', fields: [{ field: 'validFrom' }] } } });
  });

  it('takes the VAT rate from the site\'s country unless given, and asks for it where there is no default', async () => {
    expect((await add(await newSite('DE'), washer())).body.vatRateBp).toBe(1900);
    expect((await add(await newSite('PL'), washer())).body.vatRateBp).toBe(2300);
    expect((await add(await newSite('NL'), washer({ vatRateBp: 900 }))).body.vatRateBp).toBe(900);
    const belgian = await newSite('BE');
    expect(await add(belgian, washer())).toMatchObject({ status: 400, body: { error: { code: 'tariffs.vat_rate_required', fields: [{ field: 'vatRateBp' }] } } });
    expect((await add(belgian, washer({ vatRateBp: 2100 }))).status).toBe(201);
  });

  it('refuses impulses for a charging point, an end before the start and malformed amounts', async () => {
    const site = await newSite();
    expect(await add(site, { applianceKind: 'ev_connector', metering: 'impulse', unitPriceMinor: 100 }))
      .toMatchObject({ status: 400, body: { error: { code: 'tariffs.metering_not_allowed', fields: [{ field: 'metering' }] } } });
    expect(await add(site, washer({ validFrom: inDays(2), validTo: inDays(2) })))
      .toMatchObject({ status: 400, body: { error: { code: 'tariffs.invalid_period', fields: [{ field: 'validTo' }] } } });
    for (const bad of [washer({ unitPriceMinor: -1 }), washer({ unitPriceMinor: 0.5 }), washer({ unitPriceMinor: '50' }), washer({ vatRateBp: 10_001 }),
      washer({ validFrom: 'tomorrow' }), washer({ currency: 'USD' }), washer({ applianceKind: 'oven' })]) {
      expect((await add(site, bad)).status, JSON.stringify(bad)).toBe(400);
    }
    expect(await list(site)).toEqual([]);
  });
});

describe('withdrawing a tariff', () => {
  it('deletes one not yet started and lets the one it had ended run on; refuses one that has started', async () => {
    const site = await newSite();
    const current = (await add(site, washer({ unitPriceMinor: 50 }))).body;
    const next = (await add(site, washer({ unitPriceMinor: 70, validFrom: inDays(7) }))).body;
    const later = (await add(site, washer({ unitPriceMinor: 80, validFrom: inDays(14) }))).body;
    expect((await manager.request('DELETE', `/api/sites/${site}/tariffs/${current.id}`)))
      .toMatchObject({ status: 409, body: { error: { code: 'tariffs.already_started' } } });

    expect((await manager.request('DELETE', `/api/sites/${site}/tariffs/${next.id}`)).status).toBe(200);
    expect((await list(site)).map((t: { unitPriceMinor: number; validTo: string | null }) => [t.unitPriceMinor, t.validTo]))
      .toEqual([[50, later.validFrom], [80, null]]);
    expect((await manager.request('DELETE', `/api/sites/${site}/tariffs/${later.id}`)).status).toBe(200);
    expect((await list(site)).map((t: { unitPriceMinor: number; validTo: string | null }) => [t.unitPriceMinor, t.validTo])).toEqual([[50, null]]);
    const audit = (await manager.request('GET', '/api/audit?entityType=tariff')).body.events.map((e: { action: string; entityId: string }) => [e.action, e.entityId]);
    expect(audit).toEqual(expect.arrayContaining([['tariff.deleted', next.id], ['tariff.reopened', current.id]]));
  });

  it('refuses once the start has passed, by the server\'s clock', async () => {
    const site = await newSite();
    const soon = (await add(site, washer({ validFrom: inDays(TEN_MINUTES) }))).body;
    ctx.clock.advance(TEN_MINUTES * DAY + 120_000);
    try {
      expect((await manager.request('DELETE', `/api/sites/${site}/tariffs/${soon.id}`)).body.error.code).toBe('tariffs.already_started');
      expect((await list(site))[0].state).toBe('current');
    } finally {
      ctx.clock.advance(-(TEN_MINUTES * DAY + 120_000));
    }
  });

  it('answers 404 for an unknown tariff or one of another site', async () => {
    const site = await newSite();
    const tariff = (await add(site, washer({ validFrom: inDays(3) }))).body;
    expect((await manager.request('DELETE', `/api/sites/${site}/tariffs/${crypto.randomUUID()}`)).body.error.code).toBe('tariffs.not_found');
    expect((await manager.request('DELETE', `/api/sites/${simmering}/tariffs/${tariff.id}`)).body.error.code).toBe('tariffs.not_found');
    expect(await list(site)).toHaveLength(1);
  });
});

describe('who may see and change tariffs', () => {
  it('lets office staff add tariffs; residents may neither list nor add', async () => {
    expect((await add(await newSite(), washer(), staff)).status).toBe(201);
    expect((await anna.request('GET', `/api/sites/${leopoldau}/tariffs`)).status).toBe(403);
    expect((await add(leopoldau, washer({ validFrom: inDays(200) }), anna)).status).toBe(403);
    expect((await list(leopoldau)).some((t: { validFrom: string }) => t.validFrom === inDays(200))).toBe(false);
  });

  it('hides a site\'s tariffs from another property manager', async () => {
    const future = (await add(leopoldau, { applianceKind: 'dryer', metering: 'time', unitPriceMinor: 110, validFrom: inDays(60) })).body;
    expect((await regie.request('GET', `/api/sites/${leopoldau}/tariffs`)).body.error.code).toBe('sites.not_found');
    expect((await add(leopoldau, washer({ validFrom: inDays(300) }), regie)).status).toBe(404);
    expect((await regie.request('DELETE', `/api/sites/${leopoldau}/tariffs/${future.id}`)).status).toBe(404);
    expect((await list(leopoldau)).map((t: { id: string }) => t.id)).toContain(future.id);
  });

  it('shows a resident the prices in force where they live, and nobody else\'s', async () => {
    const mine = (await anna.request('GET', '/api/me/tariffs')).body;
    expect(mine.map((t: { siteName: string; applianceKind: string }) => `${t.siteName}: ${t.applianceKind}`)).toEqual([
      'Wohnhausanlage Leopoldau: washer', 'Wohnhausanlage Leopoldau: dryer', 'Wohnhausanlage Leopoldau: ironer', 'Wohnhausanlage Leopoldau: ev_connector']);
    expect(mine.every((t: { state: string; currency: string }) => t.state === 'current' && t.currency === 'EUR')).toBe(true);
    const camille = await login(ctx.app, 'resident.ch@demo.test');
    expect((await camille.request('GET', '/api/me/tariffs')).body.map((t: { unitPriceMinor: number; currency: string }) => [t.unitPriceMinor, t.currency]))
      .toEqual([[200, 'CHF'], [150, 'CHF'], [45, 'CHF']]);
    expect((await manager.request('GET', '/api/me/tariffs')).body.error.code).toBe('tariffs.no_person');
  });

  it('shows a resident the new version once it applies', async () => {
    const site = await newSite();
    const unit = (await manager.request('POST', '/api/units', { siteId: site, kind: 'flat', label: 'Top 9' })).body.id;
    const annaId = (await anna.request('GET', '/api/wallet')).body.personId;
    expect((await manager.request('POST', '/api/occupancies', { unitId: unit, personId: annaId, relation: 'tenant', startsOn: '2024-01-01' })).status).toBe(201);
    await add(site, washer({ unitPriceMinor: 40 }));
    await add(site, washer({ unitPriceMinor: 45, validFrom: inDays(TEN_MINUTES) }));
    const prices = async () => (await anna.request('GET', '/api/me/tariffs')).body.filter((t: { siteId: string }) => t.siteId === site).map((t: { unitPriceMinor: number }) => t.unitPriceMinor);
    expect(await prices()).toEqual([40]);
    ctx.clock.advance(TEN_MINUTES * DAY + 120_000);
    try {
      expect(await prices()).toEqual([45]);
    } finally {
      ctx.clock.advance(-(TEN_MINUTES * DAY + 120_000));
    }
  });
});
