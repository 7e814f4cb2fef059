// Demo bank accounts: Heimbau receives euros on an Austrian IBAN (EPC QR slips); Régie du Lac
// receives francs on a QR-IBAN (QR references) beside its normal IBAN.
import type { Db } from '../db/client.ts';
import { asPlatform } from '../db/scope.ts';

export async function seedDemoBankAccounts(db: Db): Promise<void> {
  await asPlatform(db, async (tx) => {
    const tenants = await tx.selectFrom('tenants').select(['id', 'short_code']).where('short_code', 'in', ['heimbau', 'regielac']).execute();
    const id = (code: string) => tenants.find((t) => t.short_code === code)?.id;
    const heimbau = id('heimbau');
    const regie = id('regielac');
    if (heimbau) {
      await tx.insertInto('tenant_bank_accounts').values({ tenant_id: heimbau, iban: 'AT611904300234573201', qr_iban: null, bic: 'BKAUATWW',
        creditor_name: 'Heimbau Hausverwaltung GmbH', street: 'Praterstraße 12', postal_code: '1020', city: 'Wien', country: 'AT' }).execute();
    }
    if (regie) {
      await tx.insertInto('tenant_bank_accounts').values({ tenant_id: regie, iban: 'CH9300762011623852957', qr_iban: 'CH4431999123000889012', bic: null,
        creditor_name: 'Régie du Lac SA', street: 'Avenue de la Gare 5', postal_code: '1003', city: 'Lausanne', country: 'CH' }).execute();
    }
  });
}
