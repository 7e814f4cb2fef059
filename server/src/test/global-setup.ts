// Once per test run, before any test file: the databases test files start from, made once instead
// of once per file. Starting a PGlite from nothing (its initdb) and migrating it took most of each
// file's time; a copy of a prepared one loads in a fraction of that.
//   pglite project:   PGlite data directory images (dumpDataDir) in a temporary folder, one per
//                     starting point: migrated; migrated + demo data; migrated + demo data with wallets.
//   postgres project: the same three as databases on the TEST_DATABASE_URL server, which each test
//                     file copies with CREATE DATABASE ... TEMPLATE.
//   browser project:  the built web portal, and a PGlite data directory holding what `concierge start`
//                     makes of a new installation (migrated, demo data), which each test file copies.
// Each file still checks its copy is fully migrated (migrate() finds nothing to do).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase, type DatabaseHandle } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { createScratchDatabase, type ScratchDatabase } from '../db/scratch.ts';
import { seedDemo } from '../demo/seed.ts';
import { STARTING_POINTS, type StartingPoint } from './database.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** pglite: folder holding `<starting point>.tar` images. */
    pgliteImages: string;
    /** postgres: template database of each starting point. */
    postgresTemplates: Record<StartingPoint, string>;
    /** browser: a PGlite DATA_DIR as `concierge start` leaves a new demo installation. */
    demoInstallation: string;
  }
}

async function prepare(handle: DatabaseHandle, point: StartingPoint): Promise<void> {
  await migrate(handle);
  if (point !== 'migrated') await seedDemo(handle.db, { wallets: point === 'demo-wallets' });
}

async function pgliteImages(folder: string): Promise<void> {
  const migrated = await openDatabase({});
  await migrate(migrated);
  const base = await migrated.pglite!.dumpDataDir('none');
  await migrated.close();
  writeFileSync(join(folder, 'migrated.tar'), Buffer.from(await base.arrayBuffer()));
  for (const point of STARTING_POINTS.filter((p) => p !== 'migrated')) {
    const handle = await openDatabase({ pgliteImage: base });
    await prepare(handle, point);
    const image = await handle.pglite!.dumpDataDir('none');
    await handle.close();
    writeFileSync(join(folder, `${point}.tar`), Buffer.from(await image.arrayBuffer()));
  }
}

async function postgresTemplates(serverUrl: string): Promise<{ templates: Record<StartingPoint, string>; drop(): Promise<void> }> {
  const scratches: ScratchDatabase[] = [];
  const templates = {} as Record<StartingPoint, string>;
  await Promise.all(STARTING_POINTS.map(async (point) => {
    const scratch = await createScratchDatabase(serverUrl, `concierge_tpl_${point.replace('-', '_')}`);
    scratches.push(scratch);
    const handle = await openDatabase({ databaseUrl: scratch.url, poolSize: 2 });
    try {
      await prepare(handle, point);
    } finally {
      await handle.close();
    }
    templates[point] = scratch.name;
  }));
  // The drop waits until the pool's connections are gone: a template must have none when copied.
  await Promise.all(scratches.map((s) => s.waitIdle()));
  return { templates, drop: async () => { await Promise.all(scratches.map((s) => s.drop())); } };
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cleanups: (() => Promise<void> | void)[] = [];
  const teardown = async () => { for (const cleanup of cleanups.reverse()) await cleanup(); };
  try {
    if (project.name === 'pglite') {
      const folder = mkdtempSync(join(tmpdir(), 'concierge-images-'));
      cleanups.push(() => rmSync(folder, { recursive: true, force: true }));
      await pgliteImages(folder);
      project.provide('pgliteImages', folder);
    } else if (project.name === 'postgres') {
      const serverUrl = process.env.TEST_DATABASE_URL;
      if (!serverUrl) throw new Error('TEST_DATABASE_URL is not set');
      const { templates, drop } = await postgresTemplates(serverUrl);
      cleanups.push(drop);
      project.provide('postgresTemplates', templates);
    } else if (project.name === 'browser') {
      const { ensureWebBuilt } = await import('../../../web/e2e/harness.ts');
      const { loadConfig } = await import('../config.ts');
      const { prepareDatabase } = await import('../main.ts');
      const { createLogger } = await import('../logger.ts');
      const built = ensureWebBuilt();
      const dataDir = mkdtempSync(join(tmpdir(), 'concierge-e2e-'));
      cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
      mkdirSync(dataDir, { recursive: true });
      // Exactly what `concierge start` does to a new installation before it serves.
      const config = loadConfig({ LOG_LEVEL: 'warn', DATA_DIR: dataDir });
      const handle = await prepareDatabase(config, createLogger(config));
      await handle.close();
      await built;
      project.provide('demoInstallation', dataDir);
    }
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}
