// Service tickets through the API, as residents, the office and a technician use them: a fault
// reported with a photo, assigned, worked on and resolved, followed and closed by the resident
// (who never sees internal notes); who may read what; refused input; the same form sent twice.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, login, type Session, type TestContext } from '../../test/app.ts';
import { addLogin, photo, pngBytes } from './tickets.fixtures.ts';

let ctx: TestContext;
let manager: Session;
let anna: Session;
let tomasz: Session;
let technician: Session;
let technicianId: string;
let tomaszId: string;
let flatId: string;

const open = (as: Session, body: Record<string, unknown>) => as.request('POST', '/api/tickets', { clientId: randomUUID(), category: 'other', subject: 'Frage', body: 'Text', ...body });

beforeAll(async () => {
  ctx = await createTestContext();
  technicianId = (await addLogin(ctx, { tenant: 'heimbau', email: 'tech.tickets@demo.test', name: 'Theo Technik', role: 'technician' })).userId;
  tomaszId = (await addLogin(ctx, { tenant: 'heimbau', email: 'tomasz.nowak@demo.test', name: 'Tomasz Nowak', role: 'resident', language: 'pl', personEmail: 'tomasz.nowak@demo.test' })).userId;
  [manager, anna, tomasz, technician] = await Promise.all([
    login(ctx.app, 'manager@demo.test'), login(ctx.app, 'resident@demo.test'), login(ctx.app, 'tomasz.nowak@demo.test'), login(ctx.app, 'tech.tickets@demo.test'),
  ]);
  const site = (await manager.request('GET', '/api/sites')).body.find((s: { name: string }) => s.name === 'Wohnhausanlage Leopoldau');
  flatId = (await manager.request('GET', `/api/sites/${site.id}/units`)).body.find((u: { label: string }) => u.label === 'Stiege 1 / Top 1').id;
});
afterAll(async () => { await ctx?.close(); });

