// The demo's pseudonymised usage data: Heimbau's contract includes the option (settlements.ts), and
// its admin, the README's manager login, holds one of the three grants, so a new installation
// shows the flats' meters under pseudonyms on *Meters* (docs/metering.md, "Who sees what").
import type { Db } from '../db/client.ts';
import { asPlatform } from '../db/scope.ts';

const GRANTED = 'manager@demo.test';

export async function seedDemoPseudonymisedAccess(db: Db): Promise<void> {
  await asPlatform(db, async (tx) => {
    const member = await tx.selectFrom('memberships').innerJoin('users', 'users.id', 'memberships.user_id')
      .innerJoin('settlement_contracts', 'settlement_contracts.tenant_id', 'memberships.tenant_id')
      .select(['memberships.tenant_id', 'memberships.user_id'])
      .where('users.email', '=', GRANTED).where('settlement_contracts.pseudonymised_data', '=', true).executeTakeFirst();
    if (!member) return;
    // Granted by themself: the demo's admin is the one who would grant it.
    await tx.insertInto('pseudonymised_access').values({ tenant_id: member.tenant_id, user_id: member.user_id, granted_by: member.user_id })
      .onConflict((oc) => oc.columns(['tenant_id', 'user_id']).doNothing()).execute();
  });
}
