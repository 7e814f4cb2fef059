// `npm test` runs every project: the suite on PGlite, again on PostgreSQL when
// TEST_DATABASE_URL is set, and the browser tests in Debian's Chromium.
// With REQUIRE_SERVICES=1 (CI) a missing PostgreSQL or Chromium fails the run instead of skipping.
import { existsSync } from 'node:fs';
import { defineConfig } from 'vitest/config';
import LongestFirst from './server/src/test/sequencer.ts';

const require = process.env.REQUIRE_SERVICES === '1';
const postgres = process.env.TEST_DATABASE_URL;
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (require && !postgres) throw new Error('REQUIRE_SERVICES=1 but TEST_DATABASE_URL is not set');
if (require && !existsSync(chromium)) throw new Error(`REQUIRE_SERVICES=1 but Chromium is missing at ${chromium}`);

// global-setup.ts prepares, once per run, the databases each test file starts from.
const globalSetup = ['server/src/test/global-setup.ts'];
// One worker runs many server test files without a fresh module graph for each (`isolate: false`):
// importing the application took a quarter of the suite's time when every file paid for it. The
// files share no state but what they open and close themselves (a database, an app, a server).
const unit = { include: ['server/src/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 60_000, globalSetup, isolate: false };

export default defineConfig({
  test: {
    // Vitest's default is one worker per core minus one: a single worker on a 2-core machine. The
    // tests mostly wait (on PostgreSQL, Chromium, spawned servers), so three overlap that waiting.
    maxWorkers: Number(process.env.TEST_WORKERS ?? 3),
    // Longest files first across all projects, so the projects share the workers instead of
    // running one after another (see the file).
    sequence: { sequencer: LongestFirst },
    projects: [
      { test: { ...unit, name: 'pglite', env: { CONCIERGE_TEST_DB: 'pglite' } } },
      ...(postgres ? [{ test: { ...unit, name: 'postgres', env: { CONCIERGE_TEST_DB: 'postgres' } } }] : []),
      ...(existsSync(chromium)
        ? [{
          test: {
            name: 'browser', include: ['web/e2e/**/*.e2e.ts'], testTimeout: 120_000, hookTimeout: 180_000, globalSetup,
            // What a page shows after a server push or a reload: wait as a person would, not Vitest's 1 s.
            expect: { poll: { timeout: 15_000 } },
          },
        }]
        : []),
    ],
  },
});
