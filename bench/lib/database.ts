// A fresh PostgreSQL database for one benchmark scenario, dropped afterwards.
import { openDatabase, type DatabaseHandle } from '../../server/src/db/client.ts';
import { createScratchDatabase } from '../../server/src/db/scratch.ts';

export async function withFreshPostgres(serverUrl: string, poolSize: number, work: (handle: DatabaseHandle) => Promise<void>): Promise<void> {
  const scratch = await createScratchDatabase(serverUrl, 'concierge_bench');
  const handle = await openDatabase({ databaseUrl: scratch.url, poolSize });
  try {
    await work(handle);
  } finally {
    await handle.close();
    await scratch.drop();
  }
}
