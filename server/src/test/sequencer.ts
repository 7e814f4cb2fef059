// The order test files start in: longest first, whatever their project, so that the few long
// files (a 100,000-operation property test, spawned `concierge` processes, the fuzz storm, the
// longest browser journeys) run beside the many short ones instead of alone at the end.
// Vitest's own order runs the projects one after another and, without timings of an earlier run
// (a clean clone in CI), puts larger files first. Durations of an earlier run on this machine
// (Vitest's cache) win; otherwise the rough figures below, measured on a 2-core machine, and a
// default by project. Only the order matters: every file still runs.
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Seconds, by "project:path". */
const EXPECTED: Record<string, number> = {
  'postgres:server/src/modules/ledger/ledger.property.test.ts': 200,
  'pglite:server/src/modules/ledger/ledger.crash.test.ts': 100,
  'pglite:server/src/gateway/ocpp/fuzz.test.ts': 80,
  'pglite:server/src/cli.test.ts': 60,
  'postgres:server/src/cli.test.ts': 55,
  'pglite:server/src/modules/bankimport/bankimport.cli.test.ts': 60,
  'postgres:server/src/modules/bankimport/bankimport.cli.test.ts': 45,
  'postgres:server/src/modules/ledger/ledger.crash.test.ts': 60,
  'browser:web/e2e/wallet.e2e.ts': 65,
  'browser:web/e2e/locks.e2e.ts': 65,
  'browser:web/e2e/staff-money.e2e.ts': 60,
  'pglite:server/src/simulator/simulate.cli.test.ts': 45,
  'postgres:server/src/simulator/simulate.cli.test.ts': 35,
  'postgres:server/src/gateway/ocpp/fuzz.test.ts': 40,
  'pglite:server/src/simulator/terminal.test.ts': 40,
  'postgres:server/src/simulator/terminal.test.ts': 40,
  'browser:web/e2e/administration.e2e.ts': 40,
  'postgres:server/src/gateway/nodes.process.test.ts': 35,
  'browser:web/e2e/account.e2e.ts': 30,
  'pglite:server/src/main.test.ts': 25,
  'pglite:server/src/modules/ledger/ledger.property.test.ts': 25,
  'browser:web/e2e/manager.e2e.ts': 25,
  'postgres:server/src/main.test.ts': 20,
  'browser:web/e2e/laundry.e2e.ts': 18,
  'browser:web/e2e/badges.e2e.ts': 18,
};
const BY_PROJECT: Record<string, number> = { browser: 12, pglite: 6, postgres: 5 };

export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const seconds = (spec: TestSpecification) => {
      const key = `${spec.project.name}:${relative(this.ctx.config.root, spec.moduleId)}`;
      const earlier = this.ctx.cache.getFileTestResults(key);
      return earlier ? earlier.duration / 1000 : EXPECTED[key] ?? BY_PROJECT[spec.project.name] ?? 5;
    };
    return files.map((spec) => ({ spec, seconds: seconds(spec) })).sort((a, b) => b.seconds - a.seconds).map(({ spec }) => spec);
  }
}