describe('a fault ticket', () => {
  let ticketId: string;

  it('is opened by a resident with a photo of the appliance', async () => {
    const created = await open(anna, { category: 'appliance_fault', subject: 'Waschmaschine 2 pumpt nicht ab', body: 'Seit gestern bleibt Wasser in der Trommel.', unitId: flatId, attachments: [photo()] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      number: expect.stringMatching(/^T-\d+$/), category: 'appliance_fault', status: 'new', source: 'portal', personName: 'Anna Huber',
      siteName: 'Wohnhausanlage Leopoldau', unitLabel: 'Stiege 1 / Top 1', assignee: null, allowedStatuses: [], canAssign: false, canApprove: false,
    });
    expect(created.body.attachments).toEqual([expect.objectContaining({ filename: 'waschmaschine.png', mediaType: 'image/png', size: 256 })]);
    expect(created.body.events).toEqual([expect.objectContaining({ kind: 'created', authorName: 'Anna Huber', toStatus: 'new', attachmentIds: [created.body.attachments[0].id] })]);
    ticketId = created.body.id;
    const file = await ctx.app.inject({ method: 'GET', url: `/api/tickets/${ticketId}/attachments/${created.body.attachments[0].id}`, headers: { cookie: anna.cookie } });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.headers['content-disposition']).toContain('waschmaschine.png');
    expect(file.rawPayload.equals(pngBytes())).toBe(true);
  });

  it('reaches the office queue and is assigned to a technician, who is told', async () => {
    const queue = (await manager.request('GET', '/api/tickets?status=new')).body;
    expect(queue.tickets.map((t: { id: string }) => t.id)).toContain(ticketId);
    const assignees = (await manager.request('GET', '/api/ticket-assignees')).body;
    expect(assignees).toContainEqual({ userId: technicianId, displayName: 'Theo Technik', role: 'technician' });
    const before = ctx.mails.length;
    const assigned = await manager.request('POST', `/api/tickets/${ticketId}/assign`, { assigneeUserId: technicianId });
    expect(assigned).toMatchObject({ status: 200, body: { assignee: { userId: technicianId, displayName: 'Theo Technik' }, canAssign: true } });
    expect(ctx.mails.slice(before)).toEqual([expect.objectContaining({ to: 'tech.tickets@demo.test', subject: expect.stringMatching(/^Ticket T-\d+ wurde Ihnen zugewiesen/) })]);
    expect((await technician.request('GET', '/api/me/notifications')).body.notifications[0]).toMatchObject({ kind: 'ticket', link: `/tickets/${ticketId}` });
  });

  it('is worked on by the technician: an internal note, a reply, resolved', async () => {
    expect((await technician.request('GET', '/api/tickets')).body.tickets.map((t: { id: string }) => t.id)).toEqual([ticketId]);
    expect((await technician.request('POST', `/api/tickets/${ticketId}/status`, { status: 'in_progress' })).body.allowedStatuses).toEqual(['waiting', 'resolved']);
    expect((await technician.request('POST', `/api/tickets/${ticketId}/comments`, { body: 'Ablaufpumpe verstopft, Ersatzteil bestellt.', internal: true })).status).toBe(200);
    expect((await technician.request('POST', `/api/tickets/${ticketId}/comments`, { body: 'Die Pumpe wurde gereinigt, die Maschine läuft wieder.' })).status).toBe(200);
    const resolved = await technician.request('POST', `/api/tickets/${ticketId}/status`, { status: 'resolved', note: 'Funktioniert' });
    expect(resolved.body).toMatchObject({ status: 'resolved', allowedStatuses: [] });
    expect(resolved.body.events.some((e: { internal: boolean }) => e.internal)).toBe(true);
  });

  it('shows the resident its status and history without the internal note, and lets it close the ticket', async () => {
    const seen = (await anna.request('GET', `/api/tickets/${ticketId}`)).body;
    expect(seen).toMatchObject({ status: 'resolved', allowedStatuses: ['closed'] });
    expect(seen.events.map((e: { kind: string }) => e.kind)).toEqual(['created', 'assigned', 'status', 'comment', 'status']);
    expect(seen.events.every((e: { internal: boolean }) => !e.internal)).toBe(true);
    expect(JSON.stringify(seen)).not.toContain('Ersatzteil');
    expect(seen.events[3]).toMatchObject({ authorName: 'Theo Technik', body: 'Die Pumpe wurde gereinigt, die Maschine läuft wieder.' });
    const closed = await anna.request('POST', `/api/tickets/${ticketId}/status`, { status: 'closed' });
    expect(closed.body).toMatchObject({ status: 'closed', allowedStatuses: [] });
    expect((await anna.request('POST', `/api/tickets/${ticketId}/comments`, { body: 'Danke!' }))).toMatchObject({ status: 409, body: { error: { code: 'tickets.closed' } } });
    expect((await manager.request('GET', `/api/tickets/${ticketId}`)).body.allowedStatuses).toEqual(['in_progress']);
  });

  it('puts a waiting ticket back to work when the resident answers', async () => {
    const id = (await open(anna, { subject: 'Schlüssel', body: 'Wo bekomme ich einen zweiten Schlüssel?' })).body.id;
    await manager.request('POST', `/api/tickets/${id}/status`, { status: 'waiting', note: 'Für welche Tür?' });
    const answered = await anna.request('POST', `/api/tickets/${id}/comments`, { body: 'Für die Haustür.' });
    expect(answered.body.status).toBe('in_progress');
    expect(answered.body.events.at(-1)).toMatchObject({ kind: 'status', fromStatus: 'waiting', toStatus: 'in_progress' });
  });
});

describe('notifications', () => {
  it('tell the resident of a staff reply in the portal and by e-mail, in their language, but not of internal notes', async () => {
    const id = (await open(tomasz, { category: 'refund', subject: 'Zwrot salda', body: 'Proszę o zwrot salda.' })).body.id;
    const before = ctx.mails.length;
    await manager.request('POST', `/api/tickets/${id}/comments`, { body: 'Intern: IBAN prüfen', internal: true });
    expect(ctx.mails.length).toBe(before);
    await manager.request('POST', `/api/tickets/${id}/comments`, { body: 'Wir überweisen den Betrag diese Woche.' });
    const mails = ctx.mails.slice(before);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ to: 'tomasz.nowak@demo.test', subject: expect.stringMatching(/^Zgłoszenie T-\d+: Zwrot salda$/) });
    expect(mails[0]!.text).toContain('Michael Berger odpowiedział(a) na „Zwrot salda”: Wir überweisen den Betrag diese Woche.');
    expect(mails[0]!.text).toContain(`/tickets/${id}`);
    const centre = (await tomasz.request('GET', '/api/me/notifications')).body;
    expect(centre.notifications[0]).toMatchObject({ kind: 'ticket', title: expect.stringMatching(/^Zgłoszenie T-\d+ zaktualizowane$/), link: `/tickets/${id}`, read: false });
    expect(centre.notifications).toHaveLength(1);
  });
});

