// Demo data for a new database: an operator, Heimbau (Vienna, EUR, German) and Régie du Lac
// (Lausanne, CHF, French), each with sites, units, residents and staff. Password for every
// demo login: `demo-password`. Later modules extend the demo with their own data.
import type { Db } from '../db/client.ts';
import { asPlatform } from '../db/scope.ts';
import type { Language, TenantRole, UnitKind } from '../db/schema.ts';
import { hashPassword } from '../modules/auth/auth.passwords.ts';
import { nextCustomerNumber } from '../modules/people/people.repository.ts';
import { seedDemoBankAccounts } from './bank-accounts.ts';
import { seedDemoCredentials } from './credentials.ts';
import { seedDemoWallets } from './wallets.ts';
import { seedDemoTariffs } from './tariffs.ts';
import { seedDemoDevices } from './devices.ts';
import { seedDemoContracts } from './settlements.ts';
import { seedDemoMeters } from './meters.ts';
import { seedDemoPseudonymisedAccess } from './pseudonymised-access.ts';
import { seedDemoLocks } from './locks.ts';
import { seedDemoTickets } from './tickets.ts';

export const DEMO_PASSWORD = 'demo-password';

interface DemoPerson { first: string; last: string; email?: string; language: Language; unit: string; login?: TenantRole }
interface DemoTenant {
  name: string; shortCode: string; country: string; currency: 'EUR' | 'CHF'; language: Language;
  mode: 'platform_billing' | 'owner_statements';
  sites: { name: string; street: string; postalCode: string; city: string; units: [UnitKind, string][] }[];
  people: DemoPerson[];
  staff: { email: string; name: string; role: TenantRole }[];
}

const tenants: DemoTenant[] = [
  {
    name: 'Heimbau', shortCode: 'heimbau', country: 'AT', currency: 'EUR', language: 'de', mode: 'platform_billing',
    sites: [
      { name: 'Wohnhausanlage Leopoldau', street: 'Leopoldauer Straße 120', postalCode: '1210', city: 'Wien',
        units: [['flat', 'Stiege 1 / Top 1'], ['flat', 'Stiege 1 / Top 2'], ['flat', 'Stiege 1 / Top 3'], ['flat', 'Stiege 2 / Top 4'],
          ['laundry_room', 'Waschküche Stiege 1'], ['garage', 'Tiefgarage'], ['parking_space', 'Stellplatz 14'], ['parking_space', 'Stellplatz 15']] },
      { name: 'Wohnpark Simmering', street: 'Simmeringer Hauptstraße 88', postalCode: '1110', city: 'Wien',
        units: [['flat', 'Top 1'], ['flat', 'Top 2'], ['laundry_room', 'Waschküche'], ['parking_space', 'Stellplatz 3']] },
    ],
    people: [
      { first: 'Anna', last: 'Huber', email: 'resident@demo.test', language: 'de', unit: 'Stiege 1 / Top 1', login: 'resident' },
      { first: 'Lukas', last: 'Gruber', email: 'lukas.gruber@demo.test', language: 'de', unit: 'Stiege 1 / Top 2' },
      { first: 'Marie', last: 'Wagner', language: 'de', unit: 'Stiege 1 / Top 3' },
      { first: 'Tomasz', last: 'Nowak', email: 'tomasz.nowak@demo.test', language: 'pl', unit: 'Stiege 2 / Top 4' },
      { first: 'Anna', last: 'Huber', language: 'de', unit: 'Stellplatz 14' },
      { first: 'Fatma', last: 'Yilmaz', email: 'fatma.yilmaz@demo.test', language: 'en', unit: 'Top 1' },
    ],
    staff: [
      { email: 'manager@demo.test', name: 'Michael Berger', role: 'manager_admin' },
      { email: 'staff@demo.test', name: 'Sabine Moser', role: 'manager_staff' },
    ],
  },
  {
    name: 'Régie du Lac', shortCode: 'regielac', country: 'CH', currency: 'CHF', language: 'fr', mode: 'owner_statements',
    sites: [
      { name: 'Résidence du Port', street: 'Avenue de Rhodanie 40', postalCode: '1007', city: 'Lausanne',
        units: [['flat', 'App. 101'], ['flat', 'App. 102'], ['flat', 'App. 201'], ['laundry_room', 'Buanderie'], ['garage', 'Garage souterrain'], ['parking_space', 'Place 7']] },
    ],
    people: [
      { first: 'Camille', last: 'Favre', email: 'resident.ch@demo.test', language: 'fr', unit: 'App. 101', login: 'resident' },
      { first: 'Luca', last: 'Rossi', email: 'luca.rossi@demo.test', language: 'fr', unit: 'App. 102' },
      { first: 'Sophie', last: 'Meier', language: 'de', unit: 'App. 201' },
      { first: 'Luca', last: 'Rossi', language: 'fr', unit: 'Place 7' },
    ],
    staff: [{ email: 'regie@demo.test', name: 'Julien Mercier', role: 'manager_admin' }],
  },
];

