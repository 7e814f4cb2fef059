// The server process's memory once garbage is collected, so that a difference between two
// readings is what is still held (e.g. by connected devices), not garbage not yet collected.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

export interface Memory {
  rssBytes: number;
  heapUsedBytes: number;
  /** Buffers and other memory outside the JavaScript heap (sockets' buffers, zlib). */
  externalBytes: number;
}

export async function settledMemory(): Promise<Memory> {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const usage = process.memoryUsage();
  return { rssBytes: usage.rss, heapUsedBytes: usage.heapUsed, externalBytes: usage.external };
}
