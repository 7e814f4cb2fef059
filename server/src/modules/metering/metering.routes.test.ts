// Meters and readings through the API: the office adds meters, an integration (an API token with
// meters:write, as a utility's SCADA would use) sends readings as JSON or CSV, and the
// consumption per day reads back. Bad input is refused with the field or line named.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, login, type Session, type TestContext } from '../../test/app.ts';

let ctx: TestContext;
let manager: Session;
let token: string;
let siteId: string;

const send = async (method: 'GET' | 'POST', url: string, payload: string | object, contentType = 'application/json', bearer = token) => {
  const res = await ctx.app.inject({ method, url, headers: { authorization: `Bearer ${bearer}`, 'content-type': contentType }, payload });
  return { status: res.statusCode, body: res.json() };
};

beforeAll(async () => {
  ctx = await createTestContext();
  manager = await login(ctx.app, 'manager@demo.test');
  siteId = (await manager.request('GET', '/api/sites')).body[0].id;
  token = (await manager.request('POST', '/api/api-tokens', { name: 'SCADA', scopes: ['meters:write'] })).body.token;
});
afterAll(async () => { await ctx?.close(); });

describe('meters', () => {
  it('are added by the office, with a serial number of their own and an interval only where readings are intervals', async () => {
    const heat = await manager.request('POST', '/api/meters', { siteId, name: 'Wärme Haus 1', serial: 'WMZ-0001', medium: 'heat', unit: 'kWh', kind: 'register' });
    expect(heat.status).toBe(201);
    expect(heat.body).toMatchObject({ serial: 'WMZ-0001', kind: 'register', intervalMinutes: null });
    expect((await manager.request('POST', '/api/meters', { siteId, name: 'Strom', serial: 'EL-0001', medium: 'electricity', unit: 'kWh', kind: 'interval', intervalMinutes: 15 })).status).toBe(201);
    const again = await manager.request('POST', '/api/meters', { siteId, name: 'x', serial: 'WMZ-0001', medium: 'heat', unit: 'kWh', kind: 'register' });
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'meters.serial_taken' } } });
    const noInterval = await manager.request('POST', '/api/meters', { siteId, name: 'x', serial: 'EL-0002', medium: 'electricity', unit: 'kWh', kind: 'interval' });
    expect(noInterval).toMatchObject({ status: 400, body: { error: { code: 'meters.interval_minutes' } } });
    expect((await manager.request('GET', `/api/meters?siteId=${siteId}`)).body.map((m: { serial: string }) => m.serial).sort()).toEqual(['EL-0001', 'WMZ-0001']);
  });
});

describe('readings', () => {
  it('come as JSON from an integration, count once however often they are sent, and show as consumption per day', async () => {
    const readings = [0, 1, 2, 3].map((h) => ({ meter: 'WMZ-0001', at: `2026-11-10T0${h}:00:00Z`, value: 1000 + h * 2.5 }));
    expect(await send('POST', '/api/meters/readings', { readings })).toEqual({ status: 200, body: { accepted: 4, repeated: 0, conflicts: [], flagged: [] } });
    expect(await send('POST', '/api/meters/readings', { readings })).toEqual({ status: 200, body: { accepted: 0, repeated: 4, conflicts: [], flagged: [] } });
    const meter = (await manager.request('GET', '/api/meters')).body.find((m: { serial: string }) => m.serial === 'WMZ-0001');
    const days = await manager.request('GET', `/api/meters/${meter.id}/consumption?period=day&from=2026-11-09T00:00:00Z&to=2026-11-11T00:00:00Z`);
    expect(days.body).toEqual({ meterId: meter.id, unit: 'kWh', period: 'day', rows: [{ startsAt: '2026-11-09T23:00:00.000Z', consumption: 7.5, measuredSeconds: 3 * 3600, estimatedSeconds: 0 }] });
  });

  it('come as CSV, with a decimal comma and semicolons, and a file with a bad line is refused whole with the line named', async () => {
    const csv = 'meter;at;value\nEL-0001;2026-11-10T00:15:00Z;0,25\nEL-0001;2026-11-10T00:30:00Z;0,5\n';
    expect(await send('POST', '/api/meters/readings', csv, 'text/csv')).toEqual({ status: 200, body: { accepted: 2, repeated: 0, conflicts: [], flagged: [] } });
    const bad = await send('POST', '/api/meters/readings', 'meter,at,value\nEL-0001,2026-11-10T00:45:00Z,0.1\nEL-0001,yesterday,0.2\n', 'text/csv');
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'metering.invalid_csv', fields: [{ field: 'line/3/at' }] } } });
    const noHeader = await send('POST', '/api/meters/readings', 'EL-0001,2026-11-10T00:45:00Z,0.1\n', 'text/csv');
    expect(noHeader).toMatchObject({ status: 400, body: { error: { code: 'metering.invalid_csv', fields: [{ field: 'line/1' }] } } });
    const meter = (await manager.request('GET', '/api/meters')).body.find((m: { serial: string }) => m.serial === 'EL-0001');
    const hours = await manager.request('GET', `/api/meters/${meter.id}/consumption?period=hour&from=2026-11-10T00:00:00Z&to=2026-11-10T01:00:00Z`);
    expect(hours.body.rows).toEqual([{ startsAt: '2026-11-10T00:00:00.000Z', consumption: 0.75, measuredSeconds: 1800, estimatedSeconds: 0 }]);
  });

  it('are refused with the field named when malformed or for an unknown meter, and not from a token without the scope', async () => {
    expect(await send('POST', '/api/meters/readings', { readings: [{ meter: 'WMZ-0001', at: 'soon', value: 1 }] }))
      .toMatchObject({ status: 400, body: { error: { code: 'request.invalid_body' } } });
    expect(await send('POST', '/api/meters/readings', { readings: [{ meter: 'NOPE', at: '2026-11-10T00:00:00Z', value: 1 }] }))
      .toMatchObject({ status: 400, body: { error: { code: 'metering.invalid_reading', fields: [{ field: 'readings/0/meter' }] } } });
    const reader = (await manager.request('POST', '/api/api-tokens', { name: 'reader', scopes: ['sites:read'] })).body.token;
    expect(await send('POST', '/api/meters/readings', { readings: [{ meter: 'WMZ-0001', at: '2026-11-10T05:00:00Z', value: 2000 }] }, 'application/json', reader))
      .toMatchObject({ status: 403, body: { error: { code: 'auth.token_scope' } } });
  });

  it('of another manager\'s meter are not found', async () => {
    const regie = await login(ctx.app, 'regie@demo.test');
    const meter = (await manager.request('GET', '/api/meters')).body[0];
    expect((await regie.request('GET', `/api/meters/${meter.id}/consumption?period=day&from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z`)).status).toBe(404);
    expect((await regie.request('GET', '/api/meters')).body).toEqual([]);
  });
});

