// `concierge bank import` as an operator runs it: a separate process on a fresh installation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.ts';
import { asPlatform, inTenant } from '../../db/scope.ts';
import { freshInstallation, runConcierge, type Installation } from '../../test/processes.ts';
import { walletOf, statement } from '../ledger/ledger.usecases.ts';
import { fixturePath } from './fixtures/fixtures.ts';

let installation: Installation;
beforeAll(async () => {
  installation = await freshInstallation({ start: 'demo-wallets' }); // what `concierge seed-demo` loads, but the meters (cli.test.ts runs seed-demo itself)
}, 120_000);
afterAll(async () => { await installation?.remove(); });

const run = (...args: string[]) => runConcierge(args, installation.env);

describe('concierge bank import', { timeout: 60_000 }, () => {
  it('imports a statement for a tenant, credits its wallets once, and reports a repeat as already imported', async () => {
    const first = await run('bank', 'import', fixturePath('regielac-camt053-v08.xml'), '--tenant', 'regielac');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('camt.053.001.08 CH20240402-053-000188: 6 new credit(s), 5 matched, 1 to review');
    expect(first.stdout).toContain('Credited to wallets: 215.00 CHF.');

    const again = await run('bank', 'import', fixturePath('regielac-camt053-v08.xml'), '--tenant', 'regielac');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('already imported, nothing changed');

    const env = installation.env;
    const handle = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
    try {
      const tenant = await asPlatform(handle.db, (tx) => tx.selectFrom('tenants').select('id').where('short_code', '=', 'regielac').executeTakeFirstOrThrow());
      // The demo wallets carry history of their own: count only what the bank import credited.
      const credited = await inTenant(handle.db, tenant.id, async (tx) => {
        const person = await tx.selectFrom('people').select('id').where('tenant_id', '=', tenant.id).where('customer_number', '=', 'REGIELAC-10002').executeTakeFirstOrThrow();
        const wallet = await walletOf(tx, tenant.id, person.id);
        const lines = (await statement(tx, tenant.id, wallet.id, { from: null, to: null })).lines;
        return lines.filter((line) => line.referenceType === 'bank_entry').reduce((sum, line) => sum + line.amount, 0);
      });
      expect(credited).toBe(8000);
      const audit = await inTenant(handle.db, tenant.id, (tx) => tx.selectFrom('audit_events').select(['action', 'actor_label', 'actor_user_id'])
        .where('tenant_id', '=', tenant.id).where('action', '=', 'bank.statement_imported').execute());
      expect(audit).toEqual([{ action: 'bank.statement_imported', actor_label: 'command line (regielac-camt053-v08.xml)', actor_user_id: null }]);
    } finally {
      await handle.close();
    }
  });

  it('refuses an unknown tenant, a missing file and a malformed file with a one-line reason', async () => {
    const unknownTenant = await run('bank', 'import', fixturePath('regielac-camt054-v08.xml'), '--tenant', 'nobody');
    expect(unknownTenant.code).toBe(1);
    expect(unknownTenant.stderr).toContain('No property manager with the short code nobody');

    const notXml = await run('bank', 'import', fixturePath('fixtures.ts'), '--tenant', 'regielac');
    expect(notXml.code).toBe(1);
    expect(notXml.stderr).toContain('The bank file was refused: not well-formed XML');

    // These two stop before opening the database, so they may run side by side.
    const [missing, usage] = await Promise.all([
      run('bank', 'import', '/nonexistent/statement.xml', '--tenant', 'regielac'),
      run('bank', 'import', fixturePath('regielac-camt054-v08.xml')),
    ]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('No such file: /nonexistent/statement.xml');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('bank import FILE --tenant SHORTCODE');
  });
});
