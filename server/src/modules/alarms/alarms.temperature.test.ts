// Temperature alarms: readings may carry the temperature their meter measured (JSON, CSV), and a
// rule watches the last one from above or below. Hot water below 55 °C is the classic (legionella).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, login, type Session, type TestContext } from '../../test/app.ts';
import { evaluateAlarms } from './alarms.evaluate.ts';

const MINUTE = 60_000;
let ctx: TestContext;
let manager: Session;
let tenantId: string;
let meterId: string;
let token: string;
const serial = 'WW-TEMP-1';

/** A SCADA export as CSV, sent with an API token as such systems do. */
const sendCsv = async (csv: string) => {
  const res = await ctx.app.inject({ method: 'POST', url: '/api/meters/readings', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' }, payload: csv });
  return { status: res.statusCode, body: res.json() };
};

const evaluate = () => evaluateAlarms({ ...ctx.deps, sms: null }, tenantId);
const send = (minutesAgo: number, value: number, temperature?: number | null) =>
  manager.request('POST', '/api/meters/readings', { readings: [{ meter: serial, at: new Date(ctx.clock.now().getTime() - minutesAgo * MINUTE).toISOString(), value, temperature }] });

beforeAll(async () => {
  ctx = await createTestContext();
  manager = await login(ctx.app, 'manager@demo.test');
  tenantId = (await manager.request('GET', '/api/tenant')).body.id;
  token = (await manager.request('POST', '/api/api-tokens', { name: 'SCADA', scopes: ['meters:write'] })).body.token;
  const site = (await manager.request('GET', '/api/sites')).body[0];
  meterId = (await manager.request('POST', '/api/meters', { siteId: site.id, name: 'Warmwasser Speicher', serial, medium: 'water_hot', unit: 'm3', kind: 'register' })).body.id;
}, 120_000);
afterAll(async () => { await ctx?.close(); });

describe('temperature alarms', () => {
  it('refuses a temperature out of range on its field, in JSON and in CSV, and stores nothing', async () => {
    const json = await send(30, 10, 300);
    expect(json.status).toBe(400);
    expect(json.body.error.fields[0].field).toMatch(/^readings.0.temperature$/);
    const csv = await sendCsv(`meter;at;value;temperature\n${serial};2026-01-01T00:00:00Z;10;-120\n`);
    expect(csv.status).toBe(400);
    expect(csv.body.error.fields).toEqual([expect.objectContaining({ field: 'line/2/temperature' })]);
    // Nothing was stored: the same times are new when sent right.
    expect((await send(30, 10)).body).toMatchObject({ accepted: 1 });
    expect((await sendCsv(`meter;at;value\n${serial};2026-01-01T00:00:00Z;10\n`)).body).toMatchObject({ accepted: 1 });
    expect((await manager.request('POST', '/api/alarm-rules', { kind: 'temperature_low', name: 'x', meterId, threshold: 300, channel: 'portal' })).body.error.fields[0].field).toBe('threshold');
    expect((await manager.request('POST', '/api/alarm-rules', { kind: 'consumption', name: 'x', meterId, threshold: -1, channel: 'portal' })).body.error.fields[0].field).toBe('threshold');
    expect((await manager.request('POST', '/api/alarm-rules', { kind: 'temperature_high', name: 'x', meterId, channel: 'portal' })).body.error.fields[0].field).toBe('threshold');
  });

  it('raises when the last temperature passes the limit, from below or from above, and clears when it is back', async () => {
    const low = await manager.request('POST', '/api/alarm-rules', { kind: 'temperature_low', name: 'Legionellen', meterId, threshold: 55, channel: 'email' });
    expect(low.status).toBe(201);
    expect(low.body).toMatchObject({ kind: 'temperature_low', threshold: 55 });
    const high = await manager.request('POST', '/api/alarm-rules', { kind: 'temperature_high', name: 'Verbrühung', meterId, threshold: 70, channel: 'portal' });
    expect(high.status).toBe(201);

    // No temperature yet: nothing to say (a silent meter is missing_data's to tell).
    expect(await evaluate()).toMatchObject({ raised: 0 });

    // CSV with a temperature column, a decimal comma: 52.5 °C is too cold.
    const csv = await sendCsv(`meter;at;value;temperature\n${serial};${new Date(ctx.clock.now().getTime() - 20 * MINUTE).toISOString()};10,5;52,5\n`);
    expect(csv.body).toMatchObject({ accepted: 1 });
    ctx.mails.length = 0;
    expect(await evaluate()).toMatchObject({ raised: 1, cleared: 0, emailed: 1 });
    expect(ctx.mails[0]!.text).toMatch(/52,5 °C gemessen am .*, unter der Grenze von 55 °C/);

    // A reading without a temperature changes nothing: the last one stands.
    expect((await send(10, 10.6)).body).toMatchObject({ accepted: 1 });
    expect(await evaluate()).toMatchObject({ raised: 0, cleared: 0 });

    // 60 °C: warm enough again (cleared); then 71.5 °C: too hot (raised).
    expect((await send(5, 10.7, 60)).body).toMatchObject({ accepted: 1 });
    expect(await evaluate()).toMatchObject({ raised: 0, cleared: 1 });
    expect((await send(1, 10.8, 71.5)).body).toMatchObject({ accepted: 1 });
    expect(await evaluate()).toMatchObject({ raised: 1, cleared: 0 });

    const history = (await manager.request('GET', '/api/alarms')).body as { ruleName: string; clearedAt: string | null; detail: string }[];
    expect(history.map((a) => [a.ruleName, a.clearedAt === null])).toEqual([['Verbrühung', true], ['Legionellen', false]]);
    expect(history[0]!.detail).toMatch(/^71,5 °C gemessen am .*, über der Grenze von 70 °C$/);

    // A limit below zero is a limit (a frost guard).
    const frost = await manager.request('PATCH', `/api/alarm-rules/${high.body.id}`, { threshold: -5 });
    expect(frost.body).toMatchObject({ threshold: -5 });
  });
});
