// Badge lists through the API: a manager's office imports into its own stock, the operator
// assigns a supplier's list to managers; a file with any bad row is refused whole with the rows
// named; the stock, the import history and the operator's cross-tenant duplicates list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asPlatform, inTenant } from '../../db/scope.ts';
import { createTestContext, login, type Session, type TestContext } from '../../test/app.ts';
import { fixture } from './fixtures/fixtures.ts';
import { uploadCsv } from './badgestock.testing.ts';

let ctx: TestContext;
let staff: Session;
let regie: Session;
let operator: Session;
const tenantIds: Record<string, string> = {};

beforeAll(async () => {
  ctx = await createTestContext();
  [staff, regie, operator] = await Promise.all([login(ctx.app, 'staff@demo.test'), login(ctx.app, 'regie@demo.test'), login(ctx.app, 'operator@demo.test')]);
  for (const t of await asPlatform(ctx.deps.db, (tx) => tx.selectFrom('tenants').select(['id', 'short_code']).execute())) tenantIds[t.short_code] = t.id;
});
afterAll(async () => { await ctx?.close(); });

const upload = (session: Session, body: string | Buffer, options: Parameters<typeof uploadCsv>[3] = {}) => uploadCsv(ctx.app, session, body, options);

async function stockOf(shortCode: string) {
  const tenantId = tenantIds[shortCode]!;
  return inTenant(ctx.deps.db, tenantId, (tx) => tx.selectFrom('badge_stock').select(['id_tag', 'label']).where('tenant_id', '=', tenantId).orderBy('label').execute());
}

