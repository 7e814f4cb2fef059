// OCPP security profile 2: the same Basic auth over TLS. With a certificate configured the port
// speaks https and wss; a device connects to wss://…/ocpp/{identity} and a wrong password is
// still refused. The certificate is made here with openssl (Debian's), valid for 127.0.0.1.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RPCClient } from 'ocpp-rpc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/app.ts';
import { addDevice, DEVICE_PASSWORD, startGatewayWorld, type GatewayWorld } from './testing.ts';

type ClientOptions = ConstructorParameters<typeof RPCClient>[0];

let ctx: TestContext;
let world: GatewayWorld;
let cert: Buffer;
const dir = mkdtempSync(join(tmpdir(), 'concierge-tls-'));

beforeAll(async () => {
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
  cert = readFileSync(join(dir, 'cert.pem'));
  ctx = await createTestContext({ config: { tls: { cert, key: readFileSync(join(dir, 'key.pem')) } } });
  world = await startGatewayWorld(ctx);
});

afterAll(async () => {
  await world.close();
  await ctx.close();
  rmSync(dir, { recursive: true, force: true });
});

const overTls = (identity: string, password: string) => new RPCClient({
  endpoint: world.url.replace('ws:', 'wss:'), identity, password, protocols: ['ocpp1.6'], strictMode: true, reconnect: false, wsOpts: { ca: cert },
} as Partial<ClientOptions> as ClientOptions);

describe('OCPP over TLS (security profile 2)', () => {
  it('accepts a device over wss with its password and refuses a wrong one', async () => {
    const { identity } = await addDevice(world, { appliances: [{ connectorId: 1, kind: 'washer', metering: 'energy' }] });
    const device = overTls(identity, DEVICE_PASSWORD);
    world.clients.push(device);
    await device.connect();
    expect(await device.call('BootNotification', { chargePointVendor: 'Test', chargePointModel: 'TLS' })).toMatchObject({ status: 'Accepted' });
    await expect(overTls(identity, 'wrong-password').connect()).rejects.toMatchObject({ code: 401 });
  });

  it('serves the API over https on the same port', async () => {
    const https = await import('node:https');
    const status = await new Promise<number>((resolve, reject) => {
      https.get(`${world.url.replace('ws:', 'https:').replace('/ocpp', '')}/health`, { ca: cert }, (res) => { res.resume(); resolve(res.statusCode!); }).on('error', reject);
    });
    expect(status).toBe(200);
  });
});
