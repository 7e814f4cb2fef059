// Demo settlement contracts: Heimbau is settled quarterly (the seed's "Verrechnung bitte
// quartalsweise": 120 per terminal and year, 5 per extra settlement, with the pseudonymised-data
// option), paid per site; Régie du Lac yearly, in one sum.
import type { Db } from '../db/client.ts';
import { asPlatform } from '../db/scope.ts';

export async function seedDemoContracts(db: Db): Promise<void> {
  await asPlatform(db, async (tx) => {
    const tenants = await tx.selectFrom('tenants').select(['id', 'short_code']).where('short_code', 'in', ['heimbau', 'regielac']).execute();
    const id = (code: string) => tenants.find((t) => t.short_code === code)?.id;
    const heimbau = id('heimbau');
    const regie = id('regielac');
    if (heimbau) {
      await tx.insertInto('settlement_contracts').values({
        tenant_id: heimbau, period: 'quarterly', portal_fee_minor: 12_000, period_surcharge_minor: 500, pseudonymised_data: true,
        pseudonymised_data_fee_minor: 5_000, card_fee_bp: 140, card_fee_fixed_minor: 25, split: 'per_site',
        account_holder: 'Heimbau Hausverwaltung GmbH', iban: 'AT611904300234573201', bic: 'BKAUATWW',
      }).execute();
    }
    if (regie) {
      await tx.insertInto('settlement_contracts').values({
        tenant_id: regie, period: 'yearly', portal_fee_minor: 12_000, period_surcharge_minor: 500, card_fee_bp: 0, card_fee_fixed_minor: 0,
        account_holder: 'Régie du Lac SA', iban: 'CH9300762011623852957', bic: null,
      }).execute();
    }
  });
}