describe('a manager imports badges into its own stock', () => {
  it('imports the example file (BOM, ;, CRLF, UIDs with separators) and lists it', async () => {
    const res = await upload(staff, fixture('heimbau-badges.csv'), { fileName: 'Lieferung März.csv' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ rowCount: 4, imports: [{ manager: { shortCode: 'heimbau', name: 'Heimbau' }, badgeCount: 4 }] });
    expect(await stockOf('heimbau')).toEqual(expect.arrayContaining([
      { id_tag: '045A11C27E8001', label: 'ID*heimbau*5001' }, { id_tag: '045A11C27E8003', label: 'ID*heimbau*5003' }, { id_tag: '5A11C204', label: 'ID*heimbau*5004' },
    ]));

    const history = await staff.request('GET', '/api/badge-stock/imports');
    expect(history.body[0]).toMatchObject({ id: res.body.imports[0].id, fileName: 'Lieferung März.csv', badgeCount: 4, inStock: 4, importedBy: 'staff@demo.test', byOperator: false });

    const found = await staff.request('GET', '/api/badge-stock?search=5a:11:c2:7e:80:02');
    expect(found.body).toMatchObject({ total: 1, badges: [{ uid: '045A11C27E8002', label: 'ID*heimbau*5002', technology: 'mifare_classic', fileName: 'Lieferung März.csv' }] });
    expect((await staff.request('GET', '/api/badge-stock?search=heimbau*500')).body.total).toBe(4);
    expect((await staff.request('GET', '/api/badge-stock?search=nothing-like-this')).body).toMatchObject({ total: 0, badges: [] });

    const audit = await staff.request('GET', '/api/audit?action=badge_stock.imported');
    expect(audit.body.events[0]).toMatchObject({ actor: 'staff@demo.test', entityType: 'badge_import', entityId: res.body.imports[0].id, after: { badgeCount: 4, fileName: 'Lieferung März.csv' } });
  });

  it('refuses the whole file when any row is wrong, naming every bad row; nothing is imported', async () => {
    const before = await stockOf('heimbau');
    const csv = [
      'uid;label;technology',
      '04C1D2E3F40001;ID*heimbau*7001;mifare_classic', // fine
      '04C1D2E3F4000;ID*heimbau*7002;', // 13 hex digits
      '04C1D2E3F40003;ID*heimbau*7003;desfire',
      '04:C1:D2:E3:F4:00:01;ID*heimbau*7004;', // line 2 again
      '045A11C27E8001;ID*heimbau*7005;', // in stock since the first test
      '04C1D2E3F40006;ID*heimbau*5001;', // label in stock
      '04C1D2E3F40007;;', // no label
      '04C1D2E3F40008;ID*heimbau*7001;', // label of line 2
    ].join('\n');
    const res = await upload(staff, csv);
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'badgestock.import_refused', message: '7 of 8 rows are wrong; nothing was imported. Correct them and import the whole file again' });
    expect(res.body.report.problems.map((p: { line: number; field: string; code: string }) => `${p.line} ${p.field} ${p.code}`)).toEqual([
      '3 uid credentials.bad_uid',
      '4 technology credentials.unsupported_technology',
      '5 uid badgestock.uid_repeated',
      '6 uid badgestock.uid_in_stock',
      '7 label badgestock.label_in_stock',
      '8 label badgestock.label_missing',
      '9 label badgestock.label_repeated',
    ]);
    expect(res.body.report.problems[1].message).toMatch(/DESFire badges are not supported/);
    expect(res.body.report.problems[2]).toMatchObject({ value: '04:C1:D2:E3:F4:00:01', firstLine: 2 });
    expect(await stockOf('heimbau')).toEqual(before);
    expect((await staff.request('GET', '/api/badge-stock/imports')).body).toHaveLength(1);
  });

  it('refuses a UID or label already issued as a credential of the tenant, but not one of another tenant', async () => {
    const personId = (await staff.request('GET', '/api/people')).body[0].id;
    await inTenant(ctx.deps.db, tenantIds.heimbau!, (tx) => tx.insertInto('credentials').values({
      tenant_id: tenantIds.heimbau!, type: 'rfid', id_tag: '04D00000000001', technology: 'mifare_classic', label: 'ID*heimbau*8001',
      person_id: personId, status: 'active', origin: 'platform', valid_until: null, fee_id: null, request_id: null,
    }).execute());
    const res = await upload(staff, 'uid;label\n04D00000000001;ID*heimbau*8002\n04D00000000003;ID*heimbau*8001\n');
    expect(res.status).toBe(422);
    expect(res.body.report.problems.map((p: { line: number; code: string }) => [p.line, p.code])).toEqual([[2, 'badgestock.uid_issued'], [3, 'badgestock.label_issued']]);

    // Régie du Lac may hold the same UID: UIDs are unique per property manager.
    const other = await upload(regie, 'uid,label\n04D00000000001,ID*regielac*8001\n');
    expect(other.status, JSON.stringify(other.body)).toBe(201);
  });

  it('accepts its own short code in a manager column and refuses another manager', async () => {
    const res = await upload(staff, 'uid;label;manager\n04E00000000001;ID*heimbau*9001;heimbau\n04E00000000002;ID*heimbau*9002;regielac\n');
    expect(res.status).toBe(422);
    expect(res.body.report.problems).toEqual([expect.objectContaining({ line: 3, field: 'manager', code: 'badgestock.manager_foreign' })]);
  });

  it('reads a Windows-1252 file with a comma', async () => {
    const res = await upload(regie, Buffer.from('uid,label\n04E10000000001,ID*r\xe9gie*1\n', 'latin1'), { contentType: 'application/vnd.ms-excel' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect((await regie.request('GET', '/api/badge-stock?search=régie')).body.badges[0]).toMatchObject({ uid: '04E10000000001', label: 'ID*régie*1' });
  });

  it('refuses a file over 5 MB, an unreadable header and a malformed file with a clear error', async () => {
    const big = 'uid;label\n' + '04E20000000001;ID*heimbau*1\n'.repeat(200_000);
    const tooBig = await upload(staff, big);
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error).toMatchObject({ code: 'badgestock.file_too_large', message: 'A badge list may be at most 5 MB; split the file' });

    const header = await upload(staff, 'UID;Bezeichnung\n04E20000000001;x\n');
    expect(header.status).toBe(400);
    expect(header.body.error).toMatchObject({ code: 'badgestock.bad_header', message: expect.stringContaining('Unknown column "bezeichnung"') });

    const quote = await upload(staff, 'uid;label\n04E20000000001;"ID\n');
    expect(quote.body.error).toMatchObject({ code: 'badgestock.malformed', message: expect.stringContaining('line 2') });
    expect((await upload(staff, '')).status).toBe(400);
    expect((await upload(staff, 'uid;label\n04E20000000001;x\n', { contentType: 'application/json' })).status).toBe(400);
  });

  it('is for the manager\'s office only', async () => {
    const resident = await login(ctx.app, 'resident@demo.test');
    expect((await upload(resident, 'uid;label\n04E30000000001;x\n')).status).toBe(403);
    expect((await resident.request('GET', '/api/badge-stock')).status).toBe(403);
    expect((await resident.request('GET', '/api/badge-stock/imports')).status).toBe(403);
    expect((await upload(operator, 'uid;label\n04E30000000001;x\n')).status).toBe(403);
    expect((await upload(staff, 'uid;label;manager\n04E30000000001;x;heimbau\n', { url: '/api/operator/badge-stock/imports' })).status).toBe(403);
    expect((await staff.request('GET', '/api/operator/badges/duplicates')).status).toBe(403);
  });
});

