// Auto-registration: a new badge works at its first tap where the manager allows it, linked to a
// new empty account; everywhere else an unknown tag stays unknown.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../../db/scope.ts';
import { createTestContext, login, type TestContext } from '../../test/app.ts';
import { uploadCsv } from '../badgestock/badgestock.testing.ts';
import { addStock, demoIds, stockCount } from '../credentials/credentials.fixtures.ts';
import { history } from '../credentials/credentials.repository.ts';
import { startAuthorization } from './authorization.runtime.ts';
import { invalidationOf } from './authorization.testing.ts';
import type { Purpose } from './authorization.types.ts';
import { authorize } from './authorization.usecases.ts';

let ctx: TestContext;
let heimbau: string;
let regie: string;

beforeAll(async () => {
  ctx = await createTestContext({ demoWallets: false });
  ({ heimbau, regie } = await demoIds(ctx.deps.db));
  await addStock(ctx.deps.db, heimbau, [
    { uid: '04E10000000001', label: 'ID*heimbau*5001' }, { uid: '04E10000000002', label: 'ID*heimbau*5002' },
    { uid: '04E10000000003', label: 'ID*heimbau*5003' }, { uid: '04E10000000004', label: 'ID*heimbau*5004' },
  ]);
});
afterAll(async () => { await ctx?.close(); });

const tap = (tenantId: string, idTag: string, purpose: Purpose, deviceId = 'WASCH-1') => authorize(ctx.deps, { tenantId, deviceId, purpose, idTag });

function registered(tenantId: string, idTag: string) {
  return inTenant(ctx.deps.db, tenantId, (tx) => tx.selectFrom('credentials').innerJoin('people', (j) => j.onRef('people.tenant_id', '=', 'credentials.tenant_id').onRef('people.id', '=', 'credentials.person_id'))
    .select(['credentials.id', 'credentials.status', 'credentials.origin', 'credentials.label', 'credentials.type', 'credentials.technology',
      'people.id as person_id', 'people.first_name', 'people.last_name', 'people.language', 'people.auto_registered', 'people.customer_number'])
    .where('credentials.tenant_id', '=', tenantId).where('credentials.id_tag', '=', idTag).execute());
}

async function setAutoRegister(tenantId: string, settings: { auto_register_laundry?: boolean; auto_register_charging?: boolean }) {
  await inTenant(ctx.deps.db, tenantId, (tx) => tx.insertInto('tenant_settings').values({ tenant_id: tenantId, ...settings })
    .onConflict((oc) => oc.column('tenant_id').doUpdateSet(settings)).execute());
}

