// The registry covers every personal column of the schema: a new table or column with a person's
// data fails here until it is exported or excluded with a reason, and documented.
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client.ts';
import { createTestDatabase } from '../../test/database.ts';
import { EXCLUDED, EXPORTED, isPersonalColumn, REGISTERED_TABLES } from './privacy.registry.ts';

let handle: DatabaseHandle;
let columns: { table_name: string; column_name: string }[];
beforeAll(async () => {
  handle = await createTestDatabase();
  columns = await handle.asOwner(async (db) => (await sql<{ table_name: string; column_name: string }>`
    SELECT c.table_name, c.column_name FROM information_schema.columns c
    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
    WHERE c.table_schema = 'public'`.execute(db)).rows);
});
afterAll(() => handle.close());

it('has every table with a personal column exported or excluded with a reason', () => {
  const personal = columns.filter((c) => isPersonalColumn(c.column_name));
  expect(personal.length).toBeGreaterThan(20);
  const uncovered = [...new Set(personal.map((c) => c.table_name))].filter((t) => !REGISTERED_TABLES.includes(t));
  expect(uncovered, 'tables with personal columns missing from privacy.registry.ts').toEqual([]);
});

it('names every personal column of an excluded table in its reason', () => {
  const excluded = new Map(EXCLUDED.map((e) => [e.table, e.columns]));
  const unexplained = columns.filter((c) => isPersonalColumn(c.column_name) && excluded.has(c.table_name) && !excluded.get(c.table_name)!.includes(c.column_name))
    .map((c) => `${c.table_name}.${c.column_name}`);
  expect(unexplained).toEqual([]);
  for (const e of EXCLUDED) expect(e.reason.length, e.table).toBeGreaterThan(20);
});

it('registers only tables that exist, each once', () => {
  const tables = new Set(columns.map((c) => c.table_name));
  expect(REGISTERED_TABLES.filter((t) => !tables.has(t))).toEqual([]);
  expect(new Set(REGISTERED_TABLES).size).toBe(REGISTERED_TABLES.length);
  expect(EXPORTED.find((t) => t.table === 'users')).toBeDefined();
});

it('documents every registered table in docs/PRIVACY.md', () => {
  const doc = readFileSync(new URL('../../../../docs/PRIVACY.md', import.meta.url), 'utf8');
  expect(REGISTERED_TABLES.filter((t) => !new RegExp(`\\b${t}\\b`).test(doc))).toEqual([]);
});
