// Group commit: work that arrives at the same moment from many callers (transfers from many
// terminals, meter readings from every charger) shares one transaction and one commit instead of
// paying for its own, as TigerBeetle batches. Items queue per key (a tenant, whose row-level
// security scope a transaction has); a batch of at most `maxBatch` goes as soon as fewer than
// `maxInFlight` batches are on their way, and whatever arrives meanwhile waits for the next.

export interface GroupCommitOptions<T> {
  maxBatch: number;
  maxInFlight: number;
  /** Writes one batch of one key. Settles every item's caller itself, and never throws. */
  send(key: string, batch: T[]): Promise<void>;
}

export interface GroupCommit<T> {
  add(key: string, item: T): void;
}

export function createGroupCommit<T>(options: GroupCommitOptions<T>): GroupCommit<T> {
  const queues = new Map<string, T[]>();
  let inFlight = 0;
  let scheduled = false;

  const flush = () => {
    scheduled = false;
    for (const [key, queue] of queues) {
      while (queue.length > 0 && inFlight < options.maxInFlight) void run(key, queue.splice(0, options.maxBatch));
      if (queue.length === 0) queues.delete(key);
    }
  };

  const run = async (key: string, batch: T[]) => {
    inFlight++;
    try {
      await options.send(key, batch);
    } finally {
      inFlight--;
      if (queues.size > 0) flush();
    }
  };

  return {
    add(key, item) {
      const queue = queues.get(key) ?? [];
      queues.set(key, queue);
      queue.push(item);
      if (!scheduled) {
        scheduled = true;
        queueMicrotask(flush);
      }
    },
  };
}
