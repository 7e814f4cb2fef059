// Tickets the system opens, as the tenant's settings say: an appliance's fault reported by a real
// OCPP StatusNotification through the gateway, an alarm rule raised again and again, a badge
// reported lost. Each only when switched on, and never a second one while one is open.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RPCClient } from 'ocpp-rpc';
import { inTenant } from '../../db/scope.ts';
import { addDevice, bootedDevice, startGatewayWorld, type GatewayWorld } from '../../gateway/ocpp/testing.ts';
import { createTestContext, login, type Session, type TestContext } from '../../test/app.ts';
import { evaluateAlarms } from '../alarms/alarms.evaluate.ts';
import { openApplianceFaultTicket, openLostBadgeTicket } from './tickets.automatic.ts';

let ctx: TestContext;
let world: GatewayWorld;
let manager: Session;
let anna: Session;
let sabineId: string;
let settings: Record<string, any>;

const automatic = async (source: string) =>
  ((await manager.request('GET', '/api/tickets?limit=200')).body.tickets as { id: string; source: string; subject: string; status: string; assignee: { displayName: string } | null }[])
    .filter((t) => t.source === source);
const configure = async (change: Record<string, unknown>) => {
  settings = { ...settings, ...change };
  expect((await manager.request('PUT', '/api/ticket-settings', settings)).status).toBe(200);
};

beforeAll(async () => {
  ctx = await createTestContext();
  world = await startGatewayWorld(ctx);
  [manager, anna] = await Promise.all([login(ctx.app, 'manager@demo.test'), login(ctx.app, 'resident@demo.test')]);
  sabineId = (await manager.request('GET', '/api/staff')).body.find((s: { email: string }) => s.email === 'staff@demo.test').userId;
  settings = (await manager.request('GET', '/api/ticket-settings')).body;
});
afterAll(async () => {
  await world?.close();
  await ctx?.close();
});

describe('an appliance fault from the device gateway', () => {
  let client: RPCClient;
  const status = (state: string) => client.call('StatusNotification', { connectorId: 1, errorCode: state === 'Faulted' ? 'GroundFailure' : 'NoError', status: state, info: 'FI ausgelöst' });

  beforeAll(async () => {
    const device = await addDevice(world, { appliances: [{ connectorId: 1, kind: 'washer', metering: 'energy' }] });
    client = await bootedDevice(world, device.identity);
  });

  it('opens no ticket while the setting is off', async () => {
    expect(await status('Faulted')).toEqual({});
    expect(await automatic('appliance_fault')).toEqual([]);
    await status('Available');
  });

  it('opens one ticket for the connector, assigned as set, and no second while it is open', async () => {
    await configure({ applianceFault: { enabled: true, assigneeUserId: sabineId } });
    await status('Faulted');
    await status('Available');
    await status('Faulted');
    const tickets = await automatic('appliance_fault');
    expect(tickets).toEqual([expect.objectContaining({ status: 'new', subject: expect.stringMatching(/^Störung: washer 1 – Test site/), assignee: expect.objectContaining({ displayName: 'Sabine Moser' }) })]);
    const ticket = (await manager.request('GET', `/api/tickets/${tickets[0]!.id}`)).body;
    expect(ticket).toMatchObject({ category: 'appliance_fault', siteId: world.siteId, personId: null });
    expect(ticket.body).toContain('Fehlercode: GroundFailure');
    expect(ticket.events[0]).toMatchObject({ kind: 'created', authorName: null });
    // Once it is closed, the next fault opens a new one.
    await manager.request('POST', `/api/tickets/${tickets[0]!.id}/status`, { status: 'closed' });
    await status('Available');
    await status('Faulted');
    expect(await automatic('appliance_fault')).toHaveLength(2);
  });

  it('never fails the device\'s message: a failure is logged and nothing is opened', async () => {
    expect(await openApplianceFaultTicket(ctx.deps, { tenantId: 'not-a-tenant', deviceId: randomUUID(), applianceId: randomUUID(), errorCode: 'x', info: null })).toBeNull();
  });
});

