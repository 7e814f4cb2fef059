// Device lists (OCPP SendLocalList): the full list, and deltas between versions that carry the
// latest state of each changed tag, with removals as entries without idTagInfo.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../../db/scope.ts';
import type { CredentialStatus } from '../../db/schema.ts';
import { createTestContext, login, type Session, type TestContext } from '../../test/app.ts';
import { demoIds } from '../credentials/credentials.fixtures.ts';
import { changeCredentialStatus } from '../credentials/credentials.lifecycle.ts';
import { deviceList, type DeviceList } from './authorization.devicelists.ts';
import { addBadge } from './authorization.testing.ts';

let ctx: TestContext;
let heimbau: string;
let regie: string;
let anna: string;
let camille: string;
let staff: Session;

beforeAll(async () => {
  ctx = await createTestContext({ demoWallets: false });
  const ids = await demoIds(ctx.deps.db);
  [heimbau, regie] = [ids.heimbau, ids.regie];
  [anna, camille] = [ids.people['HEIMBAU-10001']!, ids.people['REGIELAC-10001']!];
  staff = await login(ctx.app, 'staff@demo.test');
});
afterAll(async () => { await ctx?.close(); });

const list = (since: number | null) => inTenant(ctx.deps.db, heimbau, (tx) => deviceList(tx, heimbau, since));
const change = (id: string, to: CredentialStatus) => inTenant(ctx.deps.db, heimbau, (tx) =>
  changeCredentialStatus(tx, heimbau, id, to, { userId: null, actor: 'staff', reason: null, now: new Date() }));
const byTag = (l: DeviceList) => Object.fromEntries(l.entries.map((e) => [e.idTag, e.idTagInfo ?? 'remove']));

describe('device lists', () => {
  it('gives a device without a list everything listed, and one that holds a version the changes since', async () => {
    await addBadge(ctx.deps.db, heimbau, { idTag: '04D10000000000', personId: anna });
    const start = await list(null);
    expect(start.updateType).toBe('Full');
    expect(byTag(start)['04D10000000000']).toEqual({ status: 'Accepted' });
    const expiry = new Date('2031-12-31T23:00:00.000Z');
    const a = await addBadge(ctx.deps.db, heimbau, { idTag: '04D1000000000A', personId: anna });
    const b = await addBadge(ctx.deps.db, heimbau, { idTag: '04D1000000000B', personId: anna, validUntil: expiry });
    const c = await addBadge(ctx.deps.db, heimbau, { idTag: '04D1000000000C', personId: anna, status: 'awaiting_fee' });
    await addBadge(ctx.deps.db, heimbau, { idTag: 'F0B0000000000000000000001', personId: anna, type: 'fob' }); // 25 characters: no OCPP idTag
    await addBadge(ctx.deps.db, regie, { idTag: '04D1000000000E', personId: camille });

    const first = await list(start.version);
    expect(first.updateType).toBe('Differential');
    expect(first.version).toBe(start.version + 4);
    expect(byTag(first)).toEqual({
      '04D1000000000A': { status: 'Accepted' },
      '04D1000000000B': { status: 'Accepted', expiryDate: '2031-12-31T23:00:00.000Z' },
      '04D1000000000C': { status: 'Blocked' },
    });

    // Several changes of one tag reach the device as its latest state only.
    const d = await addBadge(ctx.deps.db, heimbau, { idTag: '04D1000000000D', personId: anna });
    await change(a.id, 'lost');
    await change(b.id, 'returned');
    await change(c.id, 'active');
    await change(c.id, 'blocked');
    await change(c.id, 'active');
    await change(d.id, 'returned');
    const second = await list(first.version);
    expect(second).toMatchObject({ updateType: 'Differential', version: first.version + 7 });
    expect(second.entries.map((e) => e.idTag)).toEqual(['04D1000000000A', '04D1000000000B', '04D1000000000C', '04D1000000000D']);
    expect(byTag(second)).toEqual({
      '04D1000000000A': { status: 'Blocked' },
      '04D1000000000B': 'remove',
      '04D1000000000C': { status: 'Accepted' },
      '04D1000000000D': 'remove',
    });

    const full = await list(null);
    expect(full).toMatchObject({ updateType: 'Full', version: second.version });
    const tags = byTag(full);
    expect(tags['04D1000000000A']).toEqual({ status: 'Blocked' });
    expect(tags['04D1000000000C']).toEqual({ status: 'Accepted' });
    for (const gone of ['04D1000000000B', '04D1000000000D', '04D1000000000E', 'F0B0000000000000000000001']) expect(tags[gone], gone).toBeUndefined();
    expect(full.entries.every((e) => e.idTagInfo && e.idTag.length <= 20)).toBe(true);

    // Up to date: nothing to send. A version we never issued (a restored database): start over.
    expect(await list(second.version)).toEqual({ version: second.version, updateType: 'Differential', entries: [] });
    expect(await list(second.version + 100)).toEqual(full);
    expect(await list(0)).toEqual(full);
  });

  it('is served to staff at /api/device-lists', async () => {
    const full = await staff.request('GET', '/api/device-lists');
    expect(full.status).toBe(200);
    expect(full.body).toEqual(await list(null));
    const delta = await staff.request('GET', `/api/device-lists?since=${full.body.version - 1}`);
    expect(delta.body).toEqual(await list(full.body.version - 1));
    expect(delta.body.updateType).toBe('Differential');
    expect(delta.body.entries).toHaveLength(1);
    for (const bad of ['-1', 'abc', '1.5']) expect((await staff.request('GET', `/api/device-lists?since=${bad}`)).status, bad).toBe(400);
    const regieStaff = await login(ctx.app, 'regie@demo.test');
    const regieList = await regieStaff.request('GET', '/api/device-lists');
    expect(regieList.body.entries.map((e: { idTag: string }) => e.idTag)).toContain('04D1000000000E');
    expect(regieList.body.entries.map((e: { idTag: string }) => e.idTag)).not.toContain('04D1000000000A');
  });
});
