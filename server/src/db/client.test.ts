// The application's connection: transactions mean what they say whatever travels together, and on
// PostgreSQL a tenant's transaction costs fewer round trips (BEGIN with the tenant settings,
// NOTIFYs with the COMMIT).
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, testDatabaseKind } from '../test/database.ts';
import { ledgerFixture } from '../modules/ledger/ledger.fixtures.ts';
import type { DatabaseHandle } from './client.ts';
import { notify, startNotifications, type Notifications } from './notifications.ts';
import { inTenant } from './scope.ts';

let handle: DatabaseHandle;
let notifications: Notifications;
let tenantId: string;
const heard: string[] = [];

beforeAll(async () => {
  handle = await createTestDatabase();
  notifications = await startNotifications(handle);
  notifications.subscribe('appliance_status', (payload) => heard.push(payload));
  tenantId = (await handle.asOwner((owner) => ledgerFixture(owner, { shortCode: 'clienttest', currency: 'EUR', people: 1 }))).tenantId;
});

afterAll(async () => {
  await notifications?.close();
  await handle?.close();
});

const heardSoon = async (payload: string) => expect.poll(() => heard.includes(payload), { timeout: 5_000 }).toBe(true);
const residents = () => inTenant(handle.db, tenantId, (tx) => tx.selectFrom('people').select('last_name').orderBy('last_name').execute());

describe('transactions of the application', () => {
  it('delivers a notification of a transaction once, at its commit, exactly as sent; none of one rolled back', async () => {
    const payload = `{"name":"O'Brien \\"Zoë\\"; SELECT 1 --"}`;
    await inTenant(handle.db, tenantId, async (tx) => {
      await notify(tx, 'appliance_status', payload);
      await sql`SELECT 1`.execute(tx);
      await notify(tx, 'appliance_status', 'second');
    });
    await heardSoon('second');
    expect(heard.filter((p) => p === payload)).toHaveLength(1);

    await expect(inTenant(handle.db, tenantId, async (tx) => {
      await notify(tx, 'appliance_status', 'rolled back');
      throw new Error('changed my mind');
    })).rejects.toThrow('changed my mind');
    await inTenant(handle.db, tenantId, (tx) => notify(tx, 'appliance_status', 'after the rollback'));
    await heardSoon('after the rollback');
    expect(heard).not.toContain('rolled back');
  });

  it('keeps nothing of a transaction that fails, and the connection serves the next one', async () => {
    const before = await residents();
    await expect(inTenant(handle.db, tenantId, async (tx) => {
      await tx.updateTable('people').set({ last_name: 'Changed' }).where('tenant_id', '=', tenantId).execute();
      await sql`SELECT 1 / 0`.execute(tx);
    })).rejects.toThrow(/division by zero/);
    expect(await residents()).toEqual(before);
    // The tenant is that transaction's alone: the next sees its own rows only.
    expect(await inTenant(handle.db, tenantId, async (tx) => (await sql<{ t: string }>`SELECT app_tenant()::text AS t`.execute(tx)).rows[0]!.t)).toBe(tenantId);
  });

  it.runIf(testDatabaseKind() === 'postgres')('sends a tenant transaction with a notification in three round trips on PostgreSQL, not five', async () => {
    const sent = vi.spyOn(pg.Client.prototype, 'query');
    try {
      await inTenant(handle.db, tenantId, async (tx) => {
        await tx.selectFrom('people').select('id').execute();
        await notify(tx, 'appliance_status', 'counted');
      });
      // BEGIN with the tenant settings; the select; the notification with the COMMIT.
      expect(sent.mock.calls.map(([query]) => (typeof query === 'string' ? query : (query as { text: string }).text).replace(/'[^']*'/g, "'…'")))
        .toEqual([
          expect.stringMatching(/^begin; SELECT set_config\('…', '…', true\), set_config\('…', '…', true\)$/),
          expect.stringMatching(/^select "id" from "people"/),
          "SELECT pg_notify('…', '…'); commit",
        ]);
    } finally {
      sent.mockRestore();
    }
    await heardSoon('counted');
  });
});
