// Demo tariffs, valid from 1 January 2025 without end at every demo site: Heimbau (EUR) prices
// washing by energy, drying by time and ironing per use, charging by energy; Régie du Lac (CHF)
// sells washes per programme. VAT is each country's standard rate (AT 20 %, CH 8.1 %).
import type { Db } from '../db/client.ts';
import { asPlatform, inTenant } from '../db/scope.ts';
import type { ApplianceKind, Metering } from '../db/schema.ts';
import { insertTariff } from '../modules/tariffs/tariffs.repository.ts';
import { STANDARD_VAT_BP } from '../modules/tariffs/tariffs.rules.ts';

type DemoTariff = [ApplianceKind, Metering, number];

const TARIFFS: Record<string, DemoTariff[]> = {
  heimbau: [['washer', 'energy', 50], ['dryer', 'time', 100], ['ironer', 'impulse', 100], ['ev_connector', 'energy', 39]],
  regielac: [['washer', 'impulse', 200], ['dryer', 'time', 150], ['ev_connector', 'energy', 45]],
};

export const DEMO_TARIFFS_FROM = new Date('2025-01-01T00:00:00Z');

export async function seedDemoTariffs(db: Db): Promise<void> {
  const sites = await asPlatform(db, (tx) => tx.selectFrom('sites').innerJoin('tenants', 'tenants.id', 'sites.tenant_id')
    .select(['sites.tenant_id', 'sites.id', 'sites.country', 'tenants.short_code', 'tenants.currency']).where('tenants.short_code', 'in', Object.keys(TARIFFS)).execute());
  for (const site of sites) {
    await inTenant(db, site.tenant_id, async (tx) => {
      for (const [applianceKind, metering, unitPriceMinor] of TARIFFS[site.short_code]!) {
        // Straight into the table: as if set up on the day they start, and not in today's audit log.
        await insertTariff(tx, site.tenant_id, { siteId: site.id, applianceKind, metering, unitPriceMinor, sessionFeeMinor: 0,
          vatRateBp: STANDARD_VAT_BP[site.country]!, currency: site.currency, validFrom: DEMO_TARIFFS_FROM, validTo: null, createdAt: DEMO_TARIFFS_FROM });
      }
    });
  }
}
