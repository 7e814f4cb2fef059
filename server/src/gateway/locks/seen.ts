// When each lock was last seen and which whitelist version it holds: written in batches, one
// UPDATE for many locks every FLUSH_MS, so 10,000 locks reconnecting at once cost a few statements
// instead of 10,000. The figures are informative (the portal shows them), so a crash losing the
// last quarter second of them is harmless; close() writes what is pending.
import type { Logger } from 'pino';
import type { Db } from '../../db/client.ts';
import { asPlatform } from '../../db/scope.ts';
import { writeSeen, type Seen } from './locks.gateway.repository.ts';

const FLUSH_MS = 250;
const MAX_ROWS = 1_000;

export class SeenWriter {
  private pending = new Map<string, Seen>();
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly db: Db, private readonly log: Pick<Logger, 'warn'>) {}

  record(seen: Seen): void {
    const id = `${seen.tenantId}:${seen.lockId}`;
    const before = this.pending.get(id);
    this.pending.set(id, { ...seen, syncedVersion: seen.syncedVersion ?? before?.syncedVersion ?? null });
    if (this.pending.size >= MAX_ROWS) void this.flush();
    else this.timer ??= setTimeout(() => { void this.flush(); }, FLUSH_MS);
  }

  /** Writes what is pending; resolves when it (and any write before it) is stored. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = [...this.pending.values()];
    this.pending = new Map();
    this.writing = this.writing.then(async () => {
      for (let i = 0; i < batch.length; i += MAX_ROWS) {
        const rows = batch.slice(i, i + MAX_ROWS);
        await asPlatform(this.db, (tx) => writeSeen(tx, rows)).catch((err) => this.log.warn({ err, locks: rows.length }, 'last seen not recorded'));
      }
    });
    return this.writing;
  }
}
