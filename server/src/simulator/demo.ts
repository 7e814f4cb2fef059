// In demo mode the product runs the demo devices itself: a simulator per demo device still in
// the database connects to the product's own gateway, so the portal shows live appliances that
// residents can start remotely. No autopilot: the appliances stay free until someone uses them.
// The pending terminal boots too and keeps asking, so accepting it in the portal brings it online.
import type { Logger } from 'pino';
import type { Db } from '../db/client.ts';
import { asPlatform } from '../db/scope.ts';
import { DEMO_DEVICE_PASSWORD, DEMO_DEVICES } from '../demo/devices.ts';
import { SimulatedCharger } from './charger.ts';
import type { SimulatedDevice } from './device.ts';
import { SimulatedTerminal } from './terminal.ts';

export interface DemoSimulators {
  devices: SimulatedDevice[];
  close(): Promise<void>;
}

/** The gateway's address on this machine for a server listening on `host` (wss:// when it serves TLS). */
export function localGatewayUrl(host: string, port: number, secure = false): string {
  const wildcard = ['', '0.0.0.0', '::', '[::]'].includes(host);
  const address = wildcard ? '127.0.0.1' : host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return `${secure ? 'wss' : 'ws'}://${address}:${port}/ocpp`;
}

export async function startDemoSimulators(options: { db: Db; url: string; log: Logger }): Promise<DemoSimulators> {
  // Over TLS the simulators talk to this very process by its local address, which the
  // certificate does not name: its check is skipped for that connection only.
  const tls = options.url.startsWith('wss:') ? { verify: false } : undefined;
  const log = options.log.child({ component: 'demo-simulators' });
  const identities = DEMO_DEVICES.map((d) => d.identity);
  // Only devices still there with the demo's password: staff may have removed or reset them.
  const present = await asPlatform(options.db, (tx) => tx.selectFrom('devices').select(['identity', 'registration'])
    .where('identity', 'in', identities).where('registration', '<>', 'rejected').where('password_hash', 'is not', null).execute());
  const devices = DEMO_DEVICES.filter((d) => present.some((p) => p.identity === d.identity)).map((demo) => {
    const connectors = demo.appliances.map((a) => ({ connectorId: a.connectorId, kind: a.kind, metering: a.metering, name: a.name }));
    const common = { url: options.url, identity: demo.identity, password: DEMO_DEVICE_PASSWORD, serialNumber: demo.serialNumber, connectors, tls, log: (line: string) => log.debug(line) };
    return demo.kind === 'charger' ? new SimulatedCharger(common) : new SimulatedTerminal(common);
  });
  await Promise.all(devices.map((device) => device.connect().catch((error: Error) => log.warn({ identity: device.identity }, `demo device not simulated: ${error.message}`))));
  if (devices.length > 0) log.info({ devices: devices.map((d) => d.identity) }, 'demo devices simulated');
  return {
    devices,
    async close() {
      await Promise.allSettled(devices.map((d) => d.close()));
    },
  };
}
