// A fresh, migrated database for one test file: in-memory PGlite, or a new database on the
// PostgreSQL server of TEST_DATABASE_URL when the suite runs in its "postgres" project.
import { openDatabase, type DatabaseHandle } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { createScratchDatabase } from '../db/scratch.ts';

export const testDatabaseKind = (): 'pglite' | 'postgres' => (process.env.CONCIERGE_TEST_DB === 'postgres' ? 'postgres' : 'pglite');

/** A migrated PGlite, dumped once per worker: each test file starts from a copy instead of migrating again. */
let migratedImage: Promise<Blob> | undefined;

async function migratedPgliteImage(): Promise<Blob> {
  const handle = await openDatabase({});
  await migrate(handle);
  const image = await handle.pglite!.dumpDataDir('none');
  await handle.close();
  return image;
}

export async function createTestDatabase(options: { poolSize?: number } = {}): Promise<DatabaseHandle> {
  if (testDatabaseKind() === 'pglite') {
    const handle = await openDatabase({ pgliteImage: await (migratedImage ??= migratedPgliteImage()) });
    await migrate(handle); // finds every migration applied: a check, not work
    return handle;
  }
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) throw new Error('TEST_DATABASE_URL is not set');
  const scratch = await createScratchDatabase(serverUrl, 'concierge_test');
  const handle = await openDatabase({ databaseUrl: scratch.url, poolSize: options.poolSize ?? 4 });
  await migrate(handle);
  return { ...handle, async close() { await handle.close(); await scratch.drop(); } };
}
