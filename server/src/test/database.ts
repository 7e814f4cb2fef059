// A fresh, migrated database for one test file: in-memory PGlite, or a new database on the
// PostgreSQL server of TEST_DATABASE_URL when the suite runs in its "postgres" project.
// Each starts as a copy of one prepared once per run by global-setup.ts (a PGlite image, a
// PostgreSQL template database); outside such a run, it is made here from nothing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { createScratchDatabase } from '../db/scratch.ts';
import { seedDemo } from '../demo/seed.ts';

export const testDatabaseKind = (): 'pglite' | 'postgres' => (process.env.CONCIERGE_TEST_DB === 'postgres' ? 'postgres' : 'pglite');

/** What a test database holds at first: the schema only, or the demo data too (with or without wallet history). */
export const STARTING_POINTS = ['migrated', 'demo', 'demo-wallets'] as const;
export type StartingPoint = (typeof STARTING_POINTS)[number];

function provided<K extends 'pgliteImages' | 'postgresTemplates'>(key: K) {
  try {
    return inject(key);
  } catch {
    return undefined; // not inside a Vitest worker
  }
}

async function fromNothing(handle: DatabaseHandle, start: StartingPoint): Promise<void> {
  await migrate(handle);
  if (start !== 'migrated') await seedDemo(handle.db, { wallets: start === 'demo-wallets' });
}

export async function createTestDatabase(options: { poolSize?: number; start?: StartingPoint } = {}): Promise<DatabaseHandle> {
  const start = options.start ?? 'migrated';
  if (testDatabaseKind() === 'pglite') {
    const images = provided('pgliteImages');
    if (!images) {
      const handle = await openDatabase({});
      await fromNothing(handle, start);
      return handle;
    }
    const handle = await openDatabase({ pgliteImage: new Blob([readFileSync(join(images, `${start}.tar`))]) });
    await migrate(handle); // finds every migration applied: a check, not work
    return handle;
  }
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) throw new Error('TEST_DATABASE_URL is not set');
  const template = provided('postgresTemplates')?.[start];
  const scratch = await createScratchDatabase(serverUrl, 'concierge_test', { template });
  const handle = await openDatabase({ databaseUrl: scratch.url, poolSize: options.poolSize ?? 4 });
  if (template) await migrate(handle); // a check, as above
  else await fromNothing(handle, start);
  return { ...handle, async close() { await handle.close(); await scratch.drop(); } };
}
