// `concierge simulate terminal|charger`: simulated devices against a running Central System,
// for trying the product by hand (a console reads commands such as `tap`, `start`, `offline`),
// for demos (--autopilot plays residents) and for load tests (--count N devices).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startChargerAutopilot, startTerminalAutopilot } from './autopilot.ts';
import { SimulatedCharger } from './charger.ts';
import type { ApplianceKind, ConnectorSpec, Metering } from './connector.ts';
import type { SimulatedDevice } from './device.ts';
import { runConsole } from './simulate.console.ts';
import { checkTerminalConnectors, SimulatedTerminal } from './terminal.ts';
import { simulateUsage } from '../cli.usage.ts';

export interface SimulatePlan {
  kind: 'terminal' | 'charger';
  url: string;
  identities: string[];
  password: string | undefined;
  connectors: ConnectorSpec[];
  autopilot: { tags: string[]; arrivalMinutes: number } | undefined;
  heartbeatSeconds: number | undefined;
  meterValueSampleSeconds: number | undefined;
  quiet: boolean;
  /** wss:// only: a certificate file to trust, or skip the certificate check. */
  tls: { caFile?: string; verify: boolean } | undefined;
}

export class UsageError extends Error {}

const KINDS: ApplianceKind[] = ['washer', 'dryer', 'ironer', 'ev_connector'];
const METERINGS: Metering[] = ['energy', 'time', 'impulse'];
const NAMES: Record<ApplianceKind, string> = { washer: 'Washer', dryer: 'Dryer', ironer: 'Ironer', ev_connector: 'Charge point' };

/** `energy,energy` or `washer:energy,dryer:time`: one entry per connector, numbered from 1. */
export function parseConnectors(list: string, kind: 'terminal' | 'charger', powerW?: number): ConnectorSpec[] {
  const connectors = list.split(',').map((item, index): ConnectorSpec => {
    const parts = item.trim().split(':');
    const [applianceKind, metering] = parts.length === 1 ? [kind === 'charger' ? 'ev_connector' : 'washer', parts[0]] : parts;
    if (parts.length > 2 || !KINDS.includes(applianceKind as ApplianceKind) || !METERINGS.includes(metering as Metering)) {
      throw new UsageError(`--connectors: "${item}" is not [washer|dryer|ironer|ev_connector:]energy|time|impulse`);
    }
    const connectorId = index + 1;
    return { connectorId, kind: applianceKind as ApplianceKind, metering: metering as Metering, name: `${NAMES[applianceKind as ApplianceKind]} ${connectorId}`, ...(powerW ? { powerW } : {}) };
  });
  if (kind === 'terminal') {
    try {
      checkTerminalConnectors(connectors);
    } catch (error) {
      throw new UsageError(`--connectors: ${(error as Error).message}`);
    }
  } else if (connectors.some((c) => c.kind !== 'ev_connector' || c.metering === 'impulse')) {
    throw new UsageError('--connectors: a charger has ev_connector:energy or ev_connector:time connectors');
  }
  return connectors;
}

function positiveInteger(name: string, raw: string | undefined, max: number): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max) throw new UsageError(`--${name} must be a whole number from 1 to ${max}, got "${raw}"`);
  return value;
}