describe('who sees a ticket', () => {
  let annas: string;
  let unassigned: string;
  beforeAll(async () => {
    annas = (await open(anna, { subject: 'Nur meins', body: 'Privat' })).body.id;
    unassigned = (await open(manager, { subject: 'Keller', body: 'Licht im Keller defekt' })).body.id;
  });

  it('a resident only its own: another resident gets 404 and does not list it', async () => {
    expect((await tomasz.request('GET', `/api/tickets/${annas}`))).toMatchObject({ status: 404, body: { error: { code: 'tickets.not_found' } } });
    expect((await tomasz.request('POST', `/api/tickets/${annas}/comments`, { body: 'x' })).status).toBe(404);
    expect((await tomasz.request('GET', '/api/tickets')).body.tickets.map((t: { id: string }) => t.id)).not.toContain(annas);
    expect((await anna.request('GET', `/api/tickets/${unassigned}`)).status).toBe(404);
  });

  it('a technician only what is assigned to it, and cannot assign', async () => {
    expect((await technician.request('GET', `/api/tickets/${unassigned}`)).status).toBe(404);
    expect((await technician.request('POST', `/api/tickets/${unassigned}/status`, { status: 'in_progress' })).status).toBe(404);
    expect((await technician.request('GET', '/api/tickets?assignee=none')).body).toEqual({ total: 0, tickets: [] });
    await manager.request('POST', `/api/tickets/${unassigned}/assign`, { assigneeUserId: technicianId });
    expect((await technician.request('POST', `/api/tickets/${unassigned}/assign`, { assigneeUserId: null })).status).toBe(403);
    expect((await technician.request('POST', '/api/tickets', { clientId: randomUUID(), category: 'other', subject: 'x', body: 'x' })).status).toBe(403);
  });

  it('another tenant\'s staff get 404; a lock owner 403', async () => {
    const regie = await login(ctx.app, 'regie@demo.test');
    expect((await regie.request('GET', `/api/tickets/${annas}`)).status).toBe(404);
    expect((await regie.request('GET', '/api/tickets')).body.tickets).toEqual([]);
    expect((await regie.request('POST', `/api/tickets/${annas}/assign`, { assigneeUserId: null })).status).toBe(404);
    expect((await regie.request('POST', `/api/tickets/${annas}/approval`, { decision: 'approve' })).status).toBe(404);
    const owner = await login(ctx.app, 'locks@demo.test');
    expect((await owner.request('GET', '/api/tickets')).status).toBe(403);
    expect((await owner.request('GET', `/api/tickets/${annas}`)).status).toBe(403);
    expect((await owner.request('POST', '/api/tickets', { clientId: randomUUID(), category: 'other', subject: 'x', body: 'x' })).status).toBe(403);
  });
});

