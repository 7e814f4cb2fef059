// A resident and their own credentials: report a badge lost (it stops working at once: devices
// learn it from the change log and every process from NOTIFY), add and revoke a phone, set a PIN.
// Nobody else's credentials exist for them.
import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../../db/scope.ts';
import type { TenantActor } from '../../http/actor.ts';
import { createTestContext, login, type Session, type TestContext } from '../../test/app.ts';
import { CREDENTIALS_CHANNEL } from './credentials.repository.ts';
import { addStock, demoIds, listChanges } from './credentials.fixtures.ts';
import { MAX_PHONES, setPin } from './credentials.own.usecases.ts';

let ctx: TestContext;
let staff: Session;
let anna: Session;
let ids: Awaited<ReturnType<typeof demoIds>>;
let annaBadge: string;
let lukasBadge: string;

beforeAll(async () => {
  ctx = await createTestContext();
  ids = await demoIds(ctx.deps.db);
  [staff, anna] = await Promise.all([login(ctx.app, 'staff@demo.test'), login(ctx.app, 'resident@demo.test')]);
  await addStock(ctx.deps.db, ids.heimbau, [{ uid: '04A224B2C35E80', label: 'ID*heimbau*1001' }, { uid: '04A224B2C35E81', label: 'ID*heimbau*1002' }]);
  const issue = async (customer: string) => (await staff.request('POST', '/api/credentials/orders', { personId: ids.people[customer], fulfil: {}, waiveFeeReason: 'Erstausstattung' })).body.id as string;
  annaBadge = await issue('HEIMBAU-10001');
  lukasBadge = await issue('HEIMBAU-10002');
});
afterAll(async () => { await ctx?.close(); });

/** Collects what is announced on the credentials channel, on PGlite or PostgreSQL alike. */
async function listen(): Promise<{ payloads: string[]; stop(): Promise<void> }> {
  const payloads: string[] = [];
  if (ctx.handle.pglite) {
    const stop = await ctx.handle.pglite.listen(CREDENTIALS_CHANNEL, (payload) => payloads.push(payload));
    return { payloads, stop };
  }
  const client = new pg.Client({ connectionString: ctx.handle.connectionString });
  await client.connect();
  client.on('notification', (n) => payloads.push(n.payload ?? ''));
  await client.query(`LISTEN ${CREDENTIALS_CHANNEL}`);
  return { payloads, stop: () => client.end() };
}

const mine = async (session: Session) => (await session.request('GET', '/api/me/credentials')).body as { id: string; type: string; status: string; uid: string | null; label: string | null }[];

describe('reporting a badge lost', () => {
  it('stops the resident\'s own badge at once: its state, its history, the device lists and a notice to every process', async () => {
    expect((await mine(anna)).map((c) => [c.id, c.status])).toEqual([[annaBadge, 'active']]);
    const listener = await listen();
    const lost = await anna.request('POST', `/api/me/credentials/${annaBadge}/report-lost`, { reason: 'Im Bus verloren' });
    expect(lost).toMatchObject({ status: 200, body: { status: 'lost', uid: '04A224B2C35E80' } });
    await expect.poll(() => listener.payloads).toContain(`${ids.heimbau}:04A224B2C35E80`);
    await listener.stop();
    expect((await listChanges(ctx.deps.db, ids.heimbau, '04A224B2C35E80')).at(-1)!.status).toBe('Blocked');
    const { history } = (await staff.request('GET', `/api/credentials/${annaBadge}`)).body;
    expect(history.at(-1)).toMatchObject({ actor: 'resident', fromStatus: 'active', toStatus: 'lost', reason: 'Im Bus verloren' });
    // Lost is final: neither the resident nor staff bring it back.
    expect((await anna.request('POST', `/api/me/credentials/${annaBadge}/report-lost`, {})).body.error.code).toBe('credentials.illegal_transition');
    expect((await staff.request('POST', `/api/credentials/${annaBadge}/unblock`, {})).body.error.code).toBe('credentials.illegal_transition');
  });

  it('refuses a badge that is not the resident\'s own, and staff', async () => {
    expect(await anna.request('POST', `/api/me/credentials/${lukasBadge}/report-lost`, {})).toMatchObject({ status: 404, body: { error: { code: 'credentials.not_found' } } });
    expect((await anna.request('POST', `/api/me/credentials/${randomUUID()}/report-lost`, {})).status).toBe(404);
    const camille = await login(ctx.app, 'resident.ch@demo.test');
    expect((await camille.request('POST', `/api/me/credentials/${lukasBadge}/report-lost`, {})).status).toBe(404);
    expect((await staff.request('POST', `/api/me/credentials/${lukasBadge}/report-lost`, {})).body.error.code).toBe('credentials.no_person');
    expect((await staff.request('GET', `/api/credentials/${lukasBadge}`)).body.credential.status).toBe('active');
  });
});

