// Alarms with a test clock: a day's consumption and an hour's flow above their limits, a meter
// that falls silent, an appliance reporting a fault. Each is raised once, cleared when it ends,
// told to its subscribers in the notification centre and by e-mail or SMS (a local HTTP receiver
// stands in for the SMS gateway), and acknowledged in the history. Rules are changed (the next
// evaluation applies the new limit) and deleted (no longer evaluated; their history stays).
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asPlatform, inTenant } from '../../db/scope.ts';
import { createTestContext, login, type Session, type TestContext } from '../../test/app.ts';
import { addPostpaidCharger } from '../invoices/invoices.fixtures.ts';
import { createHttpSms } from '../sms/sms.ts';
import { evaluateAlarms } from './alarms.evaluate.ts';
import { raise } from './alarms.repository.ts';

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

const meterIds: Record<string, string> = {};
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
  // The office's rules below watch flats' meters: that takes the demo contract's pseudonymised-data option and a grant.
  const staff = (await manager.request('GET', '/api/staff')).body as { email: string; userId: string }[];
  expect((await manager.request('PUT', `/api/staff/${staff.find((s) => s.email === 'manager@demo.test')!.userId}/pseudonymised-access`)).status).toBe(200);
  await asPlatform(ctx.deps.db, (tx) => tx.updateTable('users').set({ mobile: '+43 660 1234567' }).where('email', '=', 'manager@demo.test').execute());
  const site = (await manager.request('GET', '/api/sites')).body[0];
  const units = (await manager.request('GET', `/api/sites/${site.id}/units`)).body as { id: string; label: string }[];
  for (const [label, serial] of [['Stiege 1 / Top 1', 'ALM-1'], ['Stiege 1 / Top 2', 'ALM-2']] as const) {
    const created = await manager.request('POST', '/api/meters', { siteId: site.id, unitId: units.find((u) => u.label === label)!.id, name: `Heizung ${label}`, serial, medium: 'heat', unit: 'kWh', kind: 'register' });
    meterIds[serial] = created.body.id;
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
    // The office reads a flat's meter pseudonymised, without its serial: the id it was given when adding it.
    const neighbour = meterIds['ALM-2']!;
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

describe('changing and deleting alarm rules', () => {
  interface Rule { id: string; name: string; threshold: number | null; missingHours: number | null; subscription: string | null; raisedSince: string | null; mayChange: boolean }
  interface Alarm { id: string; ruleId: string; ruleName: string; ruleDeleted: boolean; clearedAt: string | null; acknowledgedAt: string | null }
  const rules = async (session: Session) => (await session.request('GET', '/api/alarm-rules')).body as Rule[];
  const ruleNamed = async (session: Session, name: string) => (await rules(session)).find((r) => r.name === name)!;
  const alarmsOf = async (session: Session, ruleId: string) => ((await session.request('GET', '/api/alarms')).body as Alarm[]).filter((a) => a.ruleId === ruleId);

  it('refuses bad input on its field, unknown and other tenants\' rules, and changes by those who may not make them', async () => {
    const heating = await ruleNamed(anna, 'Heizung zu hoch');
    const silent = await ruleNamed(manager, 'Zähler still');
    const url = `/api/alarm-rules/${heating.id}`;
    expect((await anna.request('PATCH', url, { threshold: -1 }))).toMatchObject({ status: 400, body: { error: { code: 'alarms.invalid_rule', fields: [{ field: 'threshold' }] } } });
    expect((await anna.request('PATCH', url, { name: '' })).body.error).toMatchObject({ code: 'request.invalid_body', fields: [{ field: 'name' }] });
    expect((await anna.request('PATCH', url, { kind: 'flow' })).status).toBe(400);
    // A field the rule's kind does not have.
    expect((await anna.request('PATCH', url, { missingHours: 3 }))).toMatchObject({ status: 400, body: { error: { code: 'alarms.not_applicable', fields: [{ field: 'missingHours' }] } } });
    expect((await manager.request('PATCH', `/api/alarm-rules/${silent.id}`, { threshold: 3 })).body.error).toMatchObject({ code: 'alarms.not_applicable', fields: [{ field: 'threshold' }] });

    const unknown = `/api/alarm-rules/${randomUUID()}`;
    expect((await manager.request('PATCH', unknown, { name: 'x' }))).toMatchObject({ status: 404, body: { error: { code: 'alarms.rule_not_found' } } });
    expect((await manager.request('DELETE', unknown))).toMatchObject({ status: 404, body: { error: { code: 'alarms.rule_not_found' } } });
    const regie = await login(ctx.app, 'regie@demo.test');
    expect((await regie.request('PATCH', url, { threshold: 1000 })).status).toBe(404);
    expect((await regie.request('DELETE', url)).status).toBe(404);

    // Anna reads the office's flow rule on her meter, but it is not hers to change; the office's fault rule she does not see.
    expect((await rules(anna)).map((r) => [r.name, r.mayChange])).toEqual([['Heizung zu hoch', true], ['Rohrbruch?', false], ['Zähler still', false]]);
    expect((await rules(manager)).every((r) => r.mayChange)).toBe(true);
    const flow = await ruleNamed(anna, 'Rohrbruch?');
    expect((await anna.request('PATCH', `/api/alarm-rules/${flow.id}`, { threshold: 50 }))).toMatchObject({ status: 403, body: { error: { code: 'auth.forbidden' } } });
    expect((await anna.request('DELETE', `/api/alarm-rules/${flow.id}`)).status).toBe(403);
    const fault = await ruleNamed(manager, 'Ladestation gestört');
    expect((await anna.request('DELETE', `/api/alarm-rules/${fault.id}`)).status).toBe(404);
    // A technician makes no rules, and changes none.
    const sabine = ((await manager.request('GET', '/api/staff')).body as { email: string; userId: string }[]).find((s) => s.email === 'staff@demo.test')!;
    expect((await manager.request('PATCH', `/api/staff/${sabine.userId}`, { role: 'technician' })).status).toBe(200);
    const technician = await login(ctx.app, 'staff@demo.test');
    expect((await technician.request('PATCH', `/api/alarm-rules/${fault.id}`, { name: 'x' })).status).toBe(403);
    expect((await technician.request('DELETE', `/api/alarm-rules/${fault.id}`)).status).toBe(403);

    expect(await ruleNamed(anna, 'Heizung zu hoch')).toMatchObject({ threshold: 20 });
    expect(await ruleNamed(anna, 'Rohrbruch?')).toMatchObject({ threshold: 5 });
    expect((await rules(manager)).map((r) => r.name)).toContain('Ladestation gestört');
  });

  it('apply a changed limit from the next evaluation: an alarm whose condition no longer holds is cleared, one that holds again is raised', async () => {
    const heating = await ruleNamed(anna, 'Heizung zu hoch');
    const silent = await ruleNamed(manager, 'Zähler still');
    expect(heating.raisedSince).not.toBeNull();
    expect(silent.raisedSince).not.toBeNull();
    const edited = await anna.request('PATCH', `/api/alarm-rules/${heating.id}`, { name: 'Heizung sehr hoch', threshold: 100.5 });
    // Still raised until the evaluation looks again.
    expect(edited).toMatchObject({ status: 200, body: { id: heating.id, name: 'Heizung sehr hoch', threshold: 100.5, unit: 'kWh', subscription: 'email', raisedSince: heating.raisedSince } });
    expect((await manager.request('PATCH', `/api/alarm-rules/${silent.id}`, { missingHours: 12 })).body).toMatchObject({ missingHours: 12, raisedSince: silent.raisedSince });
    ctx.mails.length = 0;
    expect(await evaluate()).toEqual({ raised: 0, cleared: 2, emailed: 0, texted: 0 });
    expect(await ruleNamed(anna, 'Heizung sehr hoch')).toMatchObject({ raisedSince: null });
    expect(await ruleNamed(manager, 'Zähler still')).toMatchObject({ raisedSince: null });
    const [cleared] = await alarmsOf(anna, heating.id);
    expect(cleared).toMatchObject({ ruleName: 'Heizung sehr hoch', ruleDeleted: false, clearedAt: expect.any(String) });

    // Back under the day's consumption: raised again, told under its new name.
    expect((await anna.request('PATCH', `/api/alarm-rules/${heating.id}`, { threshold: 20 })).body.threshold).toBe(20);
    expect(await evaluate()).toMatchObject({ raised: 1, cleared: 0, emailed: 1 });
    expect(ctx.mails.map((m) => [m.to, m.subject])).toEqual([['resident@demo.test', 'Alarm: Heizung sehr hoch']]);
    expect((await alarmsOf(anna, heating.id)).map((a) => a.clearedAt === null)).toEqual([true, false]);
  });

  it('once deleted, are neither listed, evaluated nor heard of; the open alarm is cleared and the history stays', async () => {
    const heating = await ruleNamed(anna, 'Heizung sehr hoch');
    const fault = await ruleNamed(manager, 'Ladestation gestört');
    expect(heating.raisedSince).not.toBeNull();
    expect(fault.raisedSince).not.toBeNull();
    // A resident deletes her own rule; the office its fault rule.
    expect((await anna.request('DELETE', `/api/alarm-rules/${heating.id}`))).toMatchObject({ status: 200, body: { ok: true } });
    expect((await manager.request('DELETE', `/api/alarm-rules/${fault.id}`)).status).toBe(200);
    expect((await rules(anna)).map((r) => r.name)).toEqual(['Rohrbruch?', 'Zähler still']);
    expect((await rules(manager)).map((r) => r.name)).toEqual(['Rohrbruch?', 'Zähler still']);

    // The history keeps both of the rule's alarms, the open one cleared, and they can still be acknowledged.
    const history = await alarmsOf(anna, heating.id);
    expect(history).toHaveLength(2);
    expect(history.every((a) => a.ruleName === 'Heizung sehr hoch' && a.ruleDeleted && a.clearedAt !== null)).toBe(true);
    expect((await anna.request('GET', `/api/alarms?ruleId=${heating.id}`)).body).toHaveLength(2);
    expect((await alarmsOf(manager, fault.id)).map((a) => a.clearedAt !== null)).toEqual([true]);
    const unacknowledged = history.find((a) => a.acknowledgedAt === null)!;
    expect((await anna.request('POST', `/api/alarms/${unacknowledged.id}/acknowledge`)).status).toBe(200);

    // Both conditions still hold, yet nothing is raised and nobody hears of them.
    ctx.mails.length = 0;
    texts.length = 0;
    expect(await evaluate()).toEqual({ raised: 0, cleared: 0, emailed: 0, texted: 0 });
    expect(ctx.mails).toEqual([]);
    // Nor does an evaluation that read the rule before it was deleted raise it afterwards.
    expect(await inTenant(ctx.deps.db, tenantId, (tx) => raise(tx, tenantId, heating.id, ctx.clock.now(), 1, '{}'))).toBeNull();
    expect(await asPlatform(ctx.deps.db, (tx) => tx.selectFrom('alarm_subscriptions').select('user_id').where('rule_id', 'in', [heating.id, fault.id]).execute())).toEqual([]);

    // Gone for everything but its history.
    expect((await anna.request('PATCH', `/api/alarm-rules/${heating.id}`, { name: 'x' })).status).toBe(404);
    expect((await anna.request('DELETE', `/api/alarm-rules/${heating.id}`)).status).toBe(404);
    expect((await anna.request('PUT', `/api/alarm-rules/${heating.id}/subscription`, { channel: 'email' })).status).toBe(404);
  });
});
