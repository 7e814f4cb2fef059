// A lock owner is a member of the property manager like staff and residents, but may reach only
// its locks and its own account: every other route of the API must refuse it. The routes are read
// from the OpenAPI document, so a route added later is checked without changing this test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, login, type Session, type TestContext } from './app.ts';

let ctx: TestContext;
let owner: Session;
let routes: { method: 'GET'; path: string }[];

// What a lock owner may read: its locks, its account, and what every member has (itself, its
// security, notifications, its data export, the property manager's name and currency).
const OPEN = [/^\/api\/tenant$/, /^\/api\/locks$/, /^\/api\/lock-account$/, /^\/api\/lock-organisations$/, /^\/api\/me(\/|$)/, /^\/api\/auth\//, /^\/api\/account\//, /^\/api\/privacy\//, /^\/api\/health/];
// Routes any login or nobody reaches, so there is nothing to refuse.
const PUBLIC = [/^\/api\/invitations\/by-token/, /^\/api\/openapi/, /^\/api\/config/];

beforeAll(async () => {
  ctx = await createTestContext();
  owner = await login(ctx.app, 'locks@demo.test');
  const doc = ctx.app.swagger() as { paths: Record<string, Record<string, { parameters?: { in: string }[] }>> };
  routes = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops)
    .filter(([method, op]) => method === 'get' && !(op.parameters ?? []).some((p) => p.in === 'path'))
    .map(() => ({ method: 'GET' as const, path })));
});
afterAll(() => ctx?.close());

describe('a lock owner', () => {
  it('is refused every list of the property manager that is not its locks or its own', async () => {
    const reached: string[] = [];
    for (const route of routes) {
      if (OPEN.some((r) => r.test(route.path)) || PUBLIC.some((r) => r.test(route.path))) continue;
      const res = await owner.request(route.method, route.path);
      if (res.status < 400) reached.push(`${route.path} → ${res.status}`);
    }
    expect(reached).toEqual([]);
  });

  it('is refused the service tickets', async () => {
    for (const path of ['/api/tickets', '/api/ticket-settings', '/api/ticket-assignees']) expect((await owner.request('GET', path)).status, path).toBe(403);
  });

  it('sees its own locks and account', async () => {
    const locks = (await owner.request('GET', '/api/locks')).body;
    expect(locks.map((l: { serial: string }) => l.serial).sort()).toEqual(['FLX-1001', 'FLX-1002', 'FLX-1003']);
    expect((await owner.request('GET', '/api/lock-account')).body).toMatchObject({ name: 'Karin Schlosser', kind: 'lock_owner' });
  });
});
