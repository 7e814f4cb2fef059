// The devices a load process plays: OCPP 1.6J clients connecting as terminals and chargers do
// (Basic auth, ocpp1.6), booting, and then running laundry sessions, tapping badges or reporting
// meter readings. Calls the server makes to them (GetConfiguration after boot) are answered
// NotImplemented, as by a device that keeps no local list, so no list is sent.
import { setTimeout as sleep } from 'node:timers/promises';
import { RPCClient } from 'ocpp-rpc';
import type {
  ConnectCommand, ConnectResult, MeterCommand, MeterResult, ProbeCommand, ProbeResult, SessionsCommand, SessionsResult, StartChargingCommand,
} from './protocol.ts';
import { FailureCount, Latencies } from './stats.ts';

type ClientOptions = ConstructorParameters<typeof RPCClient>[0];

const VENDOR_ID = 'org.concierge';
const ENERGY = 'Energy.Active.Import.Register';
/** Each laundry session uses this much energy: 0.5 kWh. */
export const SESSION_WH = 500;

class Device {
  open = true;
  transactionId: number | null = null;
  registerWh = 0;
  private lastAtMs = 0;

  constructor(readonly identity: string, readonly client: RPCClient) {
    client.on('close', () => { this.open = false; });
  }

  /** A timestamp later than the last one sent, so two sessions or readings never share one. */
  timestamp(): string {
    this.lastAtMs = Math.max(Date.now(), this.lastAtMs + 1);
    return new Date(this.lastAtMs).toISOString();
  }

  call(action: string, params: object): Promise<any> {
    return this.client.call(action, params);
  }
}

/** Runs `work` for each item with at most `concurrency` in flight. */
async function eachLimited<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
}

function expect(condition: boolean, reason: string): void {
  if (!condition) throw new Error(reason);
}

export class Fleet {
  private readonly groups = new Map<string, Device[]>();

  private group(name: string): Device[] {
    const devices = this.groups.get(name);
    if (!devices) throw new Error(`no device group ${name}`);
    return devices;
  }

  async connect(command: ConnectCommand): Promise<ConnectResult> {
    const devices: Device[] = [];
    const failures = new FailureCount();
    const boot = new Latencies();
    const started = performance.now();
    await eachLimited(command.identities, command.concurrency, async (identity) => {
      const client = new RPCClient({
        endpoint: command.url, identity, password: command.password, protocols: ['ocpp1.6'], strictMode: false, reconnect: false,
        callConcurrency: 8, callTimeoutMs: 120_000,
      } as ClientOptions);
      try {
        const answer = await boot.time(async () => {
          await client.connect();
          return client.call('BootNotification', { chargePointVendor: 'Bench', chargePointModel: 'B1', chargePointSerialNumber: identity }) as Promise<{ status: string }>;
        });
        expect(answer.status === 'Accepted', `BootNotification ${answer.status}`);
        devices.push(new Device(identity, client));
      } catch (error) {
        failures.add(error);
        await client.close({ force: true }).catch(() => {});
      }
    });
    this.groups.set(command.group, [...(this.groups.get(command.group) ?? []), ...devices]);
    return { connected: devices.length, failures: failures.summary(), elapsedMs: performance.now() - started, bootLatency: boot.samples() };
  }

  count(group: string): number {
    return this.group(group).filter((d) => d.open).length;
  }

  async close(group: string): Promise<void> {
    const devices = this.groups.get(group) ?? [];
    this.groups.delete(group);
    await eachLimited(devices, 500, async (d) => { await d.client.close({ code: 1000, force: true }).catch(() => {}); });
  }

  async sessions(command: SessionsCommand): Promise<SessionsResult> {
    const devices = this.group(command.group);
    const failures = new FailureCount();
    const sessions = new Latencies();
    const timings = new ActionTimings();
    let completed = 0;
    let late = 0;
    const started = performance.now();
    const deadline = started + command.durationMs;
    const intervalMs = command.ratePerSecond ? (devices.length / command.ratePerSecond) * 1000 : 0;

    const terminal = async (device: Device) => {
      const idTag = command.idTags[device.identity]!;
      let next = started + Math.random() * intervalMs;
      for (;;) {
        if (intervalMs > 0) {
          if (next >= deadline) break;
          const wait = next - performance.now();
          if (wait > 0) await sleep(wait);
          else if (wait < -10) late++;
          next = Math.max(next, performance.now()) + intervalMs;
        }
        if (performance.now() >= deadline) break;
        const t0 = performance.now();
        try {
          await laundrySession(device, idTag, timings);
          completed++;
          sessions.add(performance.now() - t0);
        } catch (error) {
          failures.add(error);
          await sleep(100); // a terminal refused does not hammer the server meanwhile
        }
      }
    };
    await Promise.all(devices.map(terminal));
    return { completed, failures: failures.summary(), elapsedMs: performance.now() - started, session: sessions.samples(), actions: timings.samples(), late };
  }

