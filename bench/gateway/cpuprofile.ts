// Where the server's own CPU goes during a phase (BENCH_GATEWAY_CPU_PROFILE=<dir>): V8's
// sampling profiler in this process, summarised by component — a package under node_modules,
// a folder of server/src, Node's internals, garbage collection — and by function. The raw
// .cpuprofile is written to <dir> for Chrome DevTools or speedscope. Sampling costs a few
// percent of throughput, so the numbers of a profiled run are not the ones to record.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { round } from './stats.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

function componentOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  const ours = /\/(server\/src|bench)\/(.*)$/.exec(url);
  if (ours) {
    const parts = ours[2]!.split('/');
    return `${ours[1]}/${parts.length > 2 ? parts.slice(0, 2).join('/') : parts[0]}`;
  }
  return url.startsWith('node:') ? 'node:' + url.slice(5).split('/')[0] : url;
}

export interface CpuProfiling {
  stop(label: string): Promise<Record<string, unknown>>;
}

export async function startCpuProfile(directory: string): Promise<CpuProfiling> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');
  return {
    async stop(label) {
      const { profile } = await session.post('Profiler.stop') as { profile: { nodes: ProfileNode[] } };
      session.disconnect();
      writeFileSync(join(directory, `gateway-${label}.cpuprofile`), JSON.stringify(profile));
      const hits = profile.nodes.reduce((sum, n) => sum + (n.hitCount ?? 0), 0);
      const byComponent = new Map<string, number>();
      const byFunction = new Map<string, number>();
      for (const node of profile.nodes) {
        const n = node.hitCount ?? 0;
        if (n === 0) continue;
        const { functionName, url, lineNumber } = node.callFrame;
        const component = componentOf(url, functionName);
        byComponent.set(component, (byComponent.get(component) ?? 0) + n);
        const fn = `${functionName || '(anonymous)'} ${component}:${lineNumber + 1}`;
        byFunction.set(fn, (byFunction.get(fn) ?? 0) + n);
      }
      const top = (m: Map<string, number>, count: number) =>
        Object.fromEntries([...m].sort((a, b) => b[1] - a[1]).slice(0, count).map(([k, n]) => [k, round((100 * n) / hits)]));
      return { self_percent_by_component: top(byComponent, 20), self_percent_by_function: top(byFunction, 25) };
    },
  };
}
