// Numbered migrations, applied in order, each in its own transaction, under an advisory lock so
// that several nodes starting at once apply each migration exactly once.
import { sql } from 'kysely';
import type { Db, DatabaseHandle } from './client.ts';
import { migrations } from './migrations/index.ts';

export interface Migration {
  version: number;
  name: string;
  up(db: Db): Promise<void>;
}

const LOCK_KEY = 7_301_924_113; // arbitrary, constant: "concierge migrations"

/** Applies the migrations not yet applied, in order; `upTo` stops after that version (tests of a migration's data move). */
export async function migrate(handle: DatabaseHandle, log: (message: string) => void = () => {}, upTo = Number.POSITIVE_INFINITY): Promise<number[]> {
  return handle.asOwner(async (db) => {
    await sql`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`.execute(db);
    const applied: number[] = [];
    await db.connection().execute(async (conn) => {
      await sql`SELECT pg_advisory_lock(${LOCK_KEY})`.execute(conn);
      try {
        const done = await sql<{ version: number }>`SELECT version FROM schema_migrations`.execute(conn);
        const doneVersions = new Set(done.rows.map((r) => r.version));
        for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
          if (doneVersions.has(migration.version)) continue;
          if (migration.version > upTo) break;
          await conn.transaction().execute(async (tx) => {
            await migration.up(tx);
            await sql`INSERT INTO schema_migrations (version, name) VALUES (${migration.version}, ${migration.name})`.execute(tx);
          });
          applied.push(migration.version);
          log(`migrated ${migration.version} ${migration.name}`);
        }
      } finally {
        await sql`SELECT pg_advisory_unlock(${LOCK_KEY})`.execute(conn);
      }
    });
    return applied;
  });
}
