// What the gateway benchmark runs against: tenants with a site, tariffs, laundry terminals and
// chargers, and residents with an active badge and a funded wallet. Written with bulk SQL as the
// owner (setup, not something the application does), except the top-ups, which go through the
// ledger so that its invariants hold from the first row.
import { randomUUID } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import { sql } from 'kysely';
import type { DatabaseHandle, Db } from '../../server/src/db/client.ts';
import { inTenant } from '../../server/src/db/scope.ts';
import { hashPassword } from '../../server/src/modules/auth/auth.passwords.ts';
import { ledgerFixture } from '../../server/src/modules/ledger/ledger.fixtures.ts';
import { systemAccount, transferId, transferNow } from '../../server/src/modules/ledger/ledger.usecases.ts';

export const DEVICE_PASSWORD = 'bench-device-password';
export const TOP_UP_MINOR = 10_000_000;
/** Prices: a wash by energy at 0.50 per kWh, a charge at 0.30 per kWh. */
export const WASHER_PRICE_MINOR = 50;
const CHARGER_PRICE_MINOR = 30;

export interface WorldSizes {
  tenants: number;
  /** Terminals that connect, boot and stay idle (phase 1). */
  idle: number;
  /** Terminals running laundry sessions, one resident each. */
  sessionTerminals: number;
  /** Terminals tapping badges to measure Authorize, one resident each. */
  probes: number;
  /** Chargers reporting meter values, one resident each. */
  chargers: number;
  /** Terminals with a password hashed at the production argon2id parameters. */
  argon: number;
}

export interface Station {
  identity: string;
  /** The badge of the resident who uses it. */
  idTag: string;
}

/** Each station's badge by its identity. */
export const badges = (stations: Station[]) => Object.fromEntries(stations.map((s) => [s.identity, s.idTag]));

export interface BenchWorld {
  tenantIds: string[];
  idle: string[];
  argon: string[];
  sessionTerminals: Station[];
  probes: Station[];
  chargers: Station[];
  /** A terminal and a charger traced message by message (trace.ts). */
  traced: { terminal: Station; charger: Station };
}

const identities = (prefix: string, count: number) => Array.from({ length: count }, (_, n) => `${prefix}-${n}`);

