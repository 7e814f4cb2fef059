import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asPlatform } from '../../db/scope.ts';
import { createTestContext, login, type TestContext } from '../../test/app.ts';

let ctx: TestContext;
beforeAll(async () => { ctx = await createTestContext(); });
afterAll(async () => { await ctx.close(); });

const ask = (customerNumber: string, email: string) =>
  ctx.app.inject({ method: 'POST', url: '/api/access-requests', payload: { customerNumber, email } }).then((r) => ({ status: r.statusCode, body: r.json() }));

describe('access requests', () => {
  it('answers every request the same and records only those whose e-mail matches the one on file', async () => {
    const answers = [
      await ask('HEIMBAU-99999', 'tomasz.nowak@demo.test'), // no such number
      await ask('HEIMBAU-10004', 'someone.else@demo.test'), // wrong address
      await ask('HEIMBAU-10003', 'marie@demo.test'), // no address on file
      await ask('HEIMBAU-10001', 'resident@demo.test'), // already has a login
      await ask(' heimbau-10004 ', 'Tomasz.Nowak@demo.test'),
      await ask('HEIMBAU-10004', 'tomasz.nowak@demo.test'), // already waiting
    ];
    for (const answer of answers) expect(answer).toEqual({ status: 202, body: { ok: true } });
    expect((await ask('not a number', 'a@b.test')).body.error.fields[0].field).toBe('customerNumber');

    const staff = await login(ctx.app, 'staff@demo.test');
    const list = await staff.request('GET', '/api/access-requests?status=pending');
    expect(list.body).toHaveLength(1);
    expect(list.body[0]).toMatchObject({ personName: 'Tomasz Nowak', customerNumber: 'HEIMBAU-10004', email: 'tomasz.nowak@demo.test', status: 'pending' });
    expect(ctx.mails).toHaveLength(0);

    const regie = await login(ctx.app, 'regie@demo.test');
    expect((await regie.request('GET', '/api/access-requests')).body).toEqual([]);
    expect((await regie.request('POST', `/api/access-requests/${list.body[0].id}/approve`)).status).toBe(404);
    expect((await (await login(ctx.app, 'resident@demo.test')).request('GET', '/api/access-requests')).status).toBe(403);
  });

  it('approving invites the person as a resident, in their language, and is audited', async () => {
    const staff = await login(ctx.app, 'staff@demo.test');
    const [request] = (await staff.request('GET', '/api/access-requests')).body;
    const approved = await staff.request('POST', `/api/access-requests/${request.id}/approve`);
    expect(approved).toMatchObject({ status: 200, body: { status: 'approved' } });
    expect((await staff.request('POST', `/api/access-requests/${request.id}/decline`)).body.error.code).toBe('access_requests.decided');

    const mail = ctx.mails.at(-1)!;
    expect(mail).toMatchObject({ to: 'tomasz.nowak@demo.test', subject: 'Heimbau zaprasza Cię do Concierge' });
    expect(mail.text).toMatch(/\/accept-invitation\?token=[A-Za-z0-9_-]+/);
    const [invitation] = (await staff.request('GET', '/api/invitations')).body;
    expect(invitation).toMatchObject({ email: 'tomasz.nowak@demo.test', role: 'resident', personId: request.personId, status: 'pending' });

    const audit = await asPlatform(ctx.deps.db, (tx) => tx.selectFrom('audit_events').select(['action', 'actor_label']).where('entity_type', 'in', ['access_request', 'invitation']).orderBy('id').execute());
    expect(audit.map((a) => a.action)).toEqual(['access_request.created', 'invitation.created', 'access_request.approved']);
    expect(audit[2]!.actor_label).toBe('staff@demo.test');
  });

  it('declines without sending anything', async () => {
    await ask('HEIMBAU-10005', 'fatma.yilmaz@demo.test');
    const manager = await login(ctx.app, 'manager@demo.test');
    const [request] = (await manager.request('GET', '/api/access-requests?status=pending')).body;
    const before = ctx.mails.length;
    expect((await manager.request('POST', `/api/access-requests/${request.id}/decline`)).body.status).toBe('declined');
    expect(ctx.mails.length).toBe(before);
    expect((await manager.request('GET', '/api/access-requests?status=pending')).body).toEqual([]);
  });
});
