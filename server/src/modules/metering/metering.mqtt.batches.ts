// Collects messages for a short time and hands them on as one batch, so that a thousand meters
// publishing at the full hour cost a few transactions rather than a thousand. A batch goes when
// its first message has waited `lingerMs` or when it holds `maxSize` readings, and only once the
// batch before it is done: one batch is written while the next one fills. Whatever arrives while
// a full batch waits for its turn is held back (the caller stops reading from the broker), so
// memory stays bounded however fast meters publish.

export interface BatchOptions<T> {
  lingerMs: number;
  maxSize: number;
  size(item: T): number;
  /** Writes one batch. Settles its items itself and never throws. */
  send(batch: T[]): Promise<void>;
}

export interface Batches<T> {
  /** Resolves when there is room for more: at once, unless a full batch is waiting for its turn. */
  add(item: T): Promise<void>;
  /** Sends what is collected now and waits until every batch is done. */
  drain(): Promise<void>;
}

export function createBatches<T>(options: BatchOptions<T>): Batches<T> {
  let pending: T[] = [];
  let size = 0;
  let timer: NodeJS.Timeout | undefined;
  /** The first message of the pending batch has waited long enough. */
  let due = false;
  let sending: Promise<void> | undefined;
  let room: { promise: Promise<void>; open(): void } | undefined;

  const next = () => {
    if (sending || pending.length === 0 || !(due || size >= options.maxSize)) return;
    const batch = pending;
    pending = [];
    size = 0;
    due = false;
    clearTimeout(timer);
    timer = undefined;
    room?.open();
    room = undefined;
    sending = options.send(batch).finally(() => {
      sending = undefined;
      next();
    });
  };

  return {
    add(item) {
      pending.push(item);
      size += options.size(item);
      timer ??= setTimeout(() => {
        due = true;
        next();
      }, options.lingerMs);
      next();
      if (size < options.maxSize) return Promise.resolve();
      if (!room) {
        let open!: () => void;
        const promise = new Promise<void>((resolve) => { open = resolve; });
        room = { promise, open };
      }
      return room.promise;
    },
    async drain() {
      due = true;
      next();
      while (sending) {
        await sending;
        next();
      }
    },
  };
}
