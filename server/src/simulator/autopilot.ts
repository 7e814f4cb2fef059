// Residents for demos and load tests: every so often someone comes with a badge, picks a free
// appliance, pre-selects what a program typically needs and starts it; the program runs, and
// later the resident comes back and ends the session (or the terminal does, at the booked time).
import type { SimulatedCharger } from './charger.ts';
import type { Connector, Transaction } from './connector.ts';
import type { SimulatedTerminal } from './terminal.ts';

export interface AutopilotOptions {
  /** The badges residents tap, one resident per tag. */
  tags: string[];
  /** Mean minutes between two residents arriving (default 10). */
  arrivalMinutes?: number;
  random?: () => number;
}

const MINUTE = 60_000;

/** What residents typically pre-select: kWh for energy, minutes for time, impulses. */
const TYPICAL = {
  energy: { washer: 1.5, dryer: 3.5, ironer: 1, ev_connector: 20 },
  time: { washer: 60, dryer: 90, ironer: 45, ev_connector: 120 },
  impulse: { washer: 1, dryer: 1, ironer: 1, ev_connector: 1 },
} as const;

export function startTerminalAutopilot(terminal: SimulatedTerminal, options: AutopilotOptions): { stop(): void } {
  return loop(terminal, options, async (tag, connector, between) => {
    const tap = await terminal.tap(tag);
    if (tap.status !== 'Accepted' && tap.status !== 'Offline') return;
    const quantity = TYPICAL[connector.spec.metering][connector.spec.kind];
    if (terminal.online) {
      const preselected = await terminal.preselect(connector.id, tag, quantity);
      if (!preselected.accepted) return;
    }
    const started = await terminal.start(connector.id, tag, quantity);
    if (!started.started || !connector.transaction) return;
    const transaction = connector.transaction;
    const id = connector.id;
    const stillRunning = () => connector.transaction === transaction;
    if (connector.spec.metering === 'energy') {
      const programMinutes = between(40, 90);
      terminal.schedule(`autopilot:finish:${id}`, programMinutes * MINUTE, () => (stillRunning() ? terminal.finishProgram(id) : undefined));
      terminal.schedule(`autopilot:leave:${id}`, (programMinutes + between(5, 30)) * MINUTE, () => (stillRunning() ? terminal.stop(id) : undefined));
    } else if (connector.spec.metering === 'time') {
      // Most let the booked time run out; some come back early.
      if (between(0, 100) < 30) terminal.schedule(`autopilot:leave:${id}`, between(20, quantity) * MINUTE, () => (stillRunning() ? terminal.stop(id) : undefined));
    } else {
      // The Central System ends impulse sessions; this is only the resident who gives up waiting.
      terminal.schedule(`autopilot:leave:${id}`, 60 * MINUTE, () => (stillRunning() ? terminal.stop(id) : undefined));
    }
  });
}

export function startChargerAutopilot(charger: SimulatedCharger, options: AutopilotOptions): { stop(): void } {
  return loop(charger, options, async (tag, connector, between) => {
    await charger.plugIn(connector.id);
    const started = await charger.startCharging(tag, connector.id);
    if (!started.started || !connector.transaction) return charger.unplug(connector.id);
    const transaction: Transaction = connector.transaction;
    const chargeMinutes = between(30, 180);
    charger.schedule(`autopilot:leave:${connector.id}`, chargeMinutes * MINUTE, async () => {
      if (connector.transaction === transaction) await charger.stop(connector.id);
      await charger.unplug(connector.id);
    });
  });
}

type Visit = (tag: string, connector: Connector, between: (min: number, max: number) => number) => Promise<unknown>;

function loop(device: SimulatedTerminal | SimulatedCharger, options: AutopilotOptions, visit: Visit): { stop(): void } {
  const random = options.random ?? Math.random;
  const between = (min: number, max: number) => Math.round(min + random() * Math.max(0, max - min));
  const mean = options.arrivalMinutes ?? 10;
  let stopped = false;
  const arrive = async () => {
    if (stopped) return;
    device.schedule('autopilot:arrival', Math.max(1, Math.round(mean * (0.5 + random()) * MINUTE)), arrive);
    const busyTags = new Set([...device.connectors.values()].map((c) => c.transaction?.idTag));
    const tags = options.tags.filter((t) => !busyTags.has(t));
    const free = [...device.connectors.values()].filter((c) => !c.transaction && c.operative && c.status !== 'Faulted' && !c.reservation);
    if (tags.length === 0 || free.length === 0 || device.registration !== 'Accepted') return;
    const tag = tags[Math.floor(random() * tags.length)]!;
    const connector = free[Math.floor(random() * free.length)]!;
    device.log(`autopilot: a resident with ${tag} comes to connector ${connector.id}`);
    await visit(tag, connector, between).catch((error: Error) => device.log(`autopilot: ${error.message}`));
  };
  device.schedule('autopilot:arrival', Math.round(mean * random() * MINUTE), arrive);
  return {
    stop() {
      stopped = true;
      device.cancel('autopilot:arrival');
    },
  };
}
