// A simulated smart lock speaking the lock protocol (docs/protocol.md "Lock protocol"): it keeps
// its whitelist in memory, syncs on connect and when told of a change, decides at the door from
// its own list (time windows in the tenant's zone, PINs by hash), and reports what happened —
// buffered while offline and sent again until acknowledged, as a real lock does.
import { createHash, randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import type { WhitelistEntry } from '../gateway/locks/messages.ts';

export type Medium = WhitelistEntry['medium'];
export type DoorEventKind = 'opened' | 'denied' | 'battery_low' | 'tamper' | 'locked';
export interface DoorEvent { eventId: string; at: string; kind: DoorEventKind; key?: string; detail?: string }

export interface SimulatedLockOptions {
  /** ws://host:port (the lock adds /locks/{serial}). */
  url: string;
  serial: string;
  secret: string;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const WEEKDAY = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 } as Record<string, number>;

/** Whether an entry lets its holder in at `at`, with weekdays and minutes counted in `timeZone`. */
export function withinWindow(entry: WhitelistEntry, at: Date, timeZone: string): boolean {
  if (entry.validFrom && at < new Date(entry.validFrom)) return false;
  if (entry.validUntil && at >= new Date(entry.validUntil)) return false;
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  if ((entry.weekdays & (1 << WEEKDAY[part('weekday')]!)) === 0) return false;
  if (entry.minutesFrom === undefined || entry.minutesUntil === undefined) return true;
  const minute = Number(part('hour')) * 60 + Number(part('minute'));
  // A window past midnight (22:00-06:00) has its end before its start.
  return entry.minutesFrom < entry.minutesUntil
    ? minute >= entry.minutesFrom && minute < entry.minutesUntil
    : minute >= entry.minutesFrom || minute < entry.minutesUntil;
}

export class SimulatedLock {
  readonly whitelist = new Map<string, WhitelistEntry>();
  version = 0;
  timeZone = 'UTC';
  /** Events not yet acknowledged, oldest first. */
  readonly pending: DoorEvent[] = [];
  /** Close code of the last connection, once closed. */
  closeCode: number | undefined;
  private socket: WebSocket | undefined;
  private nextId = 0;
  private readonly waiting = new Map<string, (frame: any) => void>();
  private readonly versionWaiters: { version: number; resolve(): void }[] = [];
  private syncing: Promise<void> | undefined;
  private resyncWanted = false;

  constructor(readonly options: SimulatedLockOptions) {}

  get connected(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  /** Connects, syncs and sends what it buffered; rejects with the HTTP status (`code`) if refused. */
  async connect(): Promise<void> {
    const { url, serial, secret } = this.options;
    const socket = new WebSocket(`${url}/locks/${encodeURIComponent(serial)}`, {
      headers: { authorization: `Basic ${Buffer.from(`${serial}:${secret}`).toString('base64')}` },
      perMessageDeflate: false,
    });
    this.socket = socket;
    this.closeCode = undefined;
    const welcomed = new Promise<void>((resolve, reject) => {
      socket.once('unexpected-response', (_req, res) => {
        socket.removeAllListeners('error');
        socket.on('error', () => {});
        reject(Object.assign(new Error(`refused with HTTP ${res.statusCode}`), { code: res.statusCode }));
        res.resume();
      });
      socket.once('error', reject);
      socket.on('message', (data) => {
        const frame = JSON.parse(data.toString('utf8'));
        if (frame.type === 'welcome') {
          this.timeZone = frame.timeZone;
          resolve();
        } else this.receive(frame);
      });
    });
    socket.on('close', (code) => {
      this.closeCode = code;
      for (const settle of this.waiting.values()) settle({ type: 'closed', code });
      this.waiting.clear();
    });
    await welcomed;
    socket.on('error', () => {});
    await this.sync();
    this.sendPending();
  }

  disconnect(): Promise<void> {
    const socket = this.socket;
    if (!socket || socket.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      socket.once('close', () => resolve());
      socket.close(1000, 'bye');
    });
  }

  /** Someone presents a tag, fob, phone or types a PIN: the lock decides from its own list. */
  present(medium: Medium, identifierOrPin: string, at: Date = new Date()): DoorEvent {
    const pinHash = medium === 'pin' ? sha256(`${this.options.serial}:${identifierOrPin}`) : undefined;
    const entry = [...this.whitelist.values()].find((e) => e.medium === medium && (pinHash ? e.pinHash === pinHash : e.identifier === identifierOrPin));
    const opened = entry !== undefined && withinWindow(entry, at, this.timeZone);
    return this.record({ kind: opened ? 'opened' : 'denied', at, ...(entry && { key: entry.key }), ...(!entry && { detail: `${medium} not on the whitelist` }) });
  }

  /** Records an event (also battery_low, tamper, locked) and sends it when it can. */
  record(event: { kind: DoorEventKind; at?: Date; key?: string; detail?: string }): DoorEvent {
    const stored: DoorEvent = { eventId: randomUUID(), at: (event.at ?? new Date()).toISOString(), kind: event.kind, ...(event.key && { key: event.key }), ...(event.detail && { detail: event.detail }) };
    this.pending.push(stored);
    if (this.connected) void this.sendEvents([stored]);
    return stored;
  }

  /** Resolves once the lock holds this whitelist version (or a later one). */
  waitForVersion(version: number): Promise<void> {
    if (this.version >= version) return Promise.resolve();
    return new Promise((resolve) => this.versionWaiters.push({ version, resolve }));
  }

  /** Resolves once every recorded event was acknowledged. */
  async settled(): Promise<void> {
    while (this.pending.length > 0) {
      if (!this.connected) throw new Error('offline with events pending');
      await this.sendEvents([...this.pending]);
    }
  }

  /** Sends a request and waits for its answer (tests use it for raw frames too). */
  request(frame: Record<string, unknown>): Promise<any> {
    const id = String(frame.id ?? `m${++this.nextId}`);
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.socket!.send(JSON.stringify({ ...frame, id }));
    });
  }

  /** Sends any text and resolves with the next error frame (or answer) naming `id`. */
  raw(text: string, id: string): Promise<any> {
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.socket!.send(text);
    });
  }

  /** Syncs from its version; again if a change arrives meanwhile. */
  sync(): Promise<void> {
    if (this.syncing) { this.resyncWanted = true; return this.syncing; }
    this.syncing = (async () => {
      do {
        this.resyncWanted = false;
        const answer = await this.request({ type: 'sync', since: this.version });
        if (answer.type !== 'whitelist') return;
        if (answer.full) this.whitelist.clear();
        for (const id of answer.removed as string[]) this.whitelist.delete(id);
        for (const entry of answer.keys as WhitelistEntry[]) this.whitelist.set(entry.key, entry);
        this.version = answer.version;
        for (const waiter of this.versionWaiters.filter((w) => w.version <= this.version)) {
          this.versionWaiters.splice(this.versionWaiters.indexOf(waiter), 1);
          waiter.resolve();
        }
      } while (this.resyncWanted && this.connected);
    })().finally(() => { this.syncing = undefined; });
    return this.syncing;
  }

  private receive(frame: any): void {
    if (frame.type === 'changed') {
      if (frame.version > this.version) void this.sync();
      return;
    }
    const id = frame.id ?? (frame.type === 'error' ? '' : undefined);
    const settle = id !== undefined ? this.waiting.get(id) : undefined;
    if (settle) {
      this.waiting.delete(id);
      settle(frame);
    }
  }

  private sendPending(): void {
    // At most 500 events per message (the protocol's limit).
    for (let i = 0; i < this.pending.length; i += 500) void this.sendEvents(this.pending.slice(i, i + 500));
  }

  private async sendEvents(events: DoorEvent[]): Promise<void> {
    const answer = await this.request({ type: 'events', events });
    if (answer.type !== 'ack') return;
    const acked = new Set(answer.ids as string[]);
    for (let i = this.pending.length - 1; i >= 0; i--) if (acked.has(this.pending[i]!.eventId)) this.pending.splice(i, 1);
  }
}
