// One laundry session and one charge, message by message on a quiet server, with the statements
// each message sent to PostgreSQL in order: what the per-session and per-message round trips
// of the loaded phases are made of. Driven from this process, one call at a time (no load).
import { setTimeout as sleep } from 'node:timers/promises';
import { RPCClient } from 'ocpp-rpc';
import { print, type Bench } from './context.ts';
import { traceStatements } from './profile.ts';
import { DEVICE_PASSWORD, type Station } from './world.ts';

type ClientOptions = ConstructorParameters<typeof RPCClient>[0];

/** Statements sent while `call` runs and until the follow-up work it scheduled has settled. */
async function traced(call: () => Promise<unknown>): Promise<string[]> {
  const stop = traceStatements();
  await call();
  await sleep(150);
  return stop();
}

/** A label, an action, and its parameters given the transaction the device is in. */
type Message = [string, string, (transactionId: number) => object];

async function traceDevice(bench: Bench, station: Station, messages: Message[]): Promise<Record<string, string[]>> {
  let transactionId = 0;
  const client = new RPCClient({ endpoint: bench.ours.url, identity: station.identity, password: DEVICE_PASSWORD, protocols: ['ocpp1.6'], strictMode: false, reconnect: false } as ClientOptions);
  const trace: Record<string, string[]> = {};
  try {
    trace['connect + BootNotification'] = await traced(async () => {
      await client.connect();
      await client.call('BootNotification', { chargePointVendor: 'Bench', chargePointModel: 'B1' });
    });
    for (const [label, action, params] of messages) {
      let answer: unknown;
      trace[label] = await traced(async () => { answer = await client.call(action, params(transactionId)); });
      if (action === 'StartTransaction') transactionId = (answer as { transactionId: number }).transactionId;
    }
  } finally {
    await client.close({ force: true });
  }
  return trace;
}

export async function traceMessages(bench: Bench, terminal: Station, charger: Station): Promise<void> {
  const { idTag } = terminal;
  const vendor = (messageId: string, data: object) => ({ vendorId: 'org.concierge', messageId, data: JSON.stringify(data) });
  const reading = (wh: number) => ({ timestamp: new Date().toISOString(), sampledValue: [{ value: String(wh), measurand: 'Energy.Active.Import.Register', unit: 'Wh' }] });
  const session = (round: string, at: number): Message[] => [
    [`${round} Authorize`, 'Authorize', () => ({ idTag })],
    [`${round} GetBalance`, 'DataTransfer', () => vendor('GetBalance', { idTag })],
    [`${round} Preselect`, 'DataTransfer', () => vendor('Preselect', { connectorId: 1, idTag, quantity: 1, unit: 'kWh' })],
    [`${round} StartTransaction`, 'StartTransaction', () => ({ connectorId: 1, idTag, meterStart: at, timestamp: new Date().toISOString() })],
    [`${round} MeterValues`, 'MeterValues', (transactionId) => ({ connectorId: 1, transactionId, meterValue: [reading(at + 300)] })],
    [`${round} StopTransaction`, 'StopTransaction', (transactionId) => ({ transactionId, meterStop: at + 500, timestamp: new Date().toISOString(), idTag, reason: 'Local' })],
  ];
  // The first session reads the tag and its balance; the second finds them in the cache, as most taps do.
  const laundry = await traceDevice(bench, terminal, [...session('first', 0), ...session('second', 500)]);
  print('trace', { device: 'laundry_terminal', round_trips: Object.fromEntries(Object.entries(laundry).map(([k, v]) => [k, v.length])), statements: laundry });

  const tag = charger.idTag;
  const charge = await traceDevice(bench, charger, [
    ['Authorize', 'Authorize', () => ({ idTag: tag })],
    ['StartTransaction', 'StartTransaction', () => ({ connectorId: 1, idTag: tag, meterStart: 0, timestamp: new Date().toISOString() })],
    ['MeterValues', 'MeterValues', (transactionId) => ({ connectorId: 1, transactionId, meterValue: [reading(10)] })],
    ['MeterValues again', 'MeterValues', (transactionId) => ({ connectorId: 1, transactionId, meterValue: [reading(20)] })],
    ['StopTransaction', 'StopTransaction', (transactionId) => ({ transactionId, meterStop: 30, timestamp: new Date().toISOString(), reason: 'Local' })],
  ]);
  print('trace', { device: 'charger', round_trips: Object.fromEntries(Object.entries(charge).map(([k, v]) => [k, v.length])), statements: charge });
}
