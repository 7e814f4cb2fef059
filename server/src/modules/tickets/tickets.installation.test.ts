// A resident asks for a charger at their parking space; the office declines (with a reason) or
// approves and hands the work to an electrician: a technician login with no sites, who sees that
// one ticket with its site and parking space, and nothing else of the property manager.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, login, type Session, type TestContext } from '../../test/app.ts';
import { addLogin } from './tickets.fixtures.ts';

let ctx: TestContext;
let manager: Session;
let anna: Session;
let electricianId: string;
const units: Record<string, string> = {};

const request = (body: Record<string, unknown>) => anna.request('POST', '/api/tickets', {
  clientId: randomUUID(), category: 'charger_installation', subject: 'Wallbox für meinen Stellplatz', body: '11 kW, wenn möglich.', ...body,
});

beforeAll(async () => {
  ctx = await createTestContext();
  electricianId = (await addLogin(ctx, { tenant: 'heimbau', email: 'elektro@demo.test', name: 'Elektro Maier', role: 'technician' })).userId;
  [manager, anna] = await Promise.all([login(ctx.app, 'manager@demo.test'), login(ctx.app, 'resident@demo.test')]);
  for (const site of (await manager.request('GET', '/api/sites')).body as { id: string }[]) {
    for (const unit of (await manager.request('GET', `/api/sites/${site.id}/units`)).body as { id: string; label: string }[]) units[unit.label] = unit.id;
  }
});
afterAll(async () => { await ctx?.close(); });

describe('a charger installation request', () => {
  it('names a parking space the resident holds, or the charger\'s serial number', async () => {
    expect((await request({})).body.error).toMatchObject({ code: 'tickets.charger_place_required', fields: [{ field: 'unitId' }] });
    expect((await request({ unitId: units['Stiege 1 / Top 1'] })).body.error.code).toBe('tickets.not_parking_space');
    expect((await request({ unitId: units['Stellplatz 15'] })).body.error.code).toBe('tickets.unit_not_yours');
    const bySerial = await request({ chargerSerial: 'WB-2231-77' });
    expect(bySerial).toMatchObject({ status: 201, body: { status: 'awaiting_approval', chargerSerial: 'WB-2231-77' } });
  });

  it('is declined by the office with a reason, which the resident reads', async () => {
    const id = (await request({ unitId: units['Stellplatz 14'] })).body.id;
    expect((await manager.request('POST', `/api/tickets/${id}/approval`, { decision: 'decline' })).body.error).toMatchObject({ code: 'tickets.reason_required', fields: [{ field: 'reason' }] });
    const before = ctx.mails.length;
    const declined = await manager.request('POST', `/api/tickets/${id}/approval`, { decision: 'decline', reason: 'Die Garage hat keinen Stromanschluss dafür.' });
    expect(declined.body).toMatchObject({ status: 'declined', canApprove: false, approval: { decision: 'decline', reason: 'Die Garage hat keinen Stromanschluss dafür.', decidedBy: 'Michael Berger' } });
    expect(ctx.mails.slice(before)).toEqual([expect.objectContaining({ to: 'resident@demo.test' })]);
    expect(ctx.mails.at(-1)!.text).toContain('Die Garage hat keinen Stromanschluss dafür.');
    const seen = (await anna.request('GET', `/api/tickets/${id}`)).body;
    expect(seen).toMatchObject({ status: 'declined', approval: { decision: 'decline' }, allowedStatuses: [] });
    expect((await manager.request('POST', `/api/tickets/${id}/approval`, { decision: 'approve' })).body.error.code).toBe('tickets.not_awaiting_approval');
  });

  it('is approved and assigned to an electrician, who sees only that ticket, with its site and parking space', async () => {
    const created = await request({ unitId: units['Stellplatz 14'] });
    expect(created.body).toMatchObject({ status: 'awaiting_approval', unitLabel: 'Stellplatz 14', siteName: 'Wohnhausanlage Leopoldau' });
    const other = (await anna.request('POST', '/api/tickets', { clientId: randomUUID(), category: 'other', subject: 'Anderes', body: 'x' })).body.id;
    const staffCanApprove = (await manager.request('GET', `/api/tickets/${created.body.id}`)).body.canApprove;
    expect(staffCanApprove).toBe(true);
    const before = ctx.mails.length;
    const approved = await manager.request('POST', `/api/tickets/${created.body.id}/approval`, { decision: 'approve', electricianUserId: electricianId });
    expect(approved.body).toMatchObject({ status: 'new', approval: { decision: 'approve', reason: null }, assignee: { userId: electricianId, displayName: 'Elektro Maier' } });
    expect(ctx.mails.slice(before).map((m) => m.to).sort()).toEqual(['elektro@demo.test', 'resident@demo.test']);

    const electrician = await login(ctx.app, 'elektro@demo.test');
    const seen = await electrician.request('GET', `/api/tickets/${created.body.id}`);
    expect(seen).toMatchObject({ status: 200, body: { siteName: 'Wohnhausanlage Leopoldau', unitLabel: 'Stellplatz 14', personName: 'Anna Huber', allowedStatuses: ['in_progress'] } });
    const listed = (await electrician.request('GET', '/api/tickets')).body;
    expect(listed).toMatchObject({ total: 1, tickets: [{ id: created.body.id }] });
    const everyTicket = (await manager.request('GET', '/api/tickets?limit=200')).body.tickets as { id: string }[];
    for (const ticket of everyTicket.filter((t) => t.id !== created.body.id)) {
      expect((await electrician.request('GET', `/api/tickets/${ticket.id}`)).status, ticket.id).toBe(404);
    }
    expect(everyTicket.map((t) => t.id)).toContain(other);
    expect((await electrician.request('GET', '/api/sites')).body).toEqual([]);
    expect((await electrician.request('GET', '/api/people')).status).toBe(403);
  });
});
