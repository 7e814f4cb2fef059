// Demo meters with a year of readings, so the portal's charts and reports show something real on
// first start: per site a heat meter and a general-electricity meter read every hour, and per
// flat a heat meter read once a day (what residents see under their own consumption). The
// consumption follows the seasons (heating in winter), the day (mornings and evenings) and some
// noise from a fixed seed, so every new installation shows the same year, ending now. Readings go
// through the same ingest as any meter's, so the consumption tables are built as they would be.
import { seededRandom } from '../seeded.ts';
import type { Db } from '../db/client.ts';
import { asPlatform, inTenant } from '../db/scope.ts';
import { ingestReadings, type IncomingReading } from '../modules/metering/metering.ingest.ts';
import { insertMeter } from '../modules/metering/metering.repository.ts';
import { timeZoneOf } from '../modules/tenancy/countries.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Readings per ingest transaction. */
const BATCH = 10_000;


/** Heating need by day of the year: high in January, none in July (northern hemisphere). */
const season = (at: number) => Math.max(0, Math.cos(((new Date(at).getUTCMonth() * 30.4 + new Date(at).getUTCDate() - 15) / 365) * 2 * Math.PI));
/** More in the morning and evening, little at night. */
const dayShape = (at: number) => {
  const hour = new Date(at).getUTCHours();
  return hour < 5 ? 0.4 : hour < 9 ? 1.5 : hour < 17 ? 0.9 : hour < 22 ? 1.4 : 0.7;
};

/** A register's readings from `from` to `to` every `step`: each step adds its consumption (kWh). */
function registerReadings(serial: string, from: number, to: number, step: number, start: number, perStep: (at: number) => number): IncomingReading[] {
  const readings: IncomingReading[] = [];
  let value = start;
  for (let at = from; at <= to; at += step) {
    readings.push({ meter: serial, at: new Date(at), value: Math.round(value * 1000) / 1000 });
    value += perStep(at);
  }
  return readings;
}

export async function seedDemoMeters(db: Db, now = new Date()): Promise<void> {
  const to = Math.floor(now.getTime() / HOUR) * HOUR - HOUR;
  const from = to - 365 * DAY;
  const tenants = await asPlatform(db, (tx) => tx.selectFrom('tenants').select(['id', 'short_code', 'country']).orderBy('short_code').execute());
  let seed = 42;
  for (const tenant of tenants) {
    const rand = seededRandom(seed++);
    const readings: IncomingReading[] = [];
    await inTenant(db, tenant.id, async (tx) => {
      const sites = await tx.selectFrom('sites').select(['id', 'name']).where('tenant_id', '=', tenant.id).orderBy('name').execute();
      for (const [i, site] of sites.entries()) {
        const code = `${tenant.short_code.toUpperCase()}-${i + 1}`;
        const heat = await insertMeter(tx, tenant.id, { siteId: site.id, unitId: null, name: `${site.name} · heat`, serial: `WMZ-${code}`, medium: 'heat', unit: 'kWh', kind: 'register', intervalMinutes: null });
        const power = await insertMeter(tx, tenant.id, { siteId: site.id, unitId: null, name: `${site.name} · general electricity`, serial: `EL-${code}`, medium: 'electricity', unit: 'kWh', kind: 'register', intervalMinutes: null });
        readings.push(...registerReadings(heat.serial, from, to, HOUR, 250_000 + rand() * 50_000, (at) => (8 + 120 * season(at)) * dayShape(at) * (0.8 + 0.4 * rand())));
        readings.push(...registerReadings(power.serial, from, to, HOUR, 80_000 + rand() * 20_000, (at) => 6 * dayShape(at) * (0.7 + 0.6 * rand())));
        const flats = await tx.selectFrom('units').select(['id', 'label']).where('tenant_id', '=', tenant.id).where('site_id', '=', site.id).where('kind', '=', 'flat').orderBy('label').execute();
        for (const [j, flat] of flats.entries()) {
          const meter = await insertMeter(tx, tenant.id, { siteId: site.id, unitId: flat.id, name: `${flat.label} · heat`, serial: `WMZ-${code}-${j + 1}`, medium: 'heat', unit: 'kWh', kind: 'register', intervalMinutes: null, readingMinutes: 1440 });
          const midnight = Math.floor(from / DAY) * DAY;
          readings.push(...registerReadings(meter.serial, midnight, to, DAY, 10_000 + rand() * 5_000, (at) => (2 + 40 * season(at)) * (0.7 + 0.6 * rand())));
        }
      }
    });
    const zone = timeZoneOf(tenant.country);
    for (let i = 0; i < readings.length; i += BATCH) {
      await inTenant(db, tenant.id, (tx) => ingestReadings(tx, tenant.id, zone, readings.slice(i, i + BATCH), now));
    }
  }
}
