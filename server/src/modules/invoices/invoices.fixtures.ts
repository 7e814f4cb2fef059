// Postpaid consumption as the gateway records it (completed sessions on a postpaid site's
// charger), written straight into the tables: for the invoice tests and the billing benchmark,
// which need many sessions of past months rather than devices to produce them.
import { sql } from 'kysely';
import type { Db } from '../../db/client.ts';
import { inTenant } from '../../db/scope.ts';

export interface PostpaidCharger { siteId: string; deviceId: string; applianceId: string }

/** A postpaid garage with one charger, in `tenantId`. */
export function addPostpaidCharger(db: Db, tenantId: string, name = 'Garage'): Promise<PostpaidCharger> {
  return inTenant(db, tenantId, async (tx) => {
    const site = await tx.insertInto('sites').values({
      tenant_id: tenantId, name, street: 'Garagenweg 1', postal_code: '1010', city: 'Wien', country: 'AT', accounting_unit: null, charging_billing: 'postpaid',
    }).returning('id').executeTakeFirstOrThrow();
    const identity = `PP-${site.id.slice(0, 8)}`;
    const device = await tx.insertInto('devices').values({
      tenant_id: tenantId, identity, kind: 'charger', site_id: site.id, name: identity, password_hash: 'unused', registration: 'accepted',
    } as never).returning('id').executeTakeFirstOrThrow();
    const appliance = await tx.insertInto('appliances').values({
      tenant_id: tenantId, device_id: device.id, connector_id: 1, kind: 'ev_connector', metering: 'energy', name: 'Charger 1',
    } as never).returning('id').executeTakeFirstOrThrow();
    return { siteId: site.id, deviceId: device.id, applianceId: appliance.id };
  });
}

export interface PostpaidSession { personId: string; wh: number; amountMinor: number; stoppedAt: Date; vatRateBp?: number; billing?: 'postpaid' | 'prepaid' }

/** Completed charges, as StopTransaction leaves them. Returns their ids in order. */
export async function addPostpaidSessions(db: Db, tenantId: string, charger: PostpaidCharger, sessions: PostpaidSession[]): Promise<string[]> {
  if (sessions.length === 0) return [];
  return inTenant(db, tenantId, async (tx) => {
    const rows = await sql<{ id: string }>`
      INSERT INTO usage_sessions (tenant_id, device_id, appliance_id, connector_id, id_tag, person_id, status, billing, metering,
        unit_price_minor, session_fee_minor, vat_rate_bp, currency, started_at, stopped_at, meter_start_wh, meter_stop_wh, quantity, amount_minor, ended_by)
      SELECT ${tenantId}::uuid, ${charger.deviceId}::uuid, ${charger.applianceId}::uuid, 1, 'FX-' || gen_random_uuid(), s.person_id, 'completed', s.billing, 'energy',
        0, 0, s.vat_rate_bp, (SELECT currency FROM tenants WHERE id = ${tenantId}::uuid), s.stopped_at - interval '2 hours', s.stopped_at, 0, s.wh, s.wh, s.amount, 'device'
      FROM unnest(${sessions.map((s) => s.personId)}::uuid[], ${sessions.map((s) => s.wh)}::bigint[], ${sessions.map((s) => s.amountMinor)}::bigint[],
        ${sessions.map((s) => s.stoppedAt.toISOString())}::timestamptz[], ${sessions.map((s) => s.vatRateBp ?? 2000)}::int[],
        ${sessions.map((s) => s.billing ?? 'postpaid')}::text[]) WITH ORDINALITY AS s(person_id, wh, amount, stopped_at, vat_rate_bp, billing, n)
      ORDER BY s.n
      RETURNING id`.execute(tx);
    return rows.rows.map((r) => r.id);
  });
}
