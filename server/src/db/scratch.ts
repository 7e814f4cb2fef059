// A throwaway database on a PostgreSQL server, for tests and benchmarks.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface ScratchDatabase {
  name: string;
  url: string;
  /** Resolves once no connection to the database is left (at most ~5 s). */
  waitIdle(): Promise<void>;
  drop(): Promise<void>;
}

async function onServer<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

// pg's pool.end() resolves before its connections have closed; forcing them closed then
// makes the pool emit an unhandled error, so give them a moment to go first.
async function waitIdle(client: pg.Client, name: string): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const open = await client.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
    if (open.rows[0].n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** `template`: start as a copy of that database (which must have no connections), instead of empty. */
export async function createScratchDatabase(serverUrl: string, prefix: string, options: { template?: string } = {}): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await onServer(serverUrl, (client) => client.query(`CREATE DATABASE ${name}${options.template ? ` TEMPLATE ${options.template}` : ''}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    waitIdle: () => onServer(serverUrl, (client) => waitIdle(client, name)),
    drop: () => onServer(serverUrl, async (client) => {
      await waitIdle(client, name);
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }),
  };
}
