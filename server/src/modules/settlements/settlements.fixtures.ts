// A property manager's money as the earlier modules leave it, written at chosen times: sites with
// accepted terminals, residents' prepaid usage at those sites (a completed session and its ledger
// transfer wallet → revenue), card top-ups and fees that belong to no site. For the settlement
// tests, which need revenue in past quarters rather than devices producing it now.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../db/client.ts';
import { inTenant } from '../../db/scope.ts';
import { createTransfer, systemAccount, transferId, walletOf } from '../ledger/ledger.usecases.ts';

export interface FixtureSite { id: string; deviceIds: string[]; applianceId: string }

/** A site with `terminals` accepted laundry terminals, installed at `installedAt`. */
export function addSite(db: Db, tenantId: string, name: string, terminals: number, installedAt: Date): Promise<FixtureSite> {
  return inTenant(db, tenantId, async (tx) => {
    const site = await tx.insertInto('sites').values({
      tenant_id: tenantId, name, street: 'Hauptstrasse 1', postal_code: '1010', city: 'Wien', country: 'AT', accounting_unit: null,
    } as never).returning('id').executeTakeFirstOrThrow();
    const deviceIds: string[] = [];
    for (let n = 1; n <= terminals; n++) {
      const identity = `ST-${site.id.slice(0, 8)}-${n}`;
      const device = await tx.insertInto('devices').values({
        tenant_id: tenantId, identity, kind: 'laundry_terminal', site_id: site.id, name: identity, password_hash: 'unused', registration: 'accepted', created_at: installedAt,
      } as never).returning('id').executeTakeFirstOrThrow();
      deviceIds.push(device.id);
    }
    const appliance = await tx.insertInto('appliances').values({
      tenant_id: tenantId, device_id: deviceIds[0]!, connector_id: 1, kind: 'washer', metering: 'energy', name: 'Waschmaschine 1',
    } as never).returning('id').executeTakeFirstOrThrow();
    return { id: site.id, deviceIds, applianceId: appliance.id };
  });
}

/** A completed prepaid wash at `site` charged to `personId`'s wallet at `at` (the wallet must hold it). */
export function addUsage(db: Db, tenantId: string, site: FixtureSite, personId: string, amountMinor: number, at: Date): Promise<string> {
  return inTenant(db, tenantId, async (tx) => {
    const row = await sql<{ id: string }>`
      INSERT INTO usage_sessions (tenant_id, device_id, appliance_id, connector_id, id_tag, person_id, status, billing, metering,
        unit_price_minor, session_fee_minor, vat_rate_bp, currency, started_at, stopped_at, meter_start_wh, meter_stop_wh, quantity, amount_minor, ended_by)
      VALUES (${tenantId}, ${site.deviceIds[0]}, ${site.applianceId}, 1, ${`FX-${randomUUID()}`}, ${personId}, 'completed', 'prepaid', 'energy',
        50, 0, 2000, (SELECT currency FROM tenants WHERE id = ${tenantId}), ${new Date(at.getTime() - 3600_000)}, ${at}, 0, 1000, 1000, ${amountMinor}, 'device')
      RETURNING id`.execute(tx);
    const id = row.rows[0]!.id;
    await createTransfer(tx, tenantId, {
      id: transferId('fixture-usage', id), debitAccountId: (await walletOf(tx, tenantId, personId)).id, creditAccountId: await systemAccount(tx, tenantId, 'revenue'),
      amount: amountMinor, code: 'usage', reference: { type: 'usage_session', id },
    }, at);
    return id;
  });
}

/** A card top-up of `personId`'s wallet at `at`, online or at a terminal. */
export function addCardTopUp(db: Db, tenantId: string, personId: string, amountMinor: number, at: Date, where: 'card_clearing' | 'terminal_card_clearing' = 'card_clearing'): Promise<void> {
  return inTenant(db, tenantId, async (tx) => {
    const id = randomUUID();
    await createTransfer(tx, tenantId, {
      id, debitAccountId: await systemAccount(tx, tenantId, where), creditAccountId: (await walletOf(tx, tenantId, personId)).id,
      amount: amountMinor, code: 'top_up', reference: { type: where === 'card_clearing' ? 'card_payment' : 'terminal_card', id },
    }, at);
  });
}

/** A fee (a badge, say) paid from `personId`'s wallet at `at`: revenue of no site. */
export function addFee(db: Db, tenantId: string, personId: string, amountMinor: number, at: Date): Promise<void> {
  return inTenant(db, tenantId, async (tx) => {
    const id = randomUUID();
    await createTransfer(tx, tenantId, {
      id, debitAccountId: (await walletOf(tx, tenantId, personId)).id, creditAccountId: await systemAccount(tx, tenantId, 'revenue'),
      amount: amountMinor, code: 'fee', reference: { type: 'fee', id },
    }, at);
  });
}
