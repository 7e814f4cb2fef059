// A load process of the gateway benchmark: plays devices against a server in another process,
// so the clients' work does not run on the server's event loop. Started by children.ts; takes
// one command at a time over IPC (protocol.ts) and answers with its result.
import { readFileSync } from 'node:fs';
import { Fleet } from './fleet.ts';
import type { Command, Reply, Usage } from './protocol.ts';

const fleet = new Fleet();

function fdLimit(): number | null {
  const line = readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith('Max open files'));
  const soft = line?.split(/\s{2,}/)[1];
  return soft && /^\d+$/.test(soft) ? Number(soft) : null;
}

function usage(): Usage {
  const cpu = process.cpuUsage();
  return { rssBytes: process.memoryUsage().rss, cpuMs: (cpu.user + cpu.system) / 1000, fdLimit: fdLimit() };
}

async function run(command: Command): Promise<unknown> {
  switch (command.kind) {
    case 'connect': return fleet.connect(command);
    case 'count': return fleet.count(command.group);
    case 'close': return fleet.close(command.group);
    case 'sessions': return fleet.sessions(command);
    case 'probe': return fleet.probe(command);
    case 'startCharging': return fleet.startCharging(command);
    case 'meter': return fleet.meter(command);
    case 'stopCharging': return fleet.stopCharging(command.group);
    case 'usage': return usage();
  }
}

process.on('message', (message: { id: number; command: Command }) => {
  run(message.command).then(
    (result) => process.send!({ id: message.id, ok: true, result } satisfies Reply),
    (error: unknown) => process.send!({ id: message.id, ok: false, error: error instanceof Error ? error.stack ?? error.message : String(error) } satisfies Reply),
  );
});
// The server process went away: nothing left to do.
process.on('disconnect', () => process.exit(0));
