// The console of `concierge simulate` with one device: what a resident or a technician does at
// the device, typed as commands (`tap 04A224B20003E9`, `preselect 1 04A224B20003E9 2`, `offline`).
import { createInterface } from 'node:readline';
import { SimulatedCharger } from './charger.ts';
import type { SimulatedDevice } from './device.ts';
import { SimulatedTerminal } from './terminal.ts';

const TERMINAL_HELP = `commands: tap TAG | tariff C | preselect C TAG QUANTITY | start C TAG [QUANTITY] | stop C | finish C
          fault C [ERRORCODE] | repair C | offline | online | status | help`;
const CHARGER_HELP = `commands: plug [C] | charge TAG [C] | full [C] | stop [C] | unplug [C] | fault C [ERRORCODE]
          offline | online | status | help`;

export function runConsole(device: SimulatedDevice, print: (line: string) => void): () => void {
  if (!process.stdin.readable) return () => {};
  const help = device instanceof SimulatedTerminal ? TERMINAL_HELP : CHARGER_HELP;
  print(`${device.identity} ${help}`);
  const lines = createInterface({ input: process.stdin, terminal: false });
  lines.on('line', (line) => {
    const [command, ...words] = line.trim().split(/\s+/);
    if (!command) return;
    run(device, command, words, help, print).catch((error: Error) => print(`${device.identity} ${command} failed: ${error.message}`));
  });
  return () => lines.close();
}

async function run(device: SimulatedDevice, command: string, words: string[], help: string, print: (line: string) => void): Promise<void> {
  const number = (i: number, fallback?: number) => {
    const value = words[i] === undefined ? fallback : Number(words[i]);
    if (value === undefined || !Number.isFinite(value)) throw new Error(`argument ${i + 1} must be a number`);
    return value;
  };
  const word = (i: number) => {
    if (!words[i]) throw new Error(`argument ${i + 1} is missing`);
    return words[i]!;
  };
  switch (command) {
    case 'offline': return device.disconnect();
    case 'online': return device.reconnect();
    case 'status': return print(describe(device));
    case 'fault': return device.setStatus(number(0), 'Faulted', words[1] ?? 'OtherError');
    case 'help': return print(help);
  }
  if (device instanceof SimulatedTerminal) {
    switch (command) {
      case 'tap': return void await device.tap(word(0));
      case 'tariff': {
        const answer = await device.tariff(number(0));
        return print(`${device.identity} tariff: ${JSON.stringify(answer)}`);
      }
      case 'preselect': return void await device.preselect(number(0), word(1), number(2));
      case 'start': return void await device.start(number(0), word(1), words[2] === undefined ? undefined : number(2));
      case 'stop': return device.stop(number(0));
      case 'finish': return device.finishProgram(number(0));
      case 'repair': return device.repair(number(0));
    }
  } else if (device instanceof SimulatedCharger) {
    switch (command) {
      case 'plug': return device.plugIn(number(0, 1));
      case 'charge': return void await device.startCharging(word(0), number(1, 1));
      case 'full': return device.carFull(number(0, 1));
      case 'stop': return device.stop(number(0, 1));
      case 'unplug': return device.unplug(number(0, 1));
    }
  }
  print(`unknown command "${command}"; ${help}`);
}

function describe(device: SimulatedDevice): string {
  const now = device.clock.now();
  const connectors = [...device.connectors.values()].map((c) => {
    const running = c.transaction ? `, transaction ${c.transaction.id} for ${c.transaction.idTag}, ${c.meterWh(now) - c.transaction.meterStartWh} Wh` : '';
    return `  ${c.id} ${c.spec.name ?? c.spec.kind} (${c.spec.kind}, ${c.spec.metering}): ${c.status}, ${c.power()} W, register ${c.meterWh(now)} Wh${running}`;
  });
  return [`${device.identity}: ${device.online ? 'online' : 'offline'}, registration ${device.registration}, local list v${device.localList.version} (${device.localList.size} tags), ${device.queued} queued`, ...connectors].join('\n');
}
