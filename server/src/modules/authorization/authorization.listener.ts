// Keeps the credential cache honest: every change of a credential NOTIFYs channel `credentials`
// with `tenantId:idTag` in the changing transaction (credentials.lifecycle.ts), delivered at
// commit to every process listening — this one and any other sharing the database.
//   PostgreSQL: a dedicated connection (a pooled one would be handed to queries and lose its
//   LISTEN). When it drops, the cache stops answering from memory at once, and the connection is
//   re-established with backoff; on reconnecting the cache is emptied, since notifications sent
//   meanwhile are lost.
//   PGlite: one connection in this process; PGlite's listen() hands over notifications when the
//   committing statement returns, so the cache is invalidated before the commit's caller resumes.
import pg from 'pg';
import type { Logger } from 'pino';
import { APP_ROLE, type DatabaseHandle } from '../../db/client.ts';
import { CREDENTIALS_CHANNEL } from '../credentials/credentials.repository.ts';
import type { CredentialCache } from './authorization.cache.ts';

/** How the connection shows in pg_stat_activity. */
export const LISTENER_NAME = 'concierge credential listener';

export interface CredentialListener {
  readonly connected: boolean;
  close(): Promise<void>;
}

export interface ListenerOptions {
  log?: Pick<Logger, 'info' | 'warn'>;
  /** First and longest wait before reconnecting (PostgreSQL). */
  minDelayMs?: number;
  maxDelayMs?: number;
}

export async function listenForCredentialChanges(handle: DatabaseHandle, cache: CredentialCache, options: ListenerOptions = {}): Promise<CredentialListener> {
  if (handle.pglite) return listenOnPglite(handle.pglite, cache);
  if (handle.connectionString) return listenOnPostgres(handle.connectionString, cache, options);
  throw new Error('the database handle offers no way to LISTEN');
}

async function listenOnPglite(pglite: NonNullable<DatabaseHandle['pglite']>, cache: CredentialCache): Promise<CredentialListener> {
  const unlisten = await pglite.listen(CREDENTIALS_CHANNEL, (payload) => cache.onNotification(payload));
  cache.resume();
  let connected = true;
  return {
    get connected() { return connected; },
    async close() {
      if (!connected) return;
      connected = false;
      cache.suspend();
      if (!pglite.closed) await unlisten();
    },
  };
}

async function listenOnPostgres(connectionString: string, cache: CredentialCache, options: ListenerOptions): Promise<CredentialListener> {
  const minDelay = options.minDelayMs ?? 100;
  const maxDelay = options.maxDelayMs ?? 10_000;
  let delay = minDelay;
  let client: pg.Client | null = null;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    const attempt = new pg.Client({ connectionString, keepAlive: true, application_name: LISTENER_NAME, options: `-c role=${APP_ROLE}` });
    let lost = false;
    const onLost = (err?: Error) => {
      if (lost) return;
      lost = true;
      if (client === attempt) client = null;
      cache.suspend();
      attempt.removeAllListeners('notification');
      void attempt.end().catch(() => {});
      if (closed) return;
      options.log?.warn({ err, retryInMs: delay }, 'credential change listener disconnected; checks read the database until it is back');
      timer = setTimeout(() => { void connect(); }, delay);
      delay = Math.min(delay * 2, maxDelay);
    };
    attempt.on('notification', (message) => {
      if (message.channel === CREDENTIALS_CHANNEL) cache.onNotification(message.payload ?? '');
    });
    attempt.on('error', onLost);
    attempt.on('end', () => onLost());
    try {
      await attempt.connect();
      await attempt.query(`LISTEN ${CREDENTIALS_CHANNEL}`);
    } catch (err) {
      onLost(err as Error);
      return;
    }
    if (closed || lost) {
      if (!lost) void attempt.end().catch(() => {});
      return;
    }
    client = attempt;
    delay = minDelay;
    cache.resume();
    options.log?.info('listening for credential changes');
  };

  await connect();
  return {
    get connected() { return client !== null; },
    async close() {
      closed = true;
      clearTimeout(timer);
      cache.suspend();
      const current = client;
      client = null;
      await current?.end().catch(() => {});
    },
  };
}