export function parseSimulateArgs(args: string[]): SimulatePlan {
  let parsed;
  try {
    parsed = parseArgs({
      args, allowPositionals: true, options: {
        url: { type: 'string' }, identity: { type: 'string' }, password: { type: 'string' }, connectors: { type: 'string' }, power: { type: 'string' },
        autopilot: { type: 'boolean' }, tags: { type: 'string' }, 'arrival-minutes': { type: 'string' }, count: { type: 'string' },
        'identity-prefix': { type: 'string' }, heartbeat: { type: 'string' }, 'sample-seconds': { type: 'string' }, quiet: { type: 'boolean' },
        ca: { type: 'string' }, insecure: { type: 'boolean' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { positionals, values } = parsed;
  const [kind] = positionals;
  if ((kind !== 'terminal' && kind !== 'charger') || positionals.length > 1) throw new UsageError('simulate needs "terminal" or "charger"');
  if (!values.url) throw new UsageError('--url is required (e.g. ws://localhost:3000/ocpp)');
  if (!/^wss?:\/\//.test(values.url)) throw new UsageError(`--url must start with ws:// or wss://, got "${values.url}"`);
  if ((values.ca || values.insecure) && !values.url.startsWith('wss://')) throw new UsageError('--ca and --insecure are for a wss:// --url');
  const count = positiveInteger('count', values.count, 10_000) ?? 1;
  const prefix = values['identity-prefix'];
  if (!values.identity && !(prefix && count > 1)) throw new UsageError('--identity is required (or --count N with --identity-prefix P)');
  const identities = count === 1 && values.identity
    ? [values.identity]
    : Array.from({ length: count }, (_, i) => `${prefix ?? `${values.identity}-`}${String(i + 1).padStart(4, '0')}`);
  for (const identity of identities) {
    if (!/^[A-Za-z0-9._:-]{1,48}$/.test(identity)) throw new UsageError(`identity "${identity}" must be 1–48 letters, digits or . _ : -`);
  }
  const powerW = positiveInteger('power', values.power, 350_000);
  const connectors = parseConnectors(values.connectors ?? (kind === 'charger' ? 'ev_connector:energy' : 'energy,energy'), kind, powerW);
  const tags = values.tags?.split(',').map((t) => t.trim()).filter(Boolean) ?? [];
  if (values.autopilot && tags.length === 0) throw new UsageError('--autopilot needs --tags TAG1,TAG2 (the badges residents tap)');
  return {
    kind, url: values.url, identities, password: values.password, connectors,
    autopilot: values.autopilot ? { tags, arrivalMinutes: positiveInteger('arrival-minutes', values['arrival-minutes'], 1440) ?? 10 } : undefined,
    heartbeatSeconds: positiveInteger('heartbeat', values.heartbeat, 86_400),
    meterValueSampleSeconds: positiveInteger('sample-seconds', values['sample-seconds'], 3_600),
    quiet: values.quiet ?? false,
    tls: values.url.startsWith('wss://') ? { ...(values.ca ? { caFile: values.ca } : {}), verify: !values.insecure } : undefined,
  };
}

export function createDevices(plan: SimulatePlan, log: (line: string) => void): SimulatedDevice[] {
  const tls = plan.tls && { verify: plan.tls.verify, ...(plan.tls.caFile ? { ca: readFileSync(plan.tls.caFile) } : {}) };
  return plan.identities.map((identity) => {
    const options = {
      url: plan.url, identity, password: plan.password, connectors: plan.connectors, serialNumber: `SIM-${identity}`, tls,
      heartbeatSeconds: plan.heartbeatSeconds, meterValueSampleSeconds: plan.meterValueSampleSeconds, log: plan.quiet ? undefined : log,
    };
    return plan.kind === 'terminal' ? new SimulatedTerminal(options) : new SimulatedCharger(options);
  });
}

function timestamped(line: string): void {
  console.log(`${new Date().toISOString().slice(11, 19)} ${line}`);
}

/** One line every 10 s when --quiet: how many devices are in which state. */
function summarise(devices: SimulatedDevice[]): () => void {
  const timer = setInterval(() => {
    const accepted = devices.filter((d) => d.online).length;
    const pending = devices.filter((d) => d.registration === 'Pending').length;
    const running = devices.reduce((sum, d) => sum + [...d.connectors.values()].filter((c) => c.transaction).length, 0);
    const queued = devices.reduce((sum, d) => sum + d.queued, 0);
    timestamped(`${devices.length} device(s): ${accepted} online, ${pending} pending, ${devices.length - accepted - pending} other; ${running} transaction(s) running, ${queued} message(s) queued`);
  }, 10_000);
  return () => clearInterval(timer);
}

export async function simulateCommand(args: string[]): Promise<number> {
  let plan: SimulatePlan;
  try {
    plan = parseSimulateArgs(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n\nUsage:\n${simulateUsage}`);
    return 2;
  }
  let devices: SimulatedDevice[];
  try {
    devices = createDevices(plan, timestamped);
  } catch (error) {
    console.error(`Cannot read --ca: ${(error as Error).message}`);
    return 1;
  }
  // Many devices connect a few at a time, as a building's worth of terminals would after an outage.
  const refused: string[] = [];
  for (let i = 0; i < devices.length; i += 20) {
    await Promise.all(devices.slice(i, i + 20).map((d) => d.connect().catch((error: Error) => {
      refused.push(d.identity);
      console.error(error.message);
    })));
  }
  if (refused.length === devices.length) return 1;
  const autopilots = plan.autopilot
    ? devices.map((d) => d instanceof SimulatedTerminal ? startTerminalAutopilot(d, plan.autopilot!) : startChargerAutopilot(d as SimulatedCharger, plan.autopilot!))
    : [];
  const stopSummary = plan.quiet ? summarise(devices) : () => {};
  const stopConsole = devices.length === 1 && !plan.autopilot ? runConsole(devices[0]!, timestamped) : () => {};
  const shutdown = async () => {
    stopSummary();
    stopConsole();
    for (const autopilot of autopilots) autopilot.stop();
    await Promise.allSettled(devices.map((d) => d.close()));
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
  return -1;
}
