// The two operating modes: where the owner makes its own statements (Régie du Lac), staff
// register a badge the building already uses, and it works at once without a fee; where
// Concierge bills and collects (Heimbau), only platform badges work.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asPlatform, inTenant } from '../../db/scope.ts';
import { createTestContext, login, type Session, type TestContext } from '../../test/app.ts';
import { uploadCsv } from './badgestock.testing.ts';

let ctx: TestContext;
let regie: Session;
let heimbau: Session;
let regieTenant: string;
let camille: string;

beforeAll(async () => {
  ctx = await createTestContext();
  [regie, heimbau] = await Promise.all([login(ctx.app, 'regie@demo.test'), login(ctx.app, 'staff@demo.test')]);
  regieTenant = (await asPlatform(ctx.deps.db, (tx) => tx.selectFrom('tenants').select('id').where('short_code', '=', 'regielac').executeTakeFirstOrThrow())).id;
  camille = (await regie.request('GET', '/api/people?search=Favre')).body[0].id;
});
afterAll(async () => { await ctx?.close(); });

const register = (session: Session, personId: string, body: object) => session.request('POST', `/api/people/${personId}/building-badges`, body);

describe('building badges', () => {
  it('registers a door badge as an active credential, without a fee, with its history and a device-list entry', async () => {
    const res = await register(regie, camille, { uid: '04:11:22:33:44:55:66', label: 'Porte A-12' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ personId: camille, type: 'rfid', uid: '04112233445566', technology: 'mifare_classic', label: 'Porte A-12', status: 'active', origin: 'building' });

    const stored = await inTenant(ctx.deps.db, regieTenant, async (tx) => ({
      credential: await tx.selectFrom('credentials').selectAll().where('tenant_id', '=', regieTenant).where('id', '=', res.body.id).executeTakeFirstOrThrow(),
      events: await tx.selectFrom('credential_events').selectAll().where('tenant_id', '=', regieTenant).where('credential_id', '=', res.body.id).execute(),
      listed: await tx.selectFrom('credential_list_changes').selectAll().where('tenant_id', '=', regieTenant).where('credential_id', '=', res.body.id).execute(),
      fees: await tx.selectFrom('fees').select('id').where('tenant_id', '=', regieTenant).where('person_id', '=', camille).execute(),
    }));
    expect(stored.credential).toMatchObject({ fee_id: null, origin: 'building', status: 'active' });
    expect(stored.events).toEqual([expect.objectContaining({ from_status: null, to_status: 'active', actor: 'staff:regie@demo.test', reason: 'building badge registered' })]);
    expect(stored.listed).toEqual([expect.objectContaining({ id_tag: '04112233445566', status: 'Accepted' })]);
    expect(stored.fees).toEqual([]);
    const audit = await regie.request('GET', '/api/audit?action=credential.building_badge_registered');
    expect(audit.body.events[0]).toMatchObject({ entityId: res.body.id, after: { idTag: '04112233445566', personId: camille } });
  });

  it('refuses DESFire and T=CL badges, saying why', async () => {
    const desfire = await register(regie, camille, { uid: '04AABBCCDDEE01', technology: 'desfire' });
    expect(desfire.status).toBe(400);
    expect(desfire.body.error).toMatchObject({ code: 'credentials.unsupported_technology', fields: [{ field: 'technology' }] });
    expect(desfire.body.error.message).toMatch(/DESFire badges are not supported: the terminals read MIFARE Classic/);
    const tcl = await register(regie, camille, { uid: '04AABBCCDDEE02', technology: 'T=CL' });
    expect(tcl.body.error.message).toMatch(/T=CL .* not supported/);
    expect((await register(regie, camille, { uid: '04AABBCC' + 'DDEE0' })).body.error.code).toBe('credentials.bad_uid');
  });

  it('refuses a UID the tenant already has, as a credential or in stock, and a label already printed', async () => {
    expect((await register(regie, camille, { uid: '04112233445566' })).body.error.code).toBe('credentials.duplicate_uid');
    expect((await uploadCsv(ctx.app, regie, 'uid;label\n04998877665544;ID*regielac*1\n')).status).toBe(201);
    expect((await register(regie, camille, { uid: '04-99-88-77-66-55-44' })).body.error.code).toBe('credentials.in_stock');
    const label = await register(regie, camille, { uid: '04112233445567', label: 'ID*regielac*1' });
    expect(label.status).toBe(409);
    expect(label.body.error.code).toBe('credentials.duplicate_label');
  });

  it('is refused where Concierge bills and collects: only platform badges work there', async () => {
    const anna = (await heimbau.request('GET', '/api/people?search=Huber')).body[0].id;
    const res = await register(heimbau, anna, { uid: '04112233445599' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('credentials.platform_badges_only');
    // The same UID a Régie du Lac building badge has is not Heimbau's concern either way.
    expect((await register(heimbau, anna, { uid: '04112233445566' })).body.error.code).toBe('credentials.platform_badges_only');
  });

  it('answers 404 for a person of another property manager, before anything else', async () => {
    const anna = (await heimbau.request('GET', '/api/people?search=Huber')).body[0].id;
    const res = await register(regie, anna, { uid: '04112233445569' });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('people.not_found');
  });

  it('is staff work', async () => {
    const resident = await login(ctx.app, 'resident.ch@demo.test');
    expect((await register(resident, camille, { uid: '04112233445568' })).status).toBe(403);
  });
});
