// Two staff members adding prices for the same site at once: the site row's lock makes the
// overlap check and the insert one step, so the periods never overlap, whatever the timing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, login, type Session, type TestContext } from '../../test/app.ts';

let ctx: TestContext;
let manager: Session;
let staff: Session;

beforeAll(async () => {
  ctx = await createTestContext();
  [manager, staff] = await Promise.all([login(ctx.app, 'manager@demo.test'), login(ctx.app, 'staff@demo.test')]);
});
afterAll(async () => { await ctx?.close(); });

const HOUR = 3_600_000;
const newSite = async () =>
  (await manager.request('POST', '/api/sites', { name: `Parallel ${Math.random()}`, street: 'Gasse 1', postalCode: '1000', city: 'Wien', country: 'AT' })).body.id as string;

interface Period { validFrom: string; validTo: string | null }
const overlaps = (a: Period, b: Period) =>
  (b.validTo === null || a.validFrom < b.validTo) && (a.validTo === null || b.validFrom < a.validTo);

describe('concurrent tariff creation', () => {
  it('accepts exactly one of several identical tariffs sent at once', async () => {
    const site = await newSite();
    const validFrom = new Date(ctx.clock.now().getTime() + HOUR).toISOString();
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) =>
      (i % 2 ? staff : manager).request('POST', `/api/sites/${site}/tariffs`, { applianceKind: 'washer', metering: 'energy', unitPriceMinor: 50 + i, validFrom })));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    expect(answers.filter((a) => a.status === 409).every((a) => a.body.error.code === 'tariffs.overlap')).toBe(true);
    expect((await manager.request('GET', `/api/sites/${site}/tariffs`)).body).toHaveLength(1);
  });

  it('never leaves two periods of one kind overlapping when versions and fixed periods race', async () => {
    const site = await newSite();
    const start = ctx.clock.now().getTime() + HOUR;
    const at = (hours: number) => new Date(start + hours * HOUR).toISOString();
    const bodies = [
      { validFrom: at(0) }, { validFrom: at(2) }, { validFrom: at(4) }, { validFrom: at(1), validTo: at(3) },
      { validFrom: at(3), validTo: at(5) }, { validFrom: at(6) }, { validFrom: at(5), validTo: at(7) }, { validFrom: at(8) },
    ];
    const answers = await Promise.all(bodies.map((b, i) =>
      (i % 2 ? staff : manager).request('POST', `/api/sites/${site}/tariffs`, { applianceKind: 'dryer', metering: 'time', unitPriceMinor: 100 + i, ...b })));
    expect(answers.every((a) => a.status === 201 || a.body?.error?.code === 'tariffs.overlap'), JSON.stringify(answers)).toBe(true);
    const tariffs = (await manager.request('GET', `/api/sites/${site}/tariffs`)).body as Period[];
    expect(tariffs.length).toBe(answers.filter((a) => a.status === 201).length);
    for (const [i, a] of tariffs.entries()) {
      for (const b of tariffs.slice(i + 1)) expect(overlaps(a, b), JSON.stringify([a, b])).toBe(false);
    }
  });
});