describe('a resident', () => {
  it('sees the meters of their own flat and their consumption, and no one else\'s', async () => {
    const anna = await login(ctx.app, 'resident@demo.test');
    const units = (await manager.request('GET', `/api/sites/${siteId}/units`)).body as { id: string; label: string }[];
    const meterOf = async (label: string, serial: string) => (await manager.request('POST', '/api/meters', {
      siteId, unitId: units.find((u) => u.label === label)!.id, name: `Wärme ${label}`, serial, medium: 'heat', unit: 'kWh', kind: 'register',
    })).body;
    const own = await meterOf('Stiege 1 / Top 1', 'WMZ-TOP1');
    const neighbour = await meterOf('Stiege 1 / Top 2', 'WMZ-TOP2');
    await send('POST', '/api/meters/readings', { readings: [{ meter: 'WMZ-TOP1', at: '2026-11-10T00:00:00Z', value: 10 }, { meter: 'WMZ-TOP1', at: '2026-11-10T01:00:00Z', value: 11.5 }] });
    expect((await anna.request('GET', '/api/me/meters')).body.map((m: { serial: string }) => m.serial)).toEqual(['WMZ-TOP1']);
    expect((await anna.request('GET', `/api/meters/${own.id}`)).body).toMatchObject({ serial: 'WMZ-TOP1', unitLabel: 'Stiege 1 / Top 1' });
    expect((await anna.request('GET', `/api/meters/${neighbour.id}`)).status).toBe(404);
    const consumption = await anna.request('GET', `/api/meters/${own.id}/consumption?period=hour&from=2026-11-10T00:00:00Z&to=2026-11-10T02:00:00Z`);
    expect(consumption.body.rows).toEqual([{ startsAt: '2026-11-10T00:00:00.000Z', consumption: 1.5, measuredSeconds: 3600, estimatedSeconds: 0 }]);
    expect((await anna.request('GET', `/api/meters/${neighbour.id}/consumption`)).status).toBe(404);
    expect((await anna.request('GET', '/api/meters')).status).toBe(403);
  });
});

describe('a site\'s monthly report', () => {
  it('lists every meter with the month, the month before and last year, and says where data is missing', async () => {
    // An interval meter's readings stand alone: a quarter of an hour a year ago, two this month.
    await send('POST', '/api/meters/readings', { readings: [{ meter: 'EL-0001', at: '2025-11-10T00:15:00Z', value: 2 }] });
    const report = await manager.request('GET', `/api/sites/${siteId}/meter-report?month=2026-11`);
    expect(report.status).toBe(200);
    const row = (serial: string) => report.body.meters.find((m: { serial: string }) => m.serial === serial);
    expect(row('WMZ-0001')).toMatchObject({ month: 7.5, previousMonth: null, sameMonthLastYear: null, incomplete: true });
    expect(row('EL-0001')).toMatchObject({ month: 0.75, previousMonth: null, sameMonthLastYear: 2, unit: 'kWh', incomplete: true });
    // The flats' meters are not the office's to read without pseudonymised access (metering.privacy.test.ts).
    expect(row('WMZ-TOP1')).toBeUndefined();
    expect(row('WMZ-TOP2')).toBeUndefined();
    expect((await manager.request('GET', `/api/sites/${siteId}/meter-report?month=2026-13`)).status).toBe(400);
    const anna = await login(ctx.app, 'resident@demo.test');
    expect((await anna.request('GET', `/api/sites/${siteId}/meter-report?month=2026-11`)).status).toBe(403);
  });
});