describe('phones', () => {
  it('issues a phone credential whose idTag is shown once, and revokes it', async () => {
    const added = await anna.request('POST', '/api/me/credentials/phone', { name: '  Annas Pixel ' });
    expect(added).toMatchObject({ status: 201, body: { credential: { type: 'phone', label: 'Annas Pixel', status: 'active', uid: null } } });
    expect(added.body.idTag).toMatch(/^PH[0-9A-F]{18}$/);
    expect(added.body.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    const id = added.body.credential.id;
    // Afterwards the tag is nowhere to be read.
    expect(JSON.stringify(await mine(anna))).not.toContain(added.body.idTag);
    expect(JSON.stringify((await staff.request('GET', `/api/credentials/${id}`)).body)).not.toContain(added.body.idTag);
    expect((await listChanges(ctx.deps.db, ids.heimbau, added.body.idTag)).map((c) => c.status)).toEqual(['Accepted']);

    expect((await anna.request('POST', `/api/me/credentials/${annaBadge}/revoke`)).body.error.code).toBe('credentials.wrong_type');
    expect((await anna.request('POST', `/api/me/credentials/${id}/report-lost`, {})).body.error.code).toBe('credentials.wrong_type');
    expect((await anna.request('POST', `/api/me/credentials/${id}/revoke`)).body).toMatchObject({ status: 'returned' });
    expect((await listChanges(ctx.deps.db, ids.heimbau, added.body.idTag)).map((c) => c.status)).toEqual(['Accepted', null]);
    expect((await anna.request('POST', `/api/me/credentials/${id}/revoke`)).body.error.code).toBe('credentials.illegal_transition');
  });

  it(`allows ${MAX_PHONES} phones at once`, async () => {
    for (let i = 0; i < MAX_PHONES; i++) expect((await anna.request('POST', '/api/me/credentials/phone', { name: `Phone ${i}` })).status).toBe(201);
    expect((await anna.request('POST', '/api/me/credentials/phone', { name: 'One more' })).body.error.code).toBe('credentials.too_many_phones');
    expect((await anna.request('POST', '/api/me/credentials/phone', { name: '' })).status).toBe(400);
  });
});

describe('PIN codes', () => {
  it('stores a PIN only as its keyed hash, changes it in place and refuses one taken by a neighbour', async () => {
    expect((await anna.request('PUT', '/api/me/credentials/pin', { pin: '12a4' })).body.error.code).toBe('credentials.bad_pin');
    expect((await anna.request('PUT', '/api/me/credentials/pin', { pin: '123' })).body.error.code).toBe('credentials.bad_pin');
    expect((await anna.request('PUT', '/api/me/credentials/pin', { pin: '123456789' })).body.error.code).toBe('credentials.bad_pin');
    const first = await anna.request('PUT', '/api/me/credentials/pin', { pin: '2580' });
    expect(first).toMatchObject({ status: 200, body: { type: 'pin', status: 'active', uid: null, label: null } });
    const stored = await inTenant(ctx.deps.db, ids.heimbau, (tx) => tx.selectFrom('credentials').select('id_tag').where('id', '=', first.body.id).executeTakeFirstOrThrow());
    expect(stored.id_tag).toMatch(/^PIN[0-9A-F]{17}$/);
    expect(stored.id_tag).not.toContain('2580');

    const changed = await anna.request('PUT', '/api/me/credentials/pin', { pin: '13579' });
    expect(changed.body).toMatchObject({ id: first.body.id, status: 'active' });
    // The old PIN left the device lists; the new one is on them.
    expect((await listChanges(ctx.deps.db, ids.heimbau, stored.id_tag!)).map((c) => c.status)).toEqual(['Accepted', null]);
    expect((await mine(anna)).filter((c) => c.type === 'pin')).toHaveLength(1);

    const lukas = { tenantId: ids.heimbau, role: 'resident', personId: ids.people['HEIMBAU-10002'], userId: randomUUID(), email: 'x', displayName: 'x', via: 'token' } as TenantActor;
    await expect(setPin(ctx.deps, lukas, '13579')).rejects.toMatchObject({ code: 'credentials.pin_taken' });
    // Anna's former PIN is free again.
    expect((await setPin(ctx.deps, lukas, '2580')).type).toBe('pin');
  });

  it('keeps a PIN blocked by staff blocked when its holder changes it', async () => {
    const pin = (await mine(anna)).find((c) => c.type === 'pin')!;
    await staff.request('POST', `/api/credentials/${pin.id}/block`, { reason: 'Weitergegeben' });
    expect((await anna.request('PUT', '/api/me/credentials/pin', { pin: '97531' })).body).toMatchObject({ id: pin.id, status: 'blocked' });
  });

  it('limits how often one login tries PINs, so taken PINs cannot be searched for', async () => {
    const codes: string[] = [];
    for (let i = 0; i < 12; i++) codes.push((await anna.request('PUT', '/api/me/credentials/pin', { pin: `${8000 + i}` })).body.error?.code ?? 'ok');
    expect(codes.at(-1)).toBe('request.rate_limited');
    // Counted per login, not per address: a neighbour on the same network is not held up.
    const camille = await login(ctx.app, 'resident.ch@demo.test');
    expect((await camille.request('PUT', '/api/me/credentials/pin', { pin: '8000' })).status).toBe(200);
  });
});
