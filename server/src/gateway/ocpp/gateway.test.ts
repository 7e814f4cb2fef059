import type { AddressInfo } from 'node:net';
import { once } from 'node:events';
import { RPCClient } from 'ocpp-rpc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/app.ts';
import { attachGateway, type Gateway } from './gateway.ts';

type ClientOptions = ConstructorParameters<typeof RPCClient>[0];

let ctx: TestContext;
let gateway: Gateway;
let base: string;
const clients: RPCClient[] = [];

function device(identity: string, protocols = ['ocpp1.6'], strictMode = true): RPCClient {
  const options: Partial<ClientOptions> = { endpoint: `${base}/ocpp`, identity, protocols, strictMode, reconnect: false };
  const client = new RPCClient(options as ClientOptions);
  clients.push(client);
  return client;
}

beforeAll(async () => {
  ctx = await createTestContext({ demo: false });
  gateway = attachGateway(ctx.app.server, ctx.deps);
  await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  base = `ws://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close({ force: true })));
  await gateway.close();
  await ctx.close();
});

describe('OCPP 1.6J device gateway', () => {
  it('negotiates ocpp1.6, answers BootNotification with Pending and Heartbeat with our time', async () => {
    ctx.clock.advance(3_600_000);
    const charger = device('CP-0001');
    await charger.connect();
    expect(charger.protocol).toBe('ocpp1.6');

    const boot = await charger.call('BootNotification', { chargePointVendor: 'ACME', chargePointModel: 'Wallbox 11' }) as { status: string; interval: number; currentTime: string };
    expect(boot.status).toBe('Pending');
    expect(boot.interval).toBeGreaterThan(0);

    const beat = await charger.call('Heartbeat', {}) as { currentTime: string };
    // The device sets its clock by ours: the test clock is an hour ahead of the wall clock.
    expect(Math.abs(new Date(beat.currentTime).getTime() - ctx.clock.now().getTime())).toBeLessThan(5_000);
    expect(new Date(beat.currentTime).getTime()).toBeGreaterThan(Date.now() + 3_500_000);
  });

  it('refuses a malformed BootNotification in strict mode', async () => {
    const charger = device('CP-0002', ['ocpp1.6'], false);
    await charger.connect();
    await expect(charger.call('BootNotification', { chargePointVendor: 'ACME' })).rejects.toMatchObject({ rpcErrorCode: expect.stringMatching(/Violation/) });
  });

  it('answers actions it does not implement yet with NotImplemented', async () => {
    const charger = device('CP-0003');
    await charger.connect();
    await expect(charger.call('DataTransfer', { vendorId: 'ACME' })).rejects.toMatchObject({ rpcErrorCode: 'NotImplemented' });
  });

  it('completes the handshake without a subprotocol for a device offering none we speak, then closes', async () => {
    const charger = device('CP-0004', [], false);
    const closed = once(charger, 'close');
    await charger.connect();
    expect(charger.protocol).toBeFalsy();
    const [{ code }] = await closed as [{ code: number }];
    expect(code).toBe(1002);
  });

  it('refuses WebSocket upgrades outside /ocpp/{identity}', async () => {
    const stray = new RPCClient({ endpoint: `${base}/api`, identity: 'x', protocols: ['ocpp1.6'], reconnect: false } as Partial<ClientOptions> as ClientOptions);
    await expect(stray.connect()).rejects.toMatchObject({ code: 404 });
  });

  it('leaves ordinary HTTP on the same port to the API', async () => {
    const response = await fetch(`${base.replace('ws:', 'http:')}/health`);
    expect(response.status).toBe(200);
  });
});