describe('refused input', () => {
  it('an unknown category: 400 naming the field', async () => {
    const res = await open(anna, { category: 'complaint' });
    expect(res).toMatchObject({ status: 400, body: { error: { code: 'request.invalid_body', fields: [expect.objectContaining({ field: 'category' })] } } });
  });

  it('an attachment over 5 MiB: 413; bytes that are not what the type says: 415', async () => {
    const big = await open(anna, { attachments: [photo(), photo(5 * 1024 * 1024 + 1)] });
    expect(big).toMatchObject({ status: 413, body: { error: { code: 'tickets.attachment_too_large', fields: [{ field: 'attachments.1' }] } } });
    // Five files of the largest size fit the request (base64 makes them a third larger): the one too big is named, not the body.
    const full = await open(anna, { attachments: [photo(5 * 1024 * 1024), photo(5 * 1024 * 1024), photo(5 * 1024 * 1024), photo(5 * 1024 * 1024), photo(5 * 1024 * 1024 + 1)] });
    expect(full).toMatchObject({ status: 413, body: { error: { code: 'tickets.attachment_too_large', fields: [{ field: 'attachments.4' }] } } });
    const fake = await open(anna, { attachments: [{ filename: 'foto.jpg', mediaType: 'image/jpeg', contentBase64: Buffer.from('MZ\x90\x00 not a picture').toString('base64') }] });
    expect(fake).toMatchObject({ status: 415, body: { error: { code: 'tickets.attachment_type', fields: [{ field: 'attachments.0' }] } } });
    const pdf = await open(anna, { attachments: [{ filename: 'rechnung.pdf', mediaType: 'application/pdf', contentBase64: Buffer.from('%PDF-1.7\n%âãÏÓ\n').toString('base64') }] });
    expect(pdf.status).toBe(201);
  });

  it('a move the actor may not make: 409 naming the status', async () => {
    const id = (await open(anna, {})).body.id;
    expect(await anna.request('POST', `/api/tickets/${id}/status`, { status: 'in_progress' }))
      .toMatchObject({ status: 409, body: { error: { code: 'tickets.transition_not_allowed', fields: [{ field: 'status' }] } } });
    expect((await manager.request('POST', `/api/tickets/${id}/status`, { status: 'awaiting_approval' })).status).toBe(409);
    expect((await anna.request('POST', `/api/tickets/${id}/comments`, { body: 'x', internal: true })).body.error.code).toBe('tickets.internal_not_allowed');
  });

  it('an assignee who is not staff or a technician here: 422', async () => {
    const id = (await open(anna, {})).body.id;
    const res = await manager.request('POST', `/api/tickets/${id}/assign`, { assigneeUserId: tomaszId });
    expect(res).toMatchObject({ status: 422, body: { error: { code: 'tickets.assignee_invalid', fields: [{ field: 'assigneeUserId' }] } } });
  });
});

describe('the same request sent twice', () => {
  it('opens one ticket and answers the second time with it', async () => {
    const clientId = randomUUID();
    const body = { clientId, category: 'badge', subject: 'Badge defekt', body: 'Der Badge wird nicht erkannt.' };
    const first = await anna.request('POST', '/api/tickets', body);
    const total = (await anna.request('GET', '/api/tickets')).body.total;
    const second = await anna.request('POST', '/api/tickets', body);
    expect(first.status).toBe(201);
    expect(second).toMatchObject({ status: 200, body: { id: first.body.id, number: first.body.number } });
    expect((await anna.request('GET', '/api/tickets')).body.total).toBe(total);
  });
});

describe('ticket settings', () => {
  it('start with every automatic ticket off; only an admin changes them, to staff or technicians', async () => {
    const staff = await login(ctx.app, 'staff@demo.test');
    const settings = (await staff.request('GET', '/api/ticket-settings')).body;
    expect(settings).toEqual({ applianceFault: { enabled: false, assigneeUserId: null }, recurringAlarm: { enabled: false, assigneeUserId: null, times: 3, days: 7 }, lostBadge: { enabled: false, assigneeUserId: null } });
    expect((await staff.request('PUT', '/api/ticket-settings', settings)).status).toBe(403);
    expect((await anna.request('GET', '/api/ticket-settings')).status).toBe(403);
    const changed = { ...settings, lostBadge: { enabled: true, assigneeUserId: technicianId } };
    expect((await manager.request('PUT', '/api/ticket-settings', changed))).toMatchObject({ status: 200, body: changed });
    const wrong = await manager.request('PUT', '/api/ticket-settings', { ...settings, applianceFault: { enabled: true, assigneeUserId: randomUUID() } });
    expect(wrong).toMatchObject({ status: 422, body: { error: { fields: [{ field: 'applianceFault.assigneeUserId' }] } } });
    expect((await manager.request('PUT', '/api/ticket-settings', { ...settings, recurringAlarm: { ...settings.recurringAlarm, times: 1 } })).status).toBe(400);
  });
});
