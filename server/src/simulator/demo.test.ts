// The demo's devices: seeded with the demo data, run by the product's own simulators against
// its gateway, so a resident can use a demo laundry room right after `npm start`.
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asPlatform } from '../db/scope.ts';
import { attachGateway, type Gateway } from '../gateway/ocpp/gateway.ts';
import { createTestContext, type TestContext } from '../test/app.ts';
import { localGatewayUrl, startDemoSimulators, type DemoSimulators } from './demo.ts';
import { SimulatedTerminal } from './terminal.ts';

let ctx: TestContext;
let gateway: Gateway;
let simulators: DemoSimulators;

beforeAll(async () => {
  ctx = await createTestContext({ demoWallets: true });
  gateway = attachGateway(ctx.app.server, ctx.deps);
  await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  const url = localGatewayUrl('0.0.0.0', (ctx.app.server.address() as AddressInfo).port);
  simulators = await startDemoSimulators({ db: ctx.deps.db, url, log: pino({ level: 'silent' }) });
});

afterAll(async () => {
  await simulators.close();
  await gateway.close();
  await ctx.close();
});

const device = (identity: string) => simulators.devices.find((d) => d.identity === identity)!;

describe('demo devices', () => {
  it('are simulated: the accepted ones come online with their appliances free, the new one waits for staff', async () => {
    expect(simulators.devices.map((d) => d.identity).sort()).toEqual(['HEIMBAU-EV1', 'HEIMBAU-WK1', 'HEIMBAU-WK2', 'REGIE-WK1', 'REGIE-WK2']);
    for (const identity of ['HEIMBAU-EV1', 'HEIMBAU-WK1', 'HEIMBAU-WK2', 'REGIE-WK1']) await device(identity).whenAccepted();
    await Promise.all(simulators.devices.map((d) => d.idle()));
    expect(device('REGIE-WK2').registration).toBe('Pending');

    const appliances = await asPlatform(ctx.deps.db, (tx) => tx.selectFrom('appliances').innerJoin('devices', 'devices.id', 'appliances.device_id')
      .select(['devices.identity', 'appliances.name', 'appliances.kind', 'appliances.metering', 'appliances.ocpp_status']).orderBy('devices.identity').orderBy('appliances.connector_id').execute());
    expect(appliances).toEqual([
      { identity: 'HEIMBAU-EV1', name: 'Ladepunkt 1', kind: 'ev_connector', metering: 'energy', ocpp_status: 'Available' },
      { identity: 'HEIMBAU-WK1', name: 'Waschmaschine 1', kind: 'washer', metering: 'energy', ocpp_status: 'Available' },
      { identity: 'HEIMBAU-WK1', name: 'Waschmaschine 2', kind: 'washer', metering: 'energy', ocpp_status: 'Available' },
      { identity: 'HEIMBAU-WK2', name: 'Trockner 1', kind: 'dryer', metering: 'time', ocpp_status: 'Available' },
      { identity: 'HEIMBAU-WK2', name: 'Trockner 2', kind: 'dryer', metering: 'time', ocpp_status: 'Available' },
      { identity: 'REGIE-WK1', name: 'Lave-linge 1', kind: 'washer', metering: 'impulse', ocpp_status: 'Available' },
      { identity: 'REGIE-WK1', name: 'Lave-linge 2', kind: 'washer', metering: 'impulse', ocpp_status: 'Available' },
      { identity: 'REGIE-WK1', name: 'Lave-linge 3', kind: 'washer', metering: 'impulse', ocpp_status: 'Available' },
      { identity: 'REGIE-WK2', name: 'Sèche-linge', kind: 'dryer', metering: 'time', ocpp_status: null },
    ]);
  });

  it('let Anna Huber wash at Heimbau with her badge at the demo tariff', async () => {
    const terminal = device('HEIMBAU-WK1') as SimulatedTerminal;
    await terminal.whenAccepted();
    const annasBadge = '04A224B20003E9'; // ID*heimbau*1001
    const tap = await terminal.tap(annasBadge);
    expect(tap.status).toBe('Accepted');
    expect(tap.balance!.currency).toBe('EUR');
    expect(await terminal.tariff(1)).toMatchObject({ accepted: true, data: { unit: 'kWh', unitPrice: 50 } });
    expect(await terminal.preselect(1, annasBadge, 1)).toMatchObject({ accepted: true, data: { maxAmount: 50 } });
    expect(await terminal.start(1, annasBadge)).toMatchObject({ started: true });
    await terminal.stop(1);
  });

  it('are found from the address the server listens on', () => {
    expect(localGatewayUrl('0.0.0.0', 3000)).toBe('ws://127.0.0.1:3000/ocpp');
    expect(localGatewayUrl('::', 3000)).toBe('ws://127.0.0.1:3000/ocpp');
    expect(localGatewayUrl('192.168.1.20', 8080)).toBe('ws://192.168.1.20:8080/ocpp');
    expect(localGatewayUrl('::1', 8080)).toBe('ws://[::1]:8080/ocpp');
  });
});
