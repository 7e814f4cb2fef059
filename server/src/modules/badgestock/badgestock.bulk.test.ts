// The issue's acceptance test: 10,000 UIDs with a few bad rows are refused whole with a report
// naming each bad row; the corrected file imports in one go. The checks are set-based: the
// number of SQL statements does not grow with the file (counted through a Kysely plugin).
import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { asPlatform, inTenant } from '../../db/scope.ts';
import type { Actor } from '../../http/actor.ts';
import { createTestContext, login, type Session, type TestContext } from '../../test/app.ts';
import { uploadCsv } from './badgestock.testing.ts';
import { importBadgesAsOperator } from './badgestock.usecases.ts';

let ctx: TestContext;
let staff: Session;
const tenantIds: Record<string, string> = {};
const db = process.env.CONCIERGE_TEST_DB ?? 'pglite';

beforeAll(async () => {
  ctx = await createTestContext();
  staff = await login(ctx.app, 'staff@demo.test');
  for (const t of await asPlatform(ctx.deps.db, (tx) => tx.selectFrom('tenants').select(['id', 'short_code']).execute())) tenantIds[t.short_code] = t.id;
});
afterAll(async () => { await ctx?.close(); });

const uid = (prefix: string, n: number) => `${prefix}${n.toString(16).toUpperCase().padStart(12 - prefix.length + 2, '0')}`;
/** Rows of a supplier's list: 7-byte UIDs, labels ID*<code>*<n>; `line` is the file's line. */
function rows(count: number, prefix: string, code: string) {
  return Array.from({ length: count }, (_, i) => ({ line: i + 2, uid: uid(prefix, i + 1), label: `ID*${code}*${100000 + i}`, technology: 'mifare_classic' }));
}
const csv = (list: { uid: string; label: string; technology: string }[], extra = (_: { uid: string }) => '') =>
  'uid;label;technology' + (extra({ uid: '' }) ? ';manager' : '') + '\n' + list.map((r) => `${r.uid};${r.label};${r.technology}${extra(r) ? `;${extra(r)}` : ''}`).join('\n') + '\n';

async function stockCount(shortCode: string) {
  const tenantId = tenantIds[shortCode]!;
  return inTenant(ctx.deps.db, tenantId, async (tx) => Number((await tx.selectFrom('badge_stock').select((eb) => eb.fn.countAll<string>().as('n')).where('tenant_id', '=', tenantId).executeTakeFirstOrThrow()).n));
}

it('refuses 10,000 UIDs with a few bad rows whole, naming each, then imports the corrected file in one go', async () => {
  const earlier = await uploadCsv(ctx.app, staff, 'uid;label\n04AA0000001B58;ID*heimbau*earlier\n');
  expect(earlier.status).toBe(201);

  const list = rows(10_000, '04AA', 'heimbau');
  const bad = structuredClone(list);
  bad[99]!.uid = '04AA00000000F'; // line 101: 13 hex digits
  bad[1999]!.technology = 'DESFire EV2'; // line 2001
  bad[4999]!.uid = list[0]!.uid.toLowerCase(); // line 5001: the UID of line 2
  bad[6999]!.uid = '04AA0000001B58'; // line 7001: already in stock
  bad[8999]!.label = ''; // line 9001
  const before = await stockCount('heimbau');

  let started = performance.now();
  const refused = await uploadCsv(ctx.app, staff, csv(bad), { fileName: 'lieferung-10000.csv' });
  const refusedMs = performance.now() - started;
  expect(refused.status).toBe(422);
  expect(refused.body.report).toMatchObject({ rowCount: 10_000, badRows: 5 });
  expect(refused.body.report.problems.map((p: { line: number; field: string; code: string }) => `${p.line} ${p.field} ${p.code}`)).toEqual([
    '101 uid credentials.bad_uid',
    '2001 technology credentials.unsupported_technology',
    '5001 uid badgestock.uid_repeated',
    '7001 uid badgestock.uid_in_stock',
    '9001 label badgestock.label_missing',
  ]);
  expect(await stockCount('heimbau')).toBe(before);

  list[6999]!.uid = uid('04AB', 1); // the corrected file: a new UID instead of the one in stock
  started = performance.now();
  const imported = await uploadCsv(ctx.app, staff, csv(list), { fileName: 'lieferung-10000.csv' });
  const importedMs = performance.now() - started;
  expect(imported.status, JSON.stringify(imported.body).slice(0, 500)).toBe(201);
  expect(imported.body).toMatchObject({ rowCount: 10_000, imports: [{ badgeCount: 10_000 }] });
  expect(await stockCount('heimbau')).toBe(before + 10_000);
  const history = (await staff.request('GET', '/api/badge-stock/imports')).body;
  expect(history[0]).toMatchObject({ fileName: 'lieferung-10000.csv', badgeCount: 10_000, inStock: 10_000 });

  console.info(`[${db}] 10,000 rows: refused with report in ${refusedMs.toFixed(0)} ms, imported in ${importedMs.toFixed(0)} ms`);
  // Generous bounds: a per-row round trip would take far longer on either database.
  expect(refusedMs).toBeLessThan(20_000);
  expect(importedMs).toBeLessThan(20_000);
});

it('checks and writes an operator\'s 10,000-row file for two managers in a fixed number of statements', async () => {
  let statements = 0;
  const counter: KyselyPlugin = {
    transformQuery: (args) => { statements += 1; return args.node; },
    transformResult: async (args) => args.result,
  };
  const deps = { ...ctx.deps, db: ctx.deps.db.withPlugin(counter) };
  const operator = await asPlatform(ctx.deps.db, (tx) => tx.selectFrom('users').select(['id', 'email', 'display_name']).where('email', '=', 'operator@demo.test').executeTakeFirstOrThrow());
  const actor: Actor = {
    userId: operator.id, email: operator.email, displayName: operator.display_name, language: 'en', platformRole: 'operator_admin',
    tenantId: null, role: null, personId: null, via: 'session', sessionId: null, scopes: null,
  };
  const list = rows(10_000, '04AC', 'x');
  const manager = (r: { uid: string }) => (r.uid === '' ? 'manager' : parseInt(r.uid.slice(-4), 16) % 2 ? 'heimbau' : 'regielac');

  const bad = structuredClone(list);
  bad[4321]!.label = 'ID*heimbau*100000'; // line 4323: a label Heimbau has in stock since the first test
  const refused = await importBadgesAsOperator(deps, actor, { fileName: 'supplier.csv', text: csv(bad, (r) => (r.uid === bad[4321]!.uid ? 'heimbau' : manager(r))) });
  expect(refused).toMatchObject({ imported: false, badRows: 1, problems: [{ line: 4323, field: 'label', code: 'badgestock.label_in_stock' }] });
  const refusedStatements = statements;

  statements = 0;
  const done = await importBadgesAsOperator(deps, actor, { fileName: 'supplier.csv', text: csv(list, manager) });
  expect(done.imported).toBe(true);
  if (done.imported) expect(done.imports.map((i) => [i.shortCode, i.badgeCount]).sort()).toEqual([['heimbau', 5000], ['regielac', 5000]]);
  console.info(`[${db}] operator file of 10,000 rows: ${refusedStatements} statements to refuse, ${statements} to import`);
  // Refused: role, manager lookup, two locks, UID check, label check (and the transaction's own).
  // Imported: the same, then per manager an import row, its name and an audit entry, and one
  // INSERT per 5,000 badges.
  expect(refusedStatements).toBeLessThanOrEqual(10);
  expect(statements).toBeLessThanOrEqual(20);
});
