// One connected lock: answers its frames one after another (a sync sent after events sees them
// stored), pushes `changed` when its whitelist moves, and is closed with 4004 once removed.
import type { WebSocket } from 'ws';
import type { Deps } from '../../deps.ts';
import { inTenant } from '../../db/scope.ts';
import type { AuthenticatedLock } from './authenticate.ts';
import { insertEvents, keysOfLock, lockState, markAlarms, whitelistKeys, type EventRow } from './locks.gateway.repository.ts';
import { parseLockMessage, type EventsMessage, type ServerFrame, type SyncMessage } from './messages.ts';
import type { SeenWriter } from './seen.ts';

/** Close codes besides WebSocket's own (docs/protocol.md). */
export const CLOSE = { shuttingDown: 1001, replaced: 4000, removed: 4004 } as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class LockConnection {
  private queue: Promise<void> = Promise.resolve();

  constructor(readonly lock: AuthenticatedLock, private readonly socket: WebSocket, private readonly deps: Deps, private readonly seen: SeenWriter) {}

  send(frame: ServerFrame): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(JSON.stringify(frame));
  }

  close(code: number, reason: string): void {
    this.socket.close(code, reason);
  }

  welcome(): void {
    this.send({ type: 'welcome', time: this.deps.clock.now().toISOString(), timeZone: this.lock.timeZone, version: this.lock.version });
    this.markSeen(null);
  }

  /** A text frame from the lock: queued behind the ones before it. */
  receive(text: string): void {
    this.queue = this.queue.then(() => this.answer(text)).catch((err) => {
      this.deps.log.error({ err, serial: this.lock.serial }, 'lock message failed');
      this.close(1011, 'Internal error');
    });
  }

  /** Its whitelist changed (a NOTIFY): tell the lock, or close if it was removed. */
  whitelistChanged(version: number): void {
    this.queue = this.queue.then(async () => {
      const state = await inTenant(this.deps.db, this.lock.tenantId, (tx) => lockState(tx, this.lock.tenantId, this.lock.lockId));
      if (!state?.registered) this.close(CLOSE.removed, 'Lock removed');
      else this.send({ type: 'changed', version: Math.max(version, state.version) });
    }).catch((err) => this.deps.log.warn({ err, serial: this.lock.serial }, 'whitelist change not passed on'));
  }

  private markSeen(syncedVersion: number | null): void {
    this.seen.record({ tenantId: this.lock.tenantId, lockId: this.lock.lockId, at: this.deps.clock.now(), syncedVersion });
  }

  private async answer(text: string): Promise<void> {
    const parsed = parseLockMessage(text);
    if (!parsed.ok) { this.send(parsed.error); return; }
    const message = parsed.message;
    if (message.type === 'ping') {
      this.markSeen(null);
      this.send({ id: message.id, type: 'pong', time: this.deps.clock.now().toISOString() });
    } else if (message.type === 'sync') {
      await this.sync(message);
    } else {
      await this.storeEvents(message);
    }
  }

  private async sync(message: SyncMessage): Promise<void> {
    const { tenantId, lockId } = this.lock;
    const answer = await inTenant(this.deps.db, tenantId, async (tx) => {
      // The version first: a key change commits together with its version, so every change up
      // to it is visible to the keys query after it (a later one too, sent again next time).
      const state = await lockState(tx, tenantId, lockId);
      if (!state?.registered) return null;
      // A lock ahead of us held a whitelist of an earlier registration: it starts afresh.
      const full = message.since === 0 || message.since > state.version;
      const { keys, removed } = await whitelistKeys(tx, tenantId, lockId, full ? null : message.since);
      return { version: state.version, full, keys, removed: full ? [] : removed };
    });
    if (!answer) { this.close(CLOSE.removed, 'Lock removed'); return; }
    this.send({ id: message.id, type: 'whitelist', ...answer });
    this.markSeen(answer.version);
  }

  private async storeEvents(message: EventsMessage): Promise<void> {
    const { tenantId, lockId } = this.lock;
    await inTenant(this.deps.db, tenantId, async (tx) => {
      const named = [...new Set(message.events.map((e) => e.key).filter((k): k is string => k !== undefined && UUID.test(k)))];
      const pseudonyms = await keysOfLock(tx, tenantId, lockId, named);
      // The same event twice in one message is stored once, as a replay is.
      const byDeviceId = new Map<string, EventRow>();
      const latest = { batteryLowAt: null as Date | null, tamperAt: null as Date | null };
      for (const e of message.events) {
        const at = new Date(e.at);
        const keyId = e.key !== undefined && pseudonyms.has(e.key) ? e.key : null;
        byDeviceId.set(e.eventId, { device_event_id: e.eventId, at, kind: e.kind, key_id: keyId, key_pseudonym: keyId && pseudonyms.get(keyId)!, detail: e.detail ?? null });
        if (e.kind === 'battery_low' && (!latest.batteryLowAt || at > latest.batteryLowAt)) latest.batteryLowAt = at;
        if (e.kind === 'tamper' && (!latest.tamperAt || at > latest.tamperAt)) latest.tamperAt = at;
      }
      await insertEvents(tx, tenantId, lockId, [...byDeviceId.values()]);
      if (latest.batteryLowAt || latest.tamperAt) await markAlarms(tx, tenantId, lockId, latest);
    });
    this.send({ id: message.id, type: 'ack', ids: message.events.map((e) => e.eventId) });
    this.markSeen(null);
  }
}