describe('the operator imports and assigns badges to managers', () => {
  it('assigns each row to the manager it names, in one go', async () => {
    const res = await upload(operator, fixture('operator-badges.csv'), { url: '/api/operator/badge-stock/imports', fileName: 'supplier-2025-03.csv' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.rowCount).toBe(4);
    expect(res.body.imports.map((i: { manager: { shortCode: string }; badgeCount: number }) => [i.manager.shortCode, i.badgeCount]).sort()).toEqual([['heimbau', 2], ['regielac', 2]]);
    expect(await stockOf('regielac')).toEqual(expect.arrayContaining([{ id_tag: '04B7E2A14C6F03', label: 'ID*regielac*6003' }]));

    const seenByManager = (await staff.request('GET', '/api/badge-stock/imports')).body[0];
    expect(seenByManager).toMatchObject({ fileName: 'supplier-2025-03.csv', badgeCount: 2, byOperator: true, importedBy: 'operator@demo.test' });
    const all = (await operator.request('GET', '/api/operator/badge-stock/imports')).body;
    expect(all.filter((i: { fileName: string }) => i.fileName === 'supplier-2025-03.csv').map((i: { manager: { shortCode: string } }) => i.manager.shortCode).sort()).toEqual(['heimbau', 'regielac']);
    const audit = await regie.request('GET', '/api/audit?action=badge_stock.imported');
    expect(audit.body.events[0]).toMatchObject({ actor: 'operator@demo.test', after: { byOperator: true, badgeCount: 2 } });
  });

  it('refuses a file naming an unknown manager or none, and imports nothing for anyone', async () => {
    const before = [await stockOf('heimbau'), await stockOf('regielac')];
    const res = await upload(operator, 'uid;label;manager\n04F00000000001;ID*heimbau*9101;heimbau\n04F00000000002;ID*x*1;hausverwaltung-x\n04F00000000003;ID*x*2;\n', { url: '/api/operator/badge-stock/imports' });
    expect(res.status).toBe(422);
    expect(res.body.report.problems.map((p: { line: number; code: string }) => [p.line, p.code])).toEqual([[3, 'badgestock.manager_unknown'], [4, 'badgestock.manager_missing']]);
    expect([await stockOf('heimbau'), await stockOf('regielac')]).toEqual(before);
    expect((await upload(operator, 'uid;label\n04F00000000001;x\n', { url: '/api/operator/badge-stock/imports' })).body.error.code).toBe('badgestock.bad_header');
  });

  it('lists UIDs held by more than one manager', async () => {
    const res = await operator.request('GET', '/api/operator/badges/duplicates');
    expect(res.status).toBe(200);
    // 04D00000000001: a Heimbau credential and in Régie du Lac's stock (third test above).
    expect(res.body).toContainEqual({
      uid: '04D00000000001',
      holders: [
        { manager: { shortCode: 'heimbau', name: 'Heimbau' }, place: 'credential', label: 'ID*heimbau*8001' },
        { manager: { shortCode: 'regielac', name: 'Régie du Lac' }, place: 'stock', label: 'ID*regielac*8001' },
      ],
    });
    expect(res.body.map((d: { uid: string }) => d.uid)).not.toContain('045A11C27E8001');
  });
});