  async probe(command: ProbeCommand): Promise<ProbeResult> {
    const devices = this.group(command.group);
    const failures = new FailureCount();
    const authorize = new Latencies();
    const deadline = performance.now() + command.durationMs;
    const taps: Promise<void>[] = [];
    const tapper = async (device: Device) => {
      await sleep(Math.random() * command.intervalMs);
      while (performance.now() < deadline) {
        const t0 = performance.now();
        taps.push(device.call('Authorize', { idTag: command.idTags[device.identity]! }).then((answer: { idTagInfo: { status: string } }) => {
          authorize.add(performance.now() - t0);
          if (answer.idTagInfo.status !== 'Accepted') failures.add(`Authorize ${answer.idTagInfo.status}`);
        }, (error) => failures.add(error)));
        await sleep(command.intervalMs);
      }
    };
    await Promise.all(devices.map(tapper));
    await Promise.all(taps);
    return { authorize: authorize.samples(), failures: failures.summary() };
  }

  async startCharging(command: StartChargingCommand): Promise<{ started: number; failures: ReturnType<FailureCount['summary']> }> {
    const failures = new FailureCount();
    let started = 0;
    await eachLimited(this.group(command.group), 50, async (device) => {
      const idTag = command.idTags[device.identity]!;
      try {
        const tap = await device.call('Authorize', { idTag });
        expect(tap.idTagInfo.status === 'Accepted', `Authorize ${tap.idTagInfo.status}`);
        const start = await device.call('StartTransaction', { connectorId: 1, idTag, meterStart: device.registerWh, timestamp: device.timestamp() });
        expect(start.idTagInfo.status === 'Accepted', `StartTransaction ${start.idTagInfo.status}`);
        device.transactionId = start.transactionId;
        started++;
      } catch (error) {
        failures.add(error);
      }
    });
    return { started, failures: failures.summary() };
  }

  async meter(command: MeterCommand): Promise<MeterResult> {
    const charging = this.group(command.group).filter((d) => d.transactionId !== null);
    const failures = new FailureCount();
    const latency = new Latencies();
    let messages = 0;
    let readings = 0;
    const started = performance.now();
    const deadline = started + command.durationMs;
    await Promise.all(charging.map(async (device) => {
      while (performance.now() < deadline) {
        const meterValue = Array.from({ length: command.readingsPerMessage }, () => ({
          timestamp: device.timestamp(),
          sampledValue: [
            { value: String((device.registerWh += 10)), measurand: ENERGY, unit: 'Wh' },
            { value: '7400', measurand: 'Power.Active.Import', unit: 'W' },
          ],
        }));
        try {
          await latency.time(() => device.call('MeterValues', { connectorId: 1, transactionId: device.transactionId, meterValue }));
          messages++;
          readings += meterValue.length;
        } catch (error) {
          failures.add(error);
        }
      }
    }));
    return { messages, readings, failures: failures.summary(), elapsedMs: performance.now() - started, latency: latency.samples() };
  }

  async stopCharging(group: string): Promise<{ stopped: number; failures: ReturnType<FailureCount['summary']> }> {
    const failures = new FailureCount();
    let stopped = 0;
    await eachLimited(this.group(group).filter((d) => d.transactionId !== null), 50, async (device) => {
      try {
        await device.call('StopTransaction', { transactionId: device.transactionId, meterStop: device.registerWh, timestamp: device.timestamp(), reason: 'Local' });
        device.transactionId = null;
        stopped++;
      } catch (error) {
        failures.add(error);
      }
    });
    return { stopped, failures: failures.summary() };
  }
}

/** One wash: tap, balance shown, 1 kWh pre-selected, start, one reading, stop at 0.5 kWh; each message timed. */
async function laundrySession(device: Device, idTag: string, timings: ActionTimings): Promise<void> {
  const call = (label: string, action: string, params: object) => timings.of(label).time(() => device.call(action, params));
  const tap = await call('Authorize', 'Authorize', { idTag });
  expect(tap.idTagInfo.status === 'Accepted', `Authorize ${tap.idTagInfo.status}`);
  const balance = await call('GetBalance', 'DataTransfer', { vendorId: VENDOR_ID, messageId: 'GetBalance', data: JSON.stringify({ idTag }) });
  expect(balance.status === 'Accepted', `GetBalance ${balance.status} ${balance.data ?? ''}`);
  const preselect = await call('Preselect', 'DataTransfer', { vendorId: VENDOR_ID, messageId: 'Preselect', data: JSON.stringify({ connectorId: 1, idTag, quantity: 1, unit: 'kWh' }) });
  expect(preselect.status === 'Accepted', `Preselect ${preselect.status} ${preselect.data ?? ''}`);
  const meterStart = device.registerWh;
  const start = await call('StartTransaction', 'StartTransaction', { connectorId: 1, idTag, meterStart, timestamp: device.timestamp() });
  expect(start.idTagInfo.status === 'Accepted', `StartTransaction ${start.idTagInfo.status}`);
  await call('MeterValues', 'MeterValues', {
    connectorId: 1, transactionId: start.transactionId,
    meterValue: [{ timestamp: device.timestamp(), sampledValue: [{ value: String(meterStart + 300), measurand: ENERGY, unit: 'Wh' }] }],
  });
  device.registerWh = meterStart + SESSION_WH;
  await call('StopTransaction', 'StopTransaction', { transactionId: start.transactionId, meterStop: device.registerWh, timestamp: device.timestamp(), idTag, reason: 'Local' });
}

class ActionTimings {
  private readonly byAction = new Map<string, Latencies>();

  of(action: string): Latencies {
    let latencies = this.byAction.get(action);
    if (!latencies) this.byAction.set(action, (latencies = new Latencies()));
    return latencies;
  }

  samples(): Record<string, number[]> {
    return Object.fromEntries([...this.byAction].map(([action, l]) => [action, l.samples()]));
  }
}
