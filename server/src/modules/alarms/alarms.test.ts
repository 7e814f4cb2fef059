// Alarms with a test clock: a day's consumption and an hour's flow above their limits, a meter
// that falls silent, an appliance reporting a fault. Each is raised once, cleared when it ends,
// told to its subscribers in the notification centre and by e-mail or SMS (a local HTTP receiver
// stands in for the SMS gateway), and acknowledged in the history.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asPlatform } from '../../db/scope.ts';
import { createTestContext, login, type Session, type TestContext } from '../../test/app.ts';
import { addPostpaidCharger } from '../invoices/invoices.fixtures.ts';
import { createHttpSms } from '../sms/sms.ts';
import { evaluateAlarms } from './alarms.evaluate.ts';

const HOUR = 3_600_000;
let ctx: TestContext;
let manager: Session;
let anna: Session;
let tenantId: string;
let receiver: Server;
const texts: { to: string; text: string; authorization?: string }[] = [];

const evaluate = async () => {
  const { port } = receiver.address() as AddressInfo;
  return evaluateAlarms({ ...ctx.deps, sms: createHttpSms({ url: `http://127.0.0.1:${port}/sms`, token: 'secret' }) }, tenantId);
};

beforeAll(async () => {
  receiver = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => { body += chunk; });
    request.on('end', () => {
      texts.push({ ...JSON.parse(body), authorization: request.headers.authorization });
      response.writeHead(202).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  ctx = await createTestContext();
  [manager, anna] = await Promise.all([login(ctx.app, 'manager@demo.test'), login(ctx.app, 'resident@demo.test')]);
  tenantId = (await manager.request('GET', '/api/tenant')).body.id;
  await asPlatform(ctx.deps.db, (tx) => tx.updateTable('users').set({ mobile: '+43 660 1234567' }).where('email', '=', 'manager@demo.test').execute());
  const site = (await manager.request('GET', '/api/sites')).body[0];
  const units = (await manager.request('GET', `/api/sites/${site.id}/units`)).body as { id: string; label: string }[];
  for (const [label, serial] of [['Stiege 1 / Top 1', 'ALM-1'], ['Stiege 1 / Top 2', 'ALM-2']]) {
    await manager.request('POST', '/api/meters', { siteId: site.id, unitId: units.find((u) => u.label === label)!.id, name: `Heizung ${label}`, serial, medium: 'heat', unit: 'kWh', kind: 'register' });
  }
  // The last two days hourly, 1.25 kWh an hour (30 a day), then 6 kWh in the last complete hour.
  const hour = Math.floor(ctx.clock.now().getTime() / HOUR) * HOUR;
  const readings = [];
  let value = 100;
  for (let at = hour - 48 * HOUR; at <= hour; at += HOUR) {
    readings.push({ meter: 'ALM-1', at: new Date(at).toISOString(), value });
    value += at === hour - HOUR ? 6 : 1.25;
  }
  expect((await manager.request('POST', '/api/meters/readings', { readings })).body.accepted).toBe(49);
});
afterAll(async () => {
  await ctx?.close();
  await new Promise((resolve) => receiver?.close(resolve));
});

describe('alarm rules', () => {
  let ownMeter: string;
  let faultSite: string;

  it('are made by whoever reads the meter, and refused where it is not theirs or incomplete', async () => {
    ownMeter = (await anna.request('GET', '/api/me/meters')).body[0].id;
    const neighbour = (await manager.request('GET', '/api/meters')).body.find((m: { serial: string }) => m.serial === 'ALM-2').id;
    const created = await anna.request('POST', '/api/alarm-rules', { kind: 'consumption', name: 'Heizung zu hoch', meterId: ownMeter, threshold: 20, channel: 'email' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ kind: 'consumption', threshold: 20, unit: 'kWh', subscription: 'email', raisedSince: null });
    expect((await anna.request('POST', '/api/alarm-rules', { kind: 'consumption', name: 'x', meterId: neighbour, threshold: 1, channel: 'email' })).status).toBe(404);
    expect((await anna.request('POST', '/api/alarm-rules', { kind: 'flow', name: 'x', meterId: ownMeter, channel: 'email' })).body.error)
      .toMatchObject({ code: 'alarms.invalid_rule', fields: [{ field: 'threshold' }] });
    faultSite = (await addPostpaidCharger(ctx.deps.db, tenantId, 'Garage Nord')).siteId;
    expect((await anna.request('POST', '/api/alarm-rules', { kind: 'device_fault', name: 'x', siteId: faultSite, channel: 'email' })).status).toBe(403);

    expect((await manager.request('POST', '/api/alarm-rules', { kind: 'flow', name: 'Rohrbruch?', meterId: ownMeter, threshold: 5, channel: 'sms' })).status).toBe(201);
    expect((await manager.request('POST', '/api/alarm-rules', { kind: 'missing_data', name: 'Zähler still', meterId: ownMeter, missingHours: 6, channel: 'portal' })).status).toBe(201);
    expect((await manager.request('POST', '/api/alarm-rules', { kind: 'device_fault', name: 'Ladestation gestört', siteId: faultSite, channel: 'email' })).status).toBe(201);
    expect((await anna.request('GET', '/api/alarm-rules')).body.map((r: { name: string }) => r.name)).toEqual(['Heizung zu hoch', 'Rohrbruch?', 'Zähler still']);
  });

  it('raise once, tell each subscriber as they chose, and clear when the condition ends', async () => {
    await asPlatform(ctx.deps.db, (tx) => tx.updateTable('appliances').set({ ocpp_status: 'Faulted' }).where('tenant_id', '=', tenantId).execute());
    ctx.mails.length = 0;
    expect(await evaluate()).toEqual({ raised: 3, cleared: 0, emailed: 2, texted: 1 });
    expect(await evaluate()).toEqual({ raised: 0, cleared: 0, emailed: 0, texted: 0 });

    // Anna: her rule, by e-mail in German, and in the notification centre.
    const annaMail = ctx.mails.find((m) => m.to === 'resident@demo.test')!;
    expect(annaMail.subject).toBe('Alarm: Heizung zu hoch');
    expect(annaMail.text).toMatch(/verbraucht am .*, über dem Grenzwert von 20 kWh/);
    const centre = (await anna.request('GET', '/api/me/notifications')).body;
    expect(centre.unread).toBe(1);
    expect(centre.notifications[0]).toMatchObject({ kind: 'alarm', title: 'Alarm: Heizung zu hoch', link: '/alarms', read: false });
    // The office: the flow by SMS through the gateway, the fault by e-mail, all three in the portal.
    expect(texts).toEqual([{ to: '+43 660 1234567', text: expect.stringMatching(/^Alarm: Rohrbruch\?: 6 kWh in der Stunde ab .*, über dem Grenzwert von 5 kWh$/), authorization: 'Bearer secret' }]);
    expect(ctx.mails.find((m) => m.to === 'manager@demo.test')!.text).toContain('melden eine Störung: PP-');
    expect((await manager.request('GET', '/api/me/notifications/unread')).body).toEqual({ unread: 2 });

    // Seven hours later: the meter is silent (raised), the last hour had no flow (cleared).
    ctx.clock.advance(7 * HOUR);
    expect(await evaluate()).toMatchObject({ raised: 1, cleared: 1 });
    const history = (await manager.request('GET', '/api/alarms')).body as { ruleName: string; clearedAt: string | null; detail: string }[];
    expect(history.find((a) => a.ruleName === 'Rohrbruch?')!.clearedAt).not.toBeNull();
    expect(history.find((a) => a.ruleName === 'Zähler still')!.detail).toMatch(/^seit 7 Stunden kein Messwert/);
    expect(history.find((a) => a.ruleName === 'Heizung zu hoch')!.clearedAt).toBeNull();
  });

  it('are acknowledged in the history by those who may read them, and the centre is read', async () => {
    const own = (await anna.request('GET', '/api/alarms')).body as { id: string; ruleName: string; acknowledgedAt: string | null }[];
    expect(own.map((a) => a.ruleName).sort()).toEqual(['Heizung zu hoch', 'Rohrbruch?', 'Zähler still']);
    const heating = own.find((a) => a.ruleName === 'Heizung zu hoch')!;
    expect((await anna.request('POST', `/api/alarms/${heating.id}/acknowledge`)).status).toBe(200);
    expect((await anna.request('GET', '/api/alarms')).body.find((a: { id: string }) => a.id === heating.id).acknowledgedAt).not.toBeNull();
    const fault = (await manager.request('GET', '/api/alarms')).body.find((a: { ruleName: string }) => a.ruleName === 'Ladestation gestört');
    expect((await anna.request('POST', `/api/alarms/${fault.id}/acknowledge`)).status).toBe(404);

    expect((await anna.request('POST', '/api/me/notifications/read')).body).toEqual({ unread: 0 });
    expect((await anna.request('GET', '/api/me/notifications/unread')).body).toEqual({ unread: 0 });
  });

  it('can be left: an unsubscribed user hears nothing more', async () => {
    const rule = (await anna.request('GET', '/api/alarm-rules')).body.find((r: { name: string }) => r.name === 'Zähler still');
    expect((await anna.request('PUT', `/api/alarm-rules/${rule.id}/subscription`, { channel: 'email' })).body.subscription).toBe('email');
    expect((await anna.request('DELETE', `/api/alarm-rules/${rule.id}/subscription`)).body.subscription).toBeNull();
  });
});