describe('auto-registration', () => {
  it('registers a stock badge at its first tap in a laundry room, with a new empty account', async () => {
    const stockBefore = await stockCount(ctx.deps.db, heimbau);
    const answer = await tap(heimbau, '04:e1:00:00:00:00:01', 'laundry');
    expect(answer).toMatchObject({ status: 'Accepted', reason: null, walletId: null, balanceMinor: 0, currency: 'EUR' });
    const [row] = await registered(heimbau, '04E10000000001');
    expect(row).toMatchObject({
      id: answer.credentialId, person_id: answer.personId, status: 'active', origin: 'auto', label: 'ID*heimbau*5001', type: 'rfid',
      technology: 'mifare_classic', first_name: '', last_name: 'Badge ID*heimbau*5001', language: 'de', auto_registered: true,
    });
    expect(row!.customer_number).toMatch(/^HEIMBAU-\d+$/);
    expect(await stockCount(ctx.deps.db, heimbau)).toBe(stockBefore - 1);
    const events = await inTenant(ctx.deps.db, heimbau, (tx) => history(tx, heimbau, row!.id));
    expect(events).toEqual([expect.objectContaining({ actor: 'terminal:WASCH-1', from_status: null, to_status: 'active' })]);
    expect(await tap(heimbau, '04E10000000001', 'laundry')).toMatchObject({ status: 'Accepted', credentialId: row!.id });
  });

  it('follows the manager\'s setting per purpose (charging off by default, never for locks)', async () => {
    expect(await tap(heimbau, '04E10000000002', 'charging')).toMatchObject({ status: 'Invalid', reason: 'unknown' });
    expect(await tap(heimbau, '04E10000000002', 'lock')).toMatchObject({ status: 'Invalid', reason: 'unknown' });
    expect(await registered(heimbau, '04E10000000002')).toEqual([]);

    await setAutoRegister(heimbau, { auto_register_charging: true, auto_register_laundry: false });
    // Settings change without a notification: an unknown tag is looked at again after 30 seconds.
    ctx.clock.advance(30_001);
    expect(await tap(heimbau, '04E10000000002', 'charging')).toMatchObject({ status: 'Accepted' });
    expect(await tap(heimbau, '04E10000000003', 'laundry')).toMatchObject({ status: 'Invalid', reason: 'unknown' });
    await setAutoRegister(heimbau, { auto_register_charging: false, auto_register_laundry: true });
    ctx.clock.advance(30_001);
  });

  it('registers an unknown badge only where the owner makes statements: where the platform bills, only its badges work', async () => {
    expect(await tap(heimbau, '04E1FFFFFFFF01', 'laundry')).toMatchObject({ status: 'Invalid', reason: 'unknown' });
    expect(await registered(heimbau, '04E1FFFFFFFF01')).toEqual([]);

    const answer = await tap(regie, '04E1FFFFFFFF01', 'laundry', 'BUANDERIE');
    expect(answer).toMatchObject({ status: 'Accepted', currency: 'CHF' });
    expect(await registered(regie, '04E1FFFFFFFF01')).toEqual([expect.objectContaining({
      origin: 'auto', label: null, last_name: 'Badge 04E1FFFFFFFF01', language: 'fr', auto_registered: true,
    })]);
    // Not a badge UID (4, 7 or 10 bytes): nothing to register.
    expect(await tap(regie, 'NOTAUID', 'laundry')).toMatchObject({ status: 'Invalid', reason: 'unknown' });
    expect(await registered(regie, 'NOTAUID')).toEqual([]);
  });

  it('registers a badge at once after the import that put it in stock, though the tap before found it unknown', async () => {
    expect(await tap(heimbau, '04E10000000009', 'laundry')).toMatchObject({ status: 'Invalid', reason: 'unknown' });
    expect(await tap(heimbau, '04E10000000009', 'laundry')).toMatchObject({ status: 'Invalid', cached: true });
    const staff = await login(ctx.app, 'staff@demo.test');
    const forgotten = invalidationOf(ctx.deps.authorization.cache, `${heimbau}:04E10000000009`);
    const imported = await uploadCsv(ctx.app, staff, 'uid;label\n04E10000000009;ID*heimbau*5009\n', { fileName: 'nachlieferung.csv' });
    expect(imported.status).toBe(201);
    await forgotten;
    expect(await tap(heimbau, '04E10000000009', 'laundry')).toMatchObject({ status: 'Accepted', reason: null });
  });

  it('registers a badge once when it is tapped at several terminals and servers at the same moment', async () => {
    const other = await startAuthorization(ctx.handle);
    try {
      const taps = Array.from({ length: 8 }, (_, i) => authorize({ ...ctx.deps, authorization: i % 2 ? other : ctx.deps.authorization },
        { tenantId: heimbau, deviceId: `WASCH-${i}`, purpose: 'laundry', idTag: '04E10000000004' }));
      const answers = await Promise.all(taps);
      expect(answers.map((a) => a.status + ':' + a.reason)).toEqual(answers.map(() => 'Accepted:null'));
      expect(new Set(answers.map((a) => a.credentialId)).size).toBe(1);
      const rows = await registered(heimbau, '04E10000000004');
      expect(rows).toHaveLength(1);
      const people = await inTenant(ctx.deps.db, heimbau, (tx) => tx.selectFrom('people').select('id').where('tenant_id', '=', heimbau)
        .where('last_name', '=', 'Badge ID*heimbau*5004').execute());
      expect(people).toHaveLength(1);
    } finally {
      await other.close();
    }
  });
});
