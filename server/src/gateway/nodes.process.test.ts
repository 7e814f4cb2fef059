// "A command issued through the API on node A reaches the device connected to node B": two real
// `concierge start` processes on one PostgreSQL database, one serving the API only and one the
// gateway only; a device connects to the gateway node, staff send it a Reset through the API node.
// PostgreSQL only: PGlite is one process's database.
import { RPCClient } from 'ocpp-rpc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../db/client.ts';
import { inTenant } from '../db/scope.ts';
import { hashPassword } from '../modules/auth/auth.passwords.ts';
import { demoIds } from '../modules/credentials/credentials.fixtures.ts';
import { testDatabaseKind } from '../test/database.ts';
import { freePort, freshInstallation, spawnConcierge, waitForHealth, type Installation } from '../test/processes.ts';

const postgres = testDatabaseKind() === 'postgres';
type ClientOptions = ConstructorParameters<typeof RPCClient>[0];

let installation: Installation;
const nodes: ReturnType<typeof spawnConcierge>[] = [];
let handle: DatabaseHandle;
let api: string;
let gateway: string;
let device: RPCClient | undefined;

async function startNode(roles: string, demo: boolean): Promise<string> {
  const port = await freePort();
  const node = spawnConcierge(['start'], { ...installation.env, PORT: String(port), HOST: '127.0.0.1', DEMO: demo ? '1' : '0', DEMO_SIMULATORS: '0', ROLES: roles, LOG_LEVEL: 'warn' });
  nodes.push(node);
  const base = `http://127.0.0.1:${port}`;
  await waitForHealth(base, Date.now() + 80_000, () => (node.child.exitCode !== null ? `${roles}: ${node.output.stderr}${node.output.stdout}` : null));
  return base;
}

beforeAll(async () => {
  if (!postgres) return;
  installation = await freshInstallation();
  api = await startNode('api', true); // seeds the demo data first
  gateway = await startNode('gateway', false);
  handle = await openDatabase({ databaseUrl: installation.env.DATABASE_URL!, poolSize: 2 });
}, 180_000);

afterAll(async () => {
  if (!postgres) return;
  await device?.close({ force: true });
  await handle?.close();
  for (const node of nodes) {
    if (node.child.exitCode === null) {
      node.child.kill('SIGTERM');
      await node.exited;
    }
  }
  await installation?.remove();
});

describe.skipIf(!postgres)('several gateway nodes on one database', () => {
  it('carries a command from the API node to the device connected to the gateway node', { timeout: 60_000 }, async () => {
    const { heimbau } = await demoIds(handle.db);
    const deviceId = await inTenant(handle.db, heimbau, async (tx) => {
      const site = await tx.selectFrom('sites').select('id').where('tenant_id', '=', heimbau).executeTakeFirstOrThrow();
      const row = await tx.insertInto('devices').values({
        tenant_id: heimbau, identity: 'NODE-TEST-1', kind: 'laundry_terminal', site_id: site.id, unit_id: null, name: 'Node test', password_hash: await hashPassword('node-test-password'), registration: 'accepted',
      } as never).returning('id').executeTakeFirstOrThrow();
      return row.id;
    });
    device = new RPCClient({ endpoint: `${gateway.replace('http:', 'ws:')}/ocpp`, identity: 'NODE-TEST-1', password: 'node-test-password', protocols: ['ocpp1.6'], strictMode: true, reconnect: false } as ClientOptions);
    const resets: unknown[] = [];
    device.handle('Reset', async ({ params }) => {
      resets.push(params);
      return { status: 'Accepted' };
    });
    await device.connect();
    expect(await device.call('BootNotification', { chargePointVendor: 'Test', chargePointModel: 'Node' })).toMatchObject({ status: 'Accepted' });

    const login = await fetch(`${api}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'manager@demo.test', password: 'demo-password' }) });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const { csrfToken } = await login.json() as { csrfToken: string };
    const response = await fetch(`${api}/api/devices/${deviceId}/commands`, {
      method: 'POST', headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' }, body: JSON.stringify({ action: 'Reset', payload: { type: 'Soft' } }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'answered', result: { status: 'Accepted' } });
    expect(resets).toEqual([{ type: 'Soft' }]);
  });
});