describe('a recurring alarm', () => {
  let ruleId: string;
  let faulted: string;

  const setFault = (on: boolean) => inTenant(ctx.deps.db, world.tenantId, (tx) => tx.updateTable('appliances').set({ ocpp_status: on ? 'Faulted' : 'Available' }).where('id', '=', faulted).execute());
  const evaluate = () => evaluateAlarms({ ...ctx.deps, sms: null }, world.tenantId);

  beforeAll(async () => {
    // A site of its own: the washer above stays faulted at the world's site.
    const site = await inTenant(ctx.deps.db, world.tenantId, (tx) => tx.insertInto('sites').values({
      tenant_id: world.tenantId, name: 'Trockenraum', street: 'Teststraße 2', postal_code: '1010', city: 'Wien', country: 'AT', accounting_unit: null,
    }).returning('id').executeTakeFirstOrThrow());
    const device = await addDevice(world, { siteId: site.id, appliances: [{ connectorId: 1, kind: 'dryer', metering: 'time' }] });
    faulted = device.appliances.get(1)!;
    const rule = await manager.request('POST', '/api/alarm-rules', { kind: 'device_fault', name: 'Störung Testanlage', siteId: site.id, channel: 'portal' });
    ruleId = rule.body.id;
    // Earlier this week the rule was raised once already.
    await inTenant(ctx.deps.db, world.tenantId, (tx) => tx.insertInto('alarms').values({
      tenant_id: world.tenantId, rule_id: ruleId, raised_at: new Date(Date.now() - 3 * 86_400_000), cleared_at: new Date(Date.now() - 3 * 86_400_000 + 3_600_000),
      observed: 1, detail: null, acknowledged_at: null, acknowledged_by: null,
    }).execute());
    await setFault(false);
    await evaluate();
  });

  it('opens a ticket when the rule was raised `times` within `days`, only while switched on, and one at a time', async () => {
    await configure({ recurringAlarm: { enabled: false, assigneeUserId: null, times: 2, days: 7 } });
    await setFault(true);
    expect((await evaluate()).raised).toBe(1);
    expect(await automatic('recurring_alarm')).toEqual([]);

    await configure({ recurringAlarm: { enabled: true, assigneeUserId: null, times: 4, days: 7 } });
    await setFault(false);
    await evaluate();
    await setFault(true);
    await evaluate();
    expect(await automatic('recurring_alarm')).toEqual([]); // raised 3 times: fewer than 4

    await setFault(false);
    await evaluate();
    await setFault(true);
    await evaluate();
    const tickets = await automatic('recurring_alarm');
    expect(tickets).toEqual([expect.objectContaining({ subject: 'Wiederkehrender Alarm: Störung Testanlage', assignee: null })]);

    await setFault(false);
    await evaluate();
    await setFault(true);
    await evaluate();
    expect(await automatic('recurring_alarm')).toHaveLength(1);
  });
});

describe('a badge reported lost', () => {
  const fob = async (serial: string) => {
    const personId = (await anna.request('GET', '/api/wallet')).body.personId
      ?? (await manager.request('GET', '/api/people')).body.find((p: { firstName: string; lastName: string }) => p.firstName === 'Anna')!.id;
    const created = await manager.request('POST', '/api/credentials/fobs', { personId, serial, label: `Garage ${serial}` });
    expect(created.status).toBe(201);
    return created.body.id as string;
  };

  it('opens a ticket on its holder only while switched on, which the resident follows', async () => {
    await configure({ lostBadge: { enabled: false, assigneeUserId: null } });
    expect((await anna.request('POST', `/api/me/credentials/${await fob('LOST0001')}/report-lost`, {})).status).toBe(200);
    expect(await automatic('lost_badge')).toEqual([]);

    await configure({ lostBadge: { enabled: true, assigneeUserId: sabineId } });
    const credentialId = await fob('LOST0002');
    expect((await anna.request('POST', `/api/me/credentials/${credentialId}/report-lost`, { reason: 'Im Bus verloren' })).status).toBe(200);
    const tickets = await automatic('lost_badge');
    expect(tickets).toEqual([expect.objectContaining({ subject: 'Badge als verloren gemeldet: Garage LOST0002', status: 'new' })]);
    expect((await anna.request('GET', '/api/tickets')).body.tickets.map((t: { id: string }) => t.id)).toContain(tickets[0]!.id);
    expect((await anna.request('GET', `/api/tickets/${tickets[0]!.id}`)).body).toMatchObject({ category: 'badge', source: 'lost_badge', personName: 'Anna Huber' });
    expect(await openLostBadgeTicket(ctx.deps, world.tenantId, credentialId)).toBeNull();
    expect(await automatic('lost_badge')).toHaveLength(1);
  });
});