export async function seedWorld(handle: DatabaseHandle, sizes: WorldSizes): Promise<BenchWorld> {
  // Station n of each set goes to tenant n % tenants, so tenant 0 gets the most of every set.
  const residentsPerTenant = [sizes.sessionTerminals, sizes.probes, sizes.chargers, 1, 1].reduce((sum, count) => sum + Math.ceil(count / sizes.tenants), 0);
  // The bulk of the devices get a cheap argon2id hash: connecting 10,000 devices at the production
  // parameters would measure 10,000 password checks (see the argon group) instead of connections.
  const cheapHash = await hash(DEVICE_PASSWORD, { algorithm: 2, memoryCost: 256, timeCost: 1, parallelism: 1 });
  const productionHash = await hashPassword(DEVICE_PASSWORD);

  const tenants = await handle.asOwner(async (owner) => {
    const tenants: { tenantId: string; siteId: string; tags: string[] }[] = [];
    for (let k = 0; k < sizes.tenants; k++) {
      const { tenantId } = await ledgerFixture(owner, { shortCode: `bench${k}`, currency: 'EUR', people: residentsPerTenant });
      const site = await owner.insertInto('sites').values({
        tenant_id: tenantId, name: `Bench site ${k}`, street: 'Benchstraße 1', postal_code: '1010', city: 'Wien', country: 'AT', accounting_unit: null,
      }).returning('id').executeTakeFirstOrThrow();
      await sql`INSERT INTO tariffs (tenant_id, site_id, appliance_kind, metering, unit_price_minor, session_fee_minor, vat_rate_bp, currency, valid_from)
        VALUES (${tenantId}, ${site.id}, 'washer', 'energy', ${WASHER_PRICE_MINOR}, 0, 2000, 'EUR', '2020-01-01'),
               (${tenantId}, ${site.id}, 'ev_connector', 'energy', ${CHARGER_PRICE_MINOR}, 0, 2000, 'EUR', '2020-01-01')`.execute(owner);
      // A badge per person: its tag is the customer number without the dash (BENCH0-17 → BENCH0X17).
      const tags = await sql<{ id_tag: string }>`
        INSERT INTO credentials (tenant_id, type, id_tag, technology, person_id, status, origin)
        SELECT tenant_id, 'rfid', translate(customer_number, '-', 'X'), 'mifare_classic', id, 'active', 'platform' FROM people WHERE tenant_id = ${tenantId}
        RETURNING id_tag`.execute(owner);
      await sql`INSERT INTO ledger_accounts (tenant_id, kind, currency, person_id, debits_must_not_exceed_credits)
        SELECT tenant_id, 'wallet', 'EUR', id, true FROM people WHERE tenant_id = ${tenantId}`.execute(owner);
      tenants.push({ tenantId, siteId: site.id, tags: tags.rows.map((r) => r.id_tag) });
    }
    const addDevices = (prefix: string, count: number, kind: 'laundry_terminal' | 'charger', passwordHash: string) => sql`
      INSERT INTO devices (tenant_id, identity, kind, site_id, name, password_hash, registration)
      SELECT (${tenants.map((t) => t.tenantId)}::uuid[])[1 + n % ${tenants.length}], ${prefix} || '-' || n, ${kind},
        (${tenants.map((t) => t.siteId)}::uuid[])[1 + n % ${tenants.length}], ${prefix} || '-' || n, ${passwordHash}, 'accepted'
      FROM generate_series(0, ${count - 1}::int) n`.execute(owner);
    await addDevices('BT', sizes.idle, 'laundry_terminal', cheapHash);
    await addDevices('BS', sizes.sessionTerminals, 'laundry_terminal', cheapHash);
    await addDevices('BP', sizes.probes, 'laundry_terminal', cheapHash);
    await addDevices('BA', sizes.argon, 'laundry_terminal', productionHash);
    await addDevices('BC', sizes.chargers, 'charger', cheapHash);
    await addDevices('BX', 1, 'laundry_terminal', cheapHash);
    await addDevices('BY', 1, 'charger', cheapHash);
    await sql`INSERT INTO appliances (tenant_id, device_id, connector_id, kind, metering, name)
      SELECT d.tenant_id, d.id, c, 'washer', 'energy', 'Washer ' || c FROM devices d CROSS JOIN generate_series(1, 2) c WHERE d.kind = 'laundry_terminal'`.execute(owner);
    await sql`INSERT INTO appliances (tenant_id, device_id, connector_id, kind, metering, name)
      SELECT tenant_id, id, 1, 'ev_connector', 'energy', 'Charger' FROM devices WHERE kind = 'charger'`.execute(owner);
    return tenants;
  });

  await fundWallets(handle.db, tenants.map((t) => t.tenantId));
  await handle.asOwner((owner) => sql`ANALYZE`.execute(owner));

  // Each station of a set belongs to tenant n % tenants (as the devices above) and takes the next resident there.
  const next = tenants.map(() => 0);
  const stations = (prefix: string, count: number) => identities(prefix, count).map((identity, n) => {
    const k = n % tenants.length;
    return { identity, idTag: tenants[k]!.tags[next[k]!++]! };
  });
  return {
    tenantIds: tenants.map((t) => t.tenantId),
    idle: identities('BT', sizes.idle),
    argon: identities('BA', sizes.argon),
    sessionTerminals: stations('BS', sizes.sessionTerminals),
    probes: stations('BP', sizes.probes),
    chargers: stations('BC', sizes.chargers),
    traced: { terminal: stations('BX', 1)[0]!, charger: stations('BY', 1)[0]! },
  };
}

async function fundWallets(db: Db, tenantIds: string[]): Promise<void> {
  for (const tenantId of tenantIds) {
    const { source, wallets } = await inTenant(db, tenantId, async (tx) => ({
      source: await systemAccount(tx, tenantId, 'adjustments'),
      wallets: await tx.selectFrom('ledger_accounts').select('id').where('tenant_id', '=', tenantId).where('kind', '=', 'wallet').execute(),
    }));
    let next = 0;
    await Promise.all(Array.from({ length: 8 }, async () => {
      while (next < wallets.length) {
        const wallet = wallets[next++]!.id;
        await transferNow(db, tenantId, {
          id: transferId('bench-top-up', randomUUID()), debitAccountId: source, creditAccountId: wallet, amount: TOP_UP_MINOR, code: 'top_up', reference: { type: 'bench', id: wallet },
        });
      }
    }));
  }
}
