import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asPlatform } from '../../db/scope.ts';
import { createTestContext, login, type TestContext } from '../../test/app.ts';

let ctx: TestContext;
beforeAll(async () => { ctx = await createTestContext(); });
afterAll(async () => { await ctx.close(); });

const personId = (customerNumber: string) =>
  asPlatform(ctx.deps.db, (tx) => tx.selectFrom('people').select('id').where('customer_number', '=', customerNumber).executeTakeFirstOrThrow()).then((p) => p.id);
const tokenOf = (text: string) => text.match(/\/accept-invitation\?token=([A-Za-z0-9_-]+)/)![1]!;
const publicCall = (method: 'GET' | 'POST', url: string, payload?: object) =>
  ctx.app.inject({ method, url, ...(payload ? { payload } : {}) }).then((r) => ({ status: r.statusCode, body: r.json(), cookie: r.cookies.find((c) => c.name === 'cz_session') }));
const auditActions = (entityId: string) =>
  asPlatform(ctx.deps.db, (tx) => tx.selectFrom('audit_events').select(['action', 'actor_label']).where('entity_id', '=', entityId).orderBy('id').execute());

describe('invitations', () => {
  it('invites a resident, who accepts with a new password, is logged in and can log in again', async () => {
    const manager = await login(ctx.app, 'manager@demo.test');
    const lukas = await personId('HEIMBAU-10002');
    const created = await manager.request('POST', '/api/invitations', { email: 'lukas.gruber@demo.test', role: 'resident', personId: lukas });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email: 'lukas.gruber@demo.test', role: 'resident', personId: lukas, personName: 'Lukas Gruber', status: 'pending' });

    const mail = ctx.mails.at(-1)!;
    expect(mail).toMatchObject({ to: 'lukas.gruber@demo.test', subject: 'Heimbau lädt Sie zu Concierge ein' });
    expect(mail.text).toContain('Michael Berger von Heimbau lädt Sie als Bewohner:in');
    expect(mail.text).toContain(`${ctx.deps.config.publicUrl}/accept-invitation?token=`);
    const token = tokenOf(mail.text);

    expect((await publicCall('GET', `/api/invitations/by-token/${token}`)).body)
      .toEqual({ tenantName: 'Heimbau', email: 'lukas.gruber@demo.test', role: 'resident', existingAccount: false });
    expect((await publicCall('POST', '/api/invitations/accept', { token, password: 'short', displayName: 'Lukas' })).body.error.code).toBe('auth.password_too_short');
    expect((await publicCall('POST', '/api/invitations/accept', { token, password: 'lukas-long-password' })).body.error.code).toBe('invitations.display_name_required');

    const accepted = await publicCall('POST', '/api/invitations/accept', { token, password: 'lukas-long-password', displayName: 'Lukas Gruber' });
    expect(accepted.status).toBe(200);
    expect(accepted.cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    const me = await ctx.app.inject({ method: 'GET', url: '/api/me', cookies: { cz_session: accepted.cookie!.value } });
    expect(me.json()).toMatchObject({ role: 'resident', personId: lukas, tenant: { name: 'Heimbau' }, user: { email: 'lukas.gruber@demo.test', language: 'de' } });

    const again = await login(ctx.app, 'lukas.gruber@demo.test', 'lukas-long-password');
    expect((await again.request('GET', '/api/me')).body.role).toBe('resident');
    expect((await publicCall('POST', '/api/invitations/accept', { token, password: 'lukas-long-password', displayName: 'x' })).body.error.code).toBe('invitations.token_invalid');
    expect((await manager.request('GET', '/api/invitations')).body[0]).toMatchObject({ id: created.body.id, status: 'accepted' });
    expect(await auditActions(created.body.id)).toEqual([
      { action: 'invitation.created', actor_label: 'manager@demo.test' },
      { action: 'invitation.accepted', actor_label: 'lukas.gruber@demo.test' },
    ]);
  });

  it('invites a lock owner for a party, who then manages that party\'s locks', async () => {
    const manager = await login(ctx.app, 'manager@demo.test');
    const party = (await manager.request('POST', '/api/parties', { kind: 'lock_owner', name: 'Ingrid Tor' })).body;
    expect((await manager.request('POST', '/api/invitations', { email: 'ingrid@locks.test', role: 'lock_owner' })).body.error)
      .toMatchObject({ code: 'invitations.party_required', fields: [{ field: 'partyId' }] });
    expect((await manager.request('POST', '/api/invitations', { email: 'ingrid@locks.test', role: 'manager_staff', partyId: party.id })).body.error.code)
      .toBe('invitations.party_not_allowed');
    const regieParty = (await (await login(ctx.app, 'regie@demo.test')).request('POST', '/api/parties', { kind: 'lock_owner', name: 'Autre' })).body;
    expect((await manager.request('POST', '/api/invitations', { email: 'ingrid@locks.test', role: 'lock_owner', partyId: regieParty.id })).status).toBe(404);
    const created = await manager.request('POST', '/api/invitations', { email: 'ingrid@locks.test', role: 'lock_owner', partyId: party.id });
    expect(created.body).toMatchObject({ role: 'lock_owner', partyId: party.id, partyName: 'Ingrid Tor', status: 'pending' });
    expect(ctx.mails.at(-1)!.text).toContain('Schlosseigentümer');
    const accepted = await publicCall('POST', '/api/invitations/accept', { token: tokenOf(ctx.mails.at(-1)!.text), password: 'ingrid-long-password', displayName: 'Ingrid Tor' });
    expect(accepted.status).toBe(200);
    const ingrid = await login(ctx.app, 'ingrid@locks.test', 'ingrid-long-password');
    expect((await ingrid.request('GET', '/api/me')).body.role).toBe('lock_owner');
    expect((await ingrid.request('GET', '/api/lock-account')).body).toMatchObject({ id: party.id, name: 'Ingrid Tor' });
    expect((await ingrid.request('GET', '/api/locks')).body).toEqual([]);
    expect((await ingrid.request('GET', '/api/people')).status).toBe(403);
  });

  it('lets office staff invite residents only, and checks the person and the address', async () => {
    const staff = await login(ctx.app, 'staff@demo.test');
    expect((await staff.request('POST', '/api/invitations', { email: 'new.admin@demo.test', role: 'manager_admin' })).status).toBe(403);
    expect((await staff.request('POST', '/api/invitations', { email: 'x@demo.test', role: 'resident' })).body.error)
      .toMatchObject({ code: 'invitations.person_required', fields: [{ field: 'personId' }] });
    const regiePerson = await personId('REGIELAC-10002');
    expect((await staff.request('POST', '/api/invitations', { email: 'x@demo.test', role: 'resident', personId: regiePerson })).status).toBe(404);
    expect((await staff.request('POST', '/api/invitations', { email: 'resident@demo.test', role: 'resident', personId: await personId('HEIMBAU-10001') })).body.error.code)
      .toBe('invitations.already_member');
    expect((await staff.request('POST', '/api/invitations', { email: 'not-an-address', role: 'resident' })).body.error.fields[0].field).toBe('email');

    const manager = await login(ctx.app, 'manager@demo.test');
    expect((await manager.request('POST', '/api/invitations', { email: 'tech@demo.test', role: 'technician', personId: regiePerson })).body.error.code).toBe('invitations.person_not_allowed');
    expect((await manager.request('POST', '/api/invitations', { email: 'tech@demo.test', role: 'technician' })).status).toBe(201);
    const resident = await login(ctx.app, 'resident@demo.test');
    expect((await resident.request('GET', '/api/invitations')).status).toBe(403);
  });

  it('revokes a pending invitation, whose link then stops working; another tenant gets 404', async () => {
    const manager = await login(ctx.app, 'manager@demo.test');
    const created = await manager.request('POST', '/api/invitations', { email: 'office@demo.test', role: 'manager_staff' });
    const token = tokenOf(ctx.mails.at(-1)!.text);
    const regie = await login(ctx.app, 'regie@demo.test');
    expect((await regie.request('DELETE', `/api/invitations/${created.body.id}`)).status).toBe(404);
    expect((await manager.request('DELETE', `/api/invitations/${created.body.id}`)).status).toBe(200);
    expect((await manager.request('DELETE', `/api/invitations/${created.body.id}`)).body.error.code).toBe('invitations.not_pending');
    expect((await publicCall('GET', `/api/invitations/by-token/${token}`)).status).toBe(404);
    expect((await regie.request('GET', '/api/invitations')).body).toEqual([]);
  });

  it('adds an existing account to a second property manager when its password matches', async () => {
    const regie = await login(ctx.app, 'regie@demo.test');
    expect((await regie.request('POST', '/api/invitations', { email: 'Staff@demo.test', role: 'manager_staff' })).status).toBe(201);
    const mail = ctx.mails.at(-1)!;
    // The account's language (German) wins over the tenant's (French).
    expect(mail.subject).toBe('Régie du Lac lädt Sie zu Concierge ein');
    const token = tokenOf(mail.text);
    expect((await publicCall('GET', `/api/invitations/by-token/${token}`)).body.existingAccount).toBe(true);
    expect((await publicCall('POST', '/api/invitations/accept', { token, password: 'wrong-password' })).body.error.code).toBe('auth.wrong_password');

    const accepted = await publicCall('POST', '/api/invitations/accept', { token, password: 'demo-password' });
    expect(accepted.status).toBe(200);
    const me = (await ctx.app.inject({ method: 'GET', url: '/api/me', cookies: { cz_session: accepted.cookie!.value } })).json();
    expect(me.tenant.name).toBe('Régie du Lac');
    expect(me.role).toBe('manager_staff');
    expect(me.memberships.map((m: { tenantName: string }) => m.tenantName).sort()).toEqual(['Heimbau', 'Régie du Lac']);
  });
});