/**
 * `wallets: false` leaves wallets empty (server tests count balances from zero). `meters: true`
 * adds meters with a year of readings and grants the manager's admin pseudonymised usage data, so
 * the flats' meters show (a new installation's demo; tests make their own meters and grants).
 */
export async function seedDemo(db: Db, options: { wallets?: boolean; meters?: boolean } = {}): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await asPlatform(db, async (tx) => {
    await tx.insertInto('users').values({ email: 'operator@demo.test', password_hash: passwordHash, display_name: 'Olivia Operator', language: 'en', platform_role: 'operator_admin', landline: null, mobile: null, totp_secret: null, totp_enabled_at: null, disabled_at: null }).execute();
    for (const t of tenants) {
      const tenant = await tx.insertInto('tenants').values({ name: t.name, short_code: t.shortCode, country: t.country, currency: t.currency, default_language: t.language, operating_mode: t.mode }).returning('id').executeTakeFirstOrThrow();
      const unitIds = new Map<string, string>();
      for (const s of t.sites) {
        const site = await tx.insertInto('sites').values({ tenant_id: tenant.id, name: s.name, street: s.street, postal_code: s.postalCode, city: s.city, country: t.country, accounting_unit: null }).returning('id').executeTakeFirstOrThrow();
        for (const [kind, label] of s.units) {
          const unit = await tx.insertInto('units').values({ tenant_id: tenant.id, site_id: site.id, kind, label, floor: null }).returning('id').executeTakeFirstOrThrow();
          unitIds.set(label, unit.id);
        }
      }
      const personIds = new Map<string, string>();
      for (const p of t.people) {
        const key = `${p.first} ${p.last}`;
        let personId = personIds.get(key);
        if (!personId) {
          const person = await tx.insertInto('people').values({ tenant_id: tenant.id, customer_number: await nextCustomerNumber(tx, tenant.id, t.shortCode), first_name: p.first, last_name: p.last, email: p.email ?? null, landline: null, mobile: null, language: p.language }).returning('id').executeTakeFirstOrThrow();
          personId = person.id;
          personIds.set(key, personId);
        }
        await tx.insertInto('occupancies').values({ tenant_id: tenant.id, unit_id: unitIds.get(p.unit)!, person_id: personId, starts_on: '2024-01-01', relation: p.unit.includes('Stellplatz') || p.unit.includes('Place') ? 'holder' : 'tenant' }).execute();
        if (p.login && p.email) {
          const user = await tx.insertInto('users').values({ email: p.email, password_hash: passwordHash, display_name: key, language: p.language, platform_role: null, landline: null, mobile: null, totp_secret: null, totp_enabled_at: null, disabled_at: null }).returning('id').executeTakeFirstOrThrow();
          await tx.insertInto('memberships').values({ tenant_id: tenant.id, user_id: user.id, role: p.login, person_id: personId }).execute();
        }
      }
      for (const s of t.staff) {
        const user = await tx.insertInto('users').values({ email: s.email, password_hash: passwordHash, display_name: s.name, language: t.language, platform_role: null, landline: null, mobile: null, totp_secret: null, totp_enabled_at: null, disabled_at: null }).returning('id').executeTakeFirstOrThrow();
        await tx.insertInto('memberships').values({ tenant_id: tenant.id, user_id: user.id, role: s.role, person_id: null }).execute();
      }
    }
  });
  await seedDemoBankAccounts(db);
  await seedDemoTariffs(db);
  await seedDemoContracts(db);
  await seedDemoLocks(db, passwordHash);
  if (options.wallets !== false) {
    await seedDemoWallets(db);
    await seedDemoCredentials(db);
    await seedDemoDevices(db);
    await seedDemoTickets(db, passwordHash);
  }
  if (options.meters) {
    await seedDemoMeters(db);
    await seedDemoPseudonymisedAccess(db);
  }
}

/** A database is new when it holds no login yet. */
export async function isEmpty(db: Db): Promise<boolean> {
  const row = await asPlatform(db, (tx) => tx.selectFrom('users').select('id').limit(1).executeTakeFirst());
  return row === undefined;
}
