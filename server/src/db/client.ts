// Opens the database: PGlite under DATA_DIR by default, PostgreSQL when DATABASE_URL is set.
// The application's connections run as the non-superuser role `concierge_app`, so row-level
// security holds even when the URL names a superuser. Only migrations run as the owner.
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;

export const APP_ROLE = 'concierge_app';
export const PLATFORM_ROLE = 'concierge_platform';

export interface DatabaseHandle {
  kind: 'pglite' | 'postgres';
  /** Connections in the application role. Usable once the migrations have run. */
  db: Db;
  /** Runs `work` as the database owner (migrations, role setup). */
  asOwner<T>(work: (db: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** PostgreSQL only: the server's address, for connections of their own (LISTEN). */
  connectionString?: string;
  /** PGlite only: the instance, whose listen() delivers NOTIFY on its one connection. */
  pglite?: PGlite;
}

// int8 arrives as a string from pg; money columns are bigint minor units far below 2^53.
pg.types.setTypeParser(20, (value) => Number(value));

export interface OpenOptions {
  databaseUrl?: string;
  dataDir?: string;
  poolSize?: number;
  /** PGlite: start from this copy of a data directory (PGlite's dumpDataDir), e.g. an already migrated one. */
  pgliteImage?: Blob;
}

export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options.poolSize ?? 10) : openPglite(options.dataDir, options.pgliteImage);
}

/** Statement kinds given a name; beyond this many (queries built with lists of every length) the rest go unnamed. */
const MAX_NAMED_STATEMENTS = 2_000;
const namedStatements = new Set<string>();

/** How notify() sends a notification; inside a transaction the PostgreSQL client holds it back until the commit. */
export const NOTIFY_STATEMENT = 'SELECT pg_notify($1, $2)';

type Result = { command: string; rowCount: number | null; rows: unknown[] };
type Send = (...args: unknown[]) => Promise<Result | Result[]>;
const NOTHING_SENT: Result = { command: 'SELECT', rowCount: 0, rows: [] };

/**
 * The application's PostgreSQL connection, which spares round trips without changing what a
 * statement means (each round trip is a socket write and read on both sides: a third of the
 * gateway's CPU under load went to them):
 * - Every parameterised statement goes as a named (prepared) one, its name a hash of its text, so
 *   each connection has PostgreSQL parse a kind of statement once and plan it from the cache after
 *   that. The application runs the same few hundred statements all day (Kysely's, with their
 *   parameters apart).
 * - A transaction's BEGIN travels with its first statement when that one has no parameters (the
 *   role and tenant settings of inTenant and asPlatform): one simple query of two statements.
 * - NOTIFYs inside a transaction travel with its COMMIT. PostgreSQL delivers them at the commit
 *   either way, and a rollback drops them either way.
 */
class PreparingClient extends pg.Client {
  #beginHeld = false;
  #inTransaction = false;
  #notifications: string[] = [];

  override query(...args: unknown[]): never {
    const [text, values] = args;
    const plain = super.query as unknown as (...a: unknown[]) => never;
    if (args.length !== 2 || typeof text !== 'string' || !Array.isArray(values)) return plain.apply(this, args);
    return this.#statement(text, values, plain.bind(this)) as never;
  }

  async #statement(text: string, values: unknown[], send: Send): Promise<Result> {
    if (values.length === 0 && text === 'begin' && !this.#inTransaction) {
      this.#beginHeld = this.#inTransaction = true;
      return NOTHING_SENT;
    }
    if (values.length === 0 && (text === 'commit' || text === 'rollback') && this.#inTransaction) {
      const notifications = text === 'commit' ? this.#notifications : [];
      const begun = !this.#beginHeld;
      this.#beginHeld = this.#inTransaction = false;
      this.#notifications = [];
      // A transaction that sent nothing has nothing to end.
      if (!begun && notifications.length === 0) return { ...NOTHING_SENT, command: text.toUpperCase() };
      return lastOf(send([...(begun ? [] : ['begin']), ...notifications, text].join('; ')));
    }
    if (this.#inTransaction && text === NOTIFY_STATEMENT && values.every((v) => typeof v === 'string')) {
      this.#notifications.push(`SELECT pg_notify(${values.map((v) => this.escapeLiteral(v as string)).join(', ')})`);
      return NOTHING_SENT;
    }
    if (this.#beginHeld) {
      this.#beginHeld = false;
      if (values.length === 0) return lastOf(send(`begin; ${text}`));
      await send('begin');
    }
    if (values.length === 0) return lastOf(send(text, values));
    const name = createHash('sha1').update(text).digest('base64url');
    if (!namedStatements.has(name)) {
      if (namedStatements.size >= MAX_NAMED_STATEMENTS) return lastOf(send(text, values));
      namedStatements.add(name);
    }
    return lastOf(send({ name, text, values }));
  }
}

/** A simple query of several statements answers with one result each: the caller asked for the last. */
async function lastOf(pending: Promise<Result | Result[]>): Promise<Result> {
  const results = await pending;
  return Array.isArray(results) ? results.at(-1)! : results;
}

/** Connections in the application role. The role is a startup parameter: a connection that cannot take it fails instead of silently running as the login user. */
function appConnections(connectionString: string, max: number): Db {
  return new Kysely<Database>({ dialect: new PostgresDialect({
    pool: new pg.Pool({ connectionString, max, options: `-c role=${APP_ROLE}`, Client: PreparingClient }),
  }) });
}

function openPostgres(connectionString: string, max: number): DatabaseHandle {
  const db = appConnections(connectionString, max);
  return {
    kind: 'postgres',
    db,
    connectionString,
    async asOwner(work) {
      const owner = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString, max: 1 }) }) });
      try {
        return await work(owner);
      } finally {
        await owner.destroy();
      }
    },
    close: () => db.destroy(),
  };
}

/**
 * A few connections of their own beside the main pool, for work that must not queue behind
 * long transactions (the tap's checks). PGlite has one connection: there it is that one.
 */
export function sideConnections(handle: DatabaseHandle, max: number): { db: Db; close(): Promise<void> } {
  if (!handle.connectionString) return { db: handle.db, close: async () => {} };
  const db = appConnections(handle.connectionString, max);
  return { db, close: () => db.destroy() };
}

async function openPglite(dataDir: string | undefined, image: Blob | undefined): Promise<DatabaseHandle> {
  // DATA_DIR=memory:// keeps everything in memory (tests, throwaway demos).
  let location = 'memory://';
  if (dataDir && dataDir !== 'memory://') {
    mkdirSync(dataDir, { recursive: true });
    location = join(dataDir, 'pglite');
  }
  // Durability: `relaxedDurability` stays off (the default). On Node the data directory is
  // written through directly, so a commit survives the process being killed (ledger.crash.test.ts);
  // but PGlite's fsync is a no-op, so it may not survive a power loss or OS crash.
  const pglite = await PGlite.create(location, image ? { loadDataDir: image } : {});
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
  // PGlite has one connection: step out of the role for owner work, back in afterwards.
  const enterAppRole = async () => {
    const exists = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_roles WHERE rolname = ${APP_ROLE}`.execute(db);
    if (exists.rows[0]?.n) await sql`SET ROLE ${sql.raw(APP_ROLE)}`.execute(db);
  };
  await enterAppRole();
  return {
    kind: 'pglite',
    db,
    pglite,
    async asOwner(work) {
      await sql`RESET ROLE`.execute(db);
      try {
        return await work(db);
      } finally {
        await enterAppRole();
      }
    },
    close: () => db.destroy(),
  };
}
