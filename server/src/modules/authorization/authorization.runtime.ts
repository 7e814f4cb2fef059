// The authorisation's state in this process: the credential cache with its listener. Built once
// at start (main.ts), passed in the dependencies, closed at shutdown before the database.
import type { Logger } from 'pino';
import type { DatabaseHandle } from '../../db/client.ts';
import { CredentialCache, type CacheOptions } from './authorization.cache.ts';
import { listenForCredentialChanges, type ListenerOptions } from './authorization.listener.ts';

export interface Authorization {
  cache: CredentialCache;
  close(): Promise<void>;
}

export async function startAuthorization(handle: DatabaseHandle, options: ListenerOptions & { cache?: Partial<CacheOptions>; log?: Logger } = {}): Promise<Authorization> {
  const cache = new CredentialCache(options.cache);
  const listener = await listenForCredentialChanges(handle, cache, options);
  return { cache, close: () => listener.close() };
}

/** Without a listener nothing is answered from memory: every check reads the database (command-line tools). */
export function unlistenedAuthorization(): Authorization {
  return { cache: new CredentialCache(), close: async () => {} };
}
