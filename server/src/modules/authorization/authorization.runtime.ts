// The authorisation's state in this process: the credential cache with its listener. Built once
// at start (main.ts), passed in the dependencies, closed at shutdown before the database.
import type { Logger } from 'pino';
import { sideConnections, type DatabaseHandle, type Db } from '../../db/client.ts';
import { CredentialCache, type CacheOptions } from './authorization.cache.ts';
import { listenForCredentialChanges, type ListenerOptions } from './authorization.listener.ts';

export interface Authorization {
  cache: CredentialCache;
  /**
   * Connections of the tap's own for its one-statement reads (is the tag busy elsewhere? the
   * wallet's balance), so a tap is answered at once even while every pooled connection is inside
   * a session's transaction.
   * Absent: the check uses the main pool.
   */
  tapDb?: Db;
  close(): Promise<void>;
}

/** Two: the checks are short single statements; more would only take connections from PostgreSQL. */
const TAP_CONNECTIONS = 2;

export async function startAuthorization(handle: DatabaseHandle, options: ListenerOptions & { cache?: Partial<CacheOptions>; log?: Logger } = {}): Promise<Authorization> {
  const cache = new CredentialCache(options.cache);
  const listener = await listenForCredentialChanges(handle, cache, options);
  const tap = sideConnections(handle, TAP_CONNECTIONS);
  return { cache, tapDb: tap.db, async close() { await listener.close(); await tap.close(); } };
}

/** Without a listener nothing is answered from memory: every check reads the database (command-line tools). */
export function unlistenedAuthorization(): Authorization {
  return { cache: new CredentialCache(), close: async () => {} };
}
