// Transaction messages (StartTransaction, MeterValues, StopTransaction) leave a device in the
// order they happened, whether it was online or not (OCPP 1.6 section 4.10): while the
// connection is down they wait here with their original timestamps and go out on reconnect.
// A transaction started offline has no id from the Central System yet: it carries a local
// negative id until its StartTransaction is answered, and the messages queued behind it are
// sent with the id the answer brought. If that StartTransaction never got an answer with an id,
// the StopTransaction goes out with transactionId -1 and the tag, which the Central System
// matches to the tag's running session.
export type TransactionAction = 'StartTransaction' | 'MeterValues' | 'StopTransaction';
type Params = Record<string, unknown>;

interface Entry {
  action: TransactionAction;
  params: Params;
  /** For a StartTransaction: the local id its answer's transactionId replaces. */
  localTransactionId?: number;
  /** For a StopTransaction: the tag that ran the transaction, sent with -1 when its id is unknown. */
  idTag?: string;
  resolve(answer: unknown): void;
  reject(error: unknown): void;
}

export interface QueueTransport {
  online(): boolean;
  call(action: string, params: Params): Promise<unknown>;
  log(line: string): void;
}

/** An error the Central System answered (CALLERROR): sending again would get the same answer. */
function refusedByServer(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'rpcErrorCode' in error;
}

export class TransactionQueue {
  private entries: Entry[] = [];
  private readonly assigned = new Map<number, number>();
  private draining: Promise<void> | undefined;

  constructor(private readonly transport: QueueTransport) {}

  /** Queues a message and sends it as soon as everything before it has gone; resolves with the answer. */
  send(action: TransactionAction, params: Params, options: { localTransactionId?: number; idTag?: string } = {}): Promise<unknown> {
    const answer = new Promise<unknown>((resolve, reject) => {
      this.entries.push({ action, params, ...options, resolve, reject });
    });
    // Offline starts are not awaited by anyone; a refusal must not become an unhandled rejection.
    answer.catch(() => {});
    void this.drain();
    return answer;
  }

  /** The Central System's id for a local one, once known. */
  transactionIdFor(id: number): number | undefined {
    return id >= 0 ? id : this.assigned.get(id);
  }

  get length(): number {
    return this.entries.length;
  }

  /** Sends what waits, in order, until the queue is empty or the connection fails. */
  drain(): Promise<void> {
    this.draining ??= this.sendWaiting().finally(() => { this.draining = undefined; });
    return this.draining;
  }

  private async sendWaiting(): Promise<void> {
    while (this.entries.length > 0 && this.transport.online()) {
      const entry = this.entries[0]!;
      const params = this.withAssignedId(entry);
      if (!params) {
        this.entries.shift();
        this.transport.log(`dropping ${entry.action}: its transaction never got an id`);
        entry.reject(new Error('transaction without id'));
        continue;
      }
      try {
        const answer = await this.transport.call(entry.action, params);
        this.entries.shift();
        if (entry.localTransactionId !== undefined) {
          this.assigned.set(entry.localTransactionId, (answer as { transactionId: number }).transactionId);
        }
        entry.resolve(answer);
      } catch (error) {
        if (!refusedByServer(error)) return; // connection lost: the entry waits for the next drain
        this.entries.shift();
        this.transport.log(`${entry.action} refused by the Central System: ${(error as Error).message}`);
        entry.reject(error);
      }
    }
  }

  private withAssignedId(entry: Entry): Params | undefined {
    const local = entry.params.transactionId;
    if (typeof local !== 'number' || local >= 0) return entry.params;
    const assigned = this.assigned.get(local);
    if (assigned !== undefined) return { ...entry.params, transactionId: assigned };
    return entry.action === 'StopTransaction' && entry.idTag ? { ...entry.params, transactionId: -1, idTag: entry.idTag } : undefined;
  }
}
