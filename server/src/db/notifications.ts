// PostgreSQL NOTIFY, delivered to every process sharing the database: how a command issued on one
// node reaches the device connected to another, and how appliance status changes reach every
// portal page. The hub LISTENs on a fixed set of channels from the start (so nothing sent after
// start is missed while a subscriber gets ready) and hands each payload to the channel's
// subscribers in this process.
//   PostgreSQL: one dedicated connection (a pooled one would lose its LISTEN), re-established
//   with backoff when it drops; notifications sent while it was down are lost, so subscribers
//   must not depend on them for correctness (commands time out, pages re-read on reconnect).
//   PGlite: the one in-process database; notifications arrive as the committing statement returns.
import pg from 'pg';
import type { Logger } from 'pino';
import { CompiledQuery } from 'kysely';
import { APP_ROLE, NOTIFY_STATEMENT, type DatabaseHandle, type Db } from './client.ts';

/** Channels the hub listens on. */
export const CHANNELS = ['device_commands', 'device_command_results', 'appliance_status', 'credentials', 'lock_whitelists'] as const;
export type Channel = (typeof CHANNELS)[number];

export interface Notifications {
  /** Calls handler with each payload sent on the channel until the returned function is called. */
  subscribe(channel: Channel, handler: (payload: string) => void): () => void;
  close(): Promise<void>;
}

/** Sends a notification, delivered when tx commits (or at once outside a transaction). */
export async function notify(tx: Db, channel: Channel, payload: string): Promise<void> {
  await tx.executeQuery(CompiledQuery.raw(NOTIFY_STATEMENT, [channel, payload]));
}

export async function startNotifications(handle: DatabaseHandle, options: { log?: Pick<Logger, 'info' | 'warn'> } = {}): Promise<Notifications> {
  const handlers = new Map<string, Set<(payload: string) => void>>();
  const deliver = (channel: string, payload: string) => {
    for (const handler of handlers.get(channel) ?? []) {
      try {
        handler(payload);
      } catch (err) {
        options.log?.warn({ err, channel }, 'notification handler failed');
      }
    }
  };
  const subscribe = (channel: Channel, handler: (payload: string) => void) => {
    let set = handlers.get(channel);
    if (!set) handlers.set(channel, (set = new Set()));
    set.add(handler);
    return () => { set.delete(handler); };
  };

  if (handle.pglite) {
    const pglite = handle.pglite;
    const unlisten = await Promise.all(CHANNELS.map((channel) => pglite.listen(channel, (payload) => deliver(channel, payload))));
    return {
      subscribe,
      async close() {
        handlers.clear();
        if (!pglite.closed) await Promise.all(unlisten.map((u) => u()));
      },
    };
  }
  if (!handle.connectionString) throw new Error('the database handle offers no way to LISTEN');
  const listener = await listenOnPostgres(handle.connectionString, deliver, options.log);
  return { subscribe, async close() { handlers.clear(); await listener.close(); } };
}

async function listenOnPostgres(connectionString: string, deliver: (channel: string, payload: string) => void, log?: Pick<Logger, 'info' | 'warn'>) {
  let delay = 100;
  let client: pg.Client | null = null;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    const attempt = new pg.Client({ connectionString, keepAlive: true, application_name: 'concierge notifications', options: `-c role=${APP_ROLE}` });
    let lost = false;
    const onLost = (err?: Error) => {
      if (lost) return;
      lost = true;
      if (client === attempt) client = null;
      attempt.removeAllListeners('notification');
      void attempt.end().catch(() => {});
      if (closed) return;
      log?.warn({ err, retryInMs: delay }, 'notification listener disconnected; reconnecting');
      timer = setTimeout(() => { void connect(); }, delay);
      delay = Math.min(delay * 2, 10_000);
    };
    attempt.on('notification', (message) => deliver(message.channel, message.payload ?? ''));
    attempt.on('error', onLost);
    attempt.on('end', () => onLost());
    try {
      await attempt.connect();
      await attempt.query(CHANNELS.map((channel) => `LISTEN ${channel};`).join(' '));
    } catch (err) {
      onLost(err as Error);
      return;
    }
    if (closed || lost) {
      if (!lost) void attempt.end().catch(() => {});
      return;
    }
    client = attempt;
    delay = 100;
  };

  await connect();
  return {
    async close() {
      closed = true;
      clearTimeout(timer);
      const current = client;
      client = null;
      await current?.end().catch(() => {});
    },
  };
}

/** For processes that send but never receive (command-line tools): subscribers hear nothing. */
export const silentNotifications: Notifications = { subscribe: () => () => {}, close: async () => {} };
