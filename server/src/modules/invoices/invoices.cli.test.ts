// `concierge billing run` as an operator runs it: a separate process on a fresh installation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.ts';
import { asPlatform, inTenant } from '../../db/scope.ts';
import { freshInstallation, runConcierge, type Installation } from '../../test/processes.ts';
import type { Config } from '../../config.ts';
import { createMailer } from '../mail/mail.usecases.ts';
import { addPostpaidCharger, addPostpaidSessions } from './invoices.fixtures.ts';
import { runInvoices } from './invoices.usecases.ts';

let installation: Installation;
beforeAll(async () => {
  installation = await freshInstallation({ start: 'demo-wallets' }); // what `concierge seed-demo` loads, but the meters (cli.test.ts runs seed-demo itself)
  // Two residents charged on credit in October (the database is closed again before the command runs).
  const handle = await openDatabase({ databaseUrl: installation.env.DATABASE_URL, dataDir: installation.env.DATA_DIR });
  try {
    const tenant = await asPlatform(handle.db, (tx) => tx.selectFrom('tenants').select('id').where('short_code', '=', 'heimbau').executeTakeFirstOrThrow());
    const people = await inTenant(handle.db, tenant.id, (tx) => tx.selectFrom('people').select('id').where('customer_number', 'in', ['HEIMBAU-10001', 'HEIMBAU-10002', 'HEIMBAU-10004']).orderBy('customer_number').execute());
    const charger = await addPostpaidCharger(handle.db, tenant.id);
    await addPostpaidSessions(handle.db, tenant.id, charger, [
      { personId: people[0]!.id, wh: 20_000, amountMinor: 800, stoppedAt: new Date('2026-10-03T12:00:00Z') },
      { personId: people[1]!.id, wh: 11_000, amountMinor: 390, stoppedAt: new Date('2026-10-09T12:00:00Z') },
    ]);
    // Tomasz's invoice of an earlier month, issued 60 days ago: 30 days overdue now, due for its first reminder.
    await addPostpaidSessions(handle.db, tenant.id, charger, [{ personId: people[2]!.id, wh: 5_000, amountMinor: 200, stoppedAt: new Date('2026-08-09T12:00:00Z') }]);
    const deps = { db: handle.db, clock: { now: () => new Date(Date.now() - 60 * 86_400_000) }, mailer: createMailer({ db: handle.db, smtpUrl: undefined, from: 'test@concierge.test' }), config: { publicUrl: 'http://localhost' } as Config };
    await runInvoices(deps, tenant.id, '2026-08');
  } finally {
    await handle.close();
  }
}, 120_000);
afterAll(async () => { await installation?.remove(); });

const run = (...args: string[]) => runConcierge(args, installation.env);

describe('concierge billing run', { timeout: 60_000 }, () => {
  it('refuses a missing or malformed period and an unknown tenant', async () => {
    const bare = await run('billing', 'run');
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('billing run --period YYYY-MM');
    const month13 = await run('billing', 'run', '--period', '2026-13');
    expect(month13.code).toBe(2);
    expect(month13.stderr).toContain('Not a billing period: 2026-13');
    const nobody = await run('billing', 'run', '--period', '2026-10', '--tenant', 'nobody');
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toContain('No property manager with the short code nobody');
  });

  it('issues the month for every tenant with progress and a summary, and nothing new the second time', async () => {
    const first = await run('billing', 'run', '--period', '2026-10');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('heimbau 2026-10: 2 invoice(s) issued now; the period has 2 invoice(s), 11.90 EUR in all. Sent by e-mail: 2; without e-mail address (to post): 0.');
    expect(first.stdout).toContain('regielac 2026-10: not invoiced by the platform');
    expect(first.stderr).toContain('heimbau 2026-10 issuing: 2/2 (100 %)');
    expect(first.stderr).toContain('heimbau 2026-10 sending: 2/2 (100 %)');

    const again = await run('billing', 'run', '--period', '2026-10', '--tenant', 'heimbau');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toBe('heimbau 2026-10: already run, nothing new issued (2 invoice(s), 11.90 EUR in all).\n');
  });
});

describe('concierge billing remind', { timeout: 60_000 }, () => {
  it('sends the reminders due today with a summary per tenant, and nothing new the second time', async () => {
    expect((await run('billing', 'remind', '--period', '2026-10')).code).toBe(2);
    const first = await run('billing', 'remind');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('heimbau reminders: 1 sent now (level 1: 1, level 2: 0, level 3: 0), 0.00 EUR in fees. Sent by e-mail: 1; without e-mail address (to post): 0.');
    expect(first.stdout).toContain('regielac reminders: 0 sent now (level 1: 0, level 2: 0, level 3: 0), 0.00 CHF in fees.');
    const again = await run('billing', 'remind', '--tenant', 'heimbau');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toBe('heimbau reminders: 0 sent now (level 1: 0, level 2: 0, level 3: 0), 0.00 EUR in fees.\n');
  });
});
