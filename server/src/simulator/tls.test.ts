// Simulated devices over TLS (security profile 2): trusting the server's certificate, refusing
// one they cannot check, and the demo's own simulators reaching a product that serves TLS.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDevice, DEVICE_PASSWORD, startGatewayWorld, type GatewayWorld } from '../gateway/ocpp/testing.ts';
import { createTestContext, type TestContext } from '../test/app.ts';
import { startDemoSimulators } from './demo.ts';
import { SimulatedTerminal } from './terminal.ts';

let ctx: TestContext;
let world: GatewayWorld;
let cert: Buffer;
let secureUrl: string;
const dir = mkdtempSync(join(tmpdir(), 'concierge-sim-tls-'));
const devices: SimulatedTerminal[] = [];

beforeAll(async () => {
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
  cert = readFileSync(join(dir, 'cert.pem'));
  ctx = await createTestContext({ demoWallets: true, config: { tls: { cert, key: readFileSync(join(dir, 'key.pem')) } } });
  world = await startGatewayWorld(ctx);
  secureUrl = world.url.replace('ws:', 'wss:');
});

afterAll(async () => {
  await Promise.all(devices.map((d) => d.close()));
  await world.close();
  await ctx.close();
  rmSync(dir, { recursive: true, force: true });
});

async function terminal(tls: { ca?: Buffer; verify?: boolean } | undefined) {
  const connectors = [{ connectorId: 1, kind: 'washer' as const, metering: 'energy' as const }];
  const { identity } = await addDevice(world, { appliances: connectors });
  const device = new SimulatedTerminal({ url: secureUrl, identity, password: DEVICE_PASSWORD, connectors, reconnect: false, tls });
  devices.push(device);
  return device;
}

describe('simulated devices over TLS', () => {
  it('connect over wss trusting the server certificate, and are accepted', async () => {
    const device = await terminal({ ca: cert });
    await device.connect();
    await device.whenAccepted();
    expect(device.online).toBe(true);
  });

  it('refuse a server certificate they cannot check', async () => {
    const device = await terminal(undefined);
    await expect(device.connect()).rejects.toThrow(/connection refused: .*certificate/);
  });

  it('include the demo simulators of a product serving TLS', async () => {
    const simulators = await startDemoSimulators({ db: ctx.deps.db, url: secureUrl, log: pino({ level: 'silent' }) });
    try {
      const terminal = simulators.devices.find((d) => d.identity === 'HEIMBAU-WK1')!;
      await terminal.whenAccepted();
      expect(terminal.online).toBe(true);
    } finally {
      await simulators.close();
    }
  });
});
