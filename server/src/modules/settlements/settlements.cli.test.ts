// `concierge settlement run` as an operator runs it: a separate process on a fresh installation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.ts';
import { asPlatform } from '../../db/scope.ts';
import { freshInstallation, runConcierge, type Installation } from '../../test/processes.ts';
import { addCardTopUp, addSite, addUsage } from './settlements.fixtures.ts';

let installation: Installation;
beforeAll(async () => {
  installation = await freshInstallation({ start: 'demo-wallets' }); // what `concierge seed-demo` loads, but the meters (cli.test.ts runs seed-demo itself)
  // Heimbau (quarterly, per site) had one terminal and 80.00 of washing in the third quarter of 2025.
  const handle = await openDatabase({ databaseUrl: installation.env.DATABASE_URL, dataDir: installation.env.DATA_DIR });
  try {
    const { tenant, anna } = await asPlatform(handle.db, async (tx) => ({
      tenant: (await tx.selectFrom('tenants').select('id').where('short_code', '=', 'heimbau').executeTakeFirstOrThrow()).id,
      anna: (await tx.selectFrom('people').select('id').where('customer_number', '=', 'HEIMBAU-10001').executeTakeFirstOrThrow()).id,
    }));
    const site = await addSite(handle.db, tenant, 'Wohnanlage Ost', 1, new Date('2025-02-01T10:00:00Z'));
    await addCardTopUp(handle.db, tenant, anna, 10_000, new Date('2025-07-01T10:00:00Z'));
    await addUsage(handle.db, tenant, site, anna, 8_000, new Date('2025-08-01T10:00:00Z'));
  } finally {
    await handle.close();
  }
}, 120_000);
afterAll(async () => { await installation?.remove(); });

const run = (...args: string[]) => runConcierge(args, installation.env);

describe('concierge settlement run', { timeout: 60_000 }, () => {
  it('refuses a missing or malformed period and an unknown tenant', async () => {
    const bare = await run('settlement', 'run');
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('settlement run --period 2026|2026-Q3|2026-10');
    const q5 = await run('settlement', 'run', '--period', '2025-Q5');
    expect(q5.code).toBe(2);
    expect(q5.stderr).toContain('Not a settlement period: 2025-Q5');
    const nobody = await run('settlement', 'run', '--period', '2025-Q3', '--tenant', 'nobody');
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toContain('No property manager with the short code nobody');
  });

  it('settles the quarter for the managers settled quarterly, with progress and a summary, and nothing new the second time', async () => {
    const first = await run('settlement', 'run', '--period', '2025-Q3');
    expect(first.code, first.stderr).toBe(0);
    // 80.00 minus a quarter of 120 + 3 × 5 (33.75), a quarter of the data option (12.50) and card fees
    // (1.4 % of 100.00 + 0.25 = 1.65): 32.10.
    expect(first.stdout).toContain('heimbau 2025-Q3: settled: revenue 80.00 EUR, fees 47.90 EUR, payout 32.10 EUR (payout file pain001-heimbau-settlement-2025-Q3.xml).');
    expect(first.stdout).not.toContain('regielac');
    expect(first.stderr).toContain('settlement 2025-Q3: 1/1 (100 %)');
    const again = await run('settlement', 'run', '--period', '2025-Q3');
    expect(again.stdout).toContain('heimbau 2025-Q3: settled before, nothing new: revenue 80.00 EUR, fees 47.90 EUR, payout 32.10 EUR');
    // Régie du Lac is settled yearly: named, it is refused with the reason.
    const regie = await run('settlement', 'run', '--period', '2025-Q3', '--tenant', 'regielac');
    expect(regie.code).toBe(1);
    expect(regie.stdout).toContain('regielac 2025-Q3: not settled: This property manager is settled yearly; give a period of that kind (settlements.wrong_period).');
  });
});
