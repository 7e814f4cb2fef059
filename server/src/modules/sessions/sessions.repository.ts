// SQL of usage sessions: the session rows, the holds that pay for them, and meter samples.
import { sql } from 'kysely';
import type { Db } from '../../db/client.ts';
import type { Tx } from '../../db/scope.ts';
import type { ChargingBilling, Currency, Metering, SessionEndedBy, SessionOrigin, UsageSession } from '../../db/schema.ts';

export const RUNNING = ['preselected', 'active'] as const;

export function nextTransactionId(tx: Tx | Db): Promise<number> {
  return sql<{ id: number }>`SELECT nextval('ocpp_transaction_ids')::int AS id`.execute(tx).then((r) => r.rows[0]!.id);
}

/** The appliance on a device's connector, locked: two pre-selections for one appliance queue here instead of both succeeding. */
export function lockApplianceAt(tx: Tx, tenantId: string, deviceId: string, connectorId: number) {
  return tx.selectFrom('appliances as a').innerJoin('devices as d', (j) => j.onRef('d.tenant_id', '=', 'a.tenant_id').onRef('d.id', '=', 'a.device_id'))
    .select(['a.id', 'a.kind', 'a.metering', 'a.ocpp_status', 'd.site_id'])
    .where('a.tenant_id', '=', tenantId).where('a.device_id', '=', deviceId).where('a.connector_id', '=', connectorId)
    .forUpdate('a').executeTakeFirst();
}

/** In one read: the sessions running on the appliance, and those the credential runs on other devices. */
export function runningAround(tx: Tx, tenantId: string, applianceId: string, credentialId: string, deviceId: string) {
  return tx.selectFrom('usage_sessions').selectAll().where('tenant_id', '=', tenantId).where('status', 'in', RUNNING)
    .where((eb) => eb.or([eb('appliance_id', '=', applianceId), eb.and([eb('credential_id', '=', credentialId), eb('device_id', '<>', deviceId)])]))
    .orderBy('created_at').execute();
}

/**
 * Starts the tag's pre-selection on the connector, if one is waiting: one statement that gives it
 * a transactionId and makes it active. Null when there is none (or it was cancelled meanwhile),
 * and when this very start was seen before (a retry: the caller finds what it made).
 */
export async function startPreselected(tx: Tx, tenantId: string, start: { deviceId: string; connectorId: number; idTag: string; startedAt: Date; meterStartWh: number }): Promise<number | null> {
  const { rows } = await sql<{ transaction_id: number }>`
    UPDATE usage_sessions SET status = 'active', transaction_id = nextval('ocpp_transaction_ids'), started_at = ${start.startedAt},
      meter_start_wh = ${start.meterStartWh}, last_meter_wh = ${start.meterStartWh}, last_meter_at = ${start.startedAt}, last_draw_at = ${start.startedAt}
    WHERE tenant_id = ${tenantId} AND status = 'preselected' AND id = (
      SELECT id FROM usage_sessions WHERE tenant_id = ${tenantId} AND device_id = ${start.deviceId} AND connector_id = ${start.connectorId}
        AND id_tag = ${start.idTag} AND status = 'preselected' ORDER BY created_at LIMIT 1)
      AND NOT EXISTS (SELECT 1 FROM usage_sessions WHERE tenant_id = ${tenantId} AND device_id = ${start.deviceId}
        AND connector_id = ${start.connectorId} AND id_tag = ${start.idTag} AND started_at = ${start.startedAt})
    RETURNING transaction_id`.execute(tx);
  return rows[0]?.transaction_id ?? null;
}

export interface NewSession {
  tenantId: string;
  deviceId: string;
  applianceId: string;
  connectorId: number;
  idTag: string;
  credentialId: string | null;
  personId: string | null;
  status: UsageSession['status'];
  billing: ChargingBilling;
  origin: SessionOrigin;
  tariffId: string | null;
  metering: Metering;
  unitPriceMinor: number;
  sessionFeeMinor: number;
  vatRateBp: number;
  currency: Currency;
  preselectQuantity: number | null;
  transactionId: number | null;
  startedAt: Date | null;
  meterStartWh: number | null;
  reservationId: number | null;
  refusal: string | null;
  createdAt: Date;
  /** What the session's holds will cover, when the caller holds it in the same transaction. */
  heldMinor?: number;
}

export function insertSession(tx: Tx, s: NewSession): Promise<UsageSession> {
  return tx.insertInto('usage_sessions').values({
    tenant_id: s.tenantId, device_id: s.deviceId, appliance_id: s.applianceId, connector_id: s.connectorId, id_tag: s.idTag,
    credential_id: s.credentialId, person_id: s.personId, status: s.status, billing: s.billing, origin: s.origin, tariff_id: s.tariffId,
    metering: s.metering, unit_price_minor: s.unitPriceMinor, session_fee_minor: s.sessionFeeMinor, vat_rate_bp: s.vatRateBp,
    currency: s.currency, preselect_quantity: s.preselectQuantity, transaction_id: s.transactionId, started_at: s.startedAt,
    meter_start_wh: s.meterStartWh, last_meter_wh: s.meterStartWh, last_meter_at: s.startedAt, last_draw_at: s.startedAt,
    reservation_id: s.reservationId, refusal: s.refusal, created_at: s.createdAt, held_minor: s.heldMinor ?? 0,
  } as never).returningAll().executeTakeFirstOrThrow();
}

/** A StartTransaction seen before (retry or replay): same device, connector, tag and start time. */
export function findStarted(tx: Tx, tenantId: string, deviceId: string, connectorId: number, idTag: string, startedAt: Date) {
  return tx.selectFrom('usage_sessions').selectAll().where('tenant_id', '=', tenantId).where('device_id', '=', deviceId)
    .where('connector_id', '=', connectorId).where('id_tag', '=', idTag).where('started_at', '=', startedAt)
    .executeTakeFirst();
}

export interface SessionHold { hold_id: string; amount_minor: number }

/**
 * The session of a transaction, locked, with its holds in the order they are posted: what a
 * StopTransaction needs, in one round trip. The holds come from the statement's snapshot, which
 * may predate a hold step that committed while the lock was awaited; the locked row's held_minor
 * (always the sum of its holds) is the latest, so holds that do not add up to it are left out
 * (undefined) for the caller to read again.
 */
export async function findEndingByTransaction(tx: Tx, tenantId: string, deviceId: string, transactionId: number): Promise<{ session: UsageSession; holds: SessionHold[] | undefined } | undefined> {
  const row = await tx.selectFrom('usage_sessions as s').selectAll('s')
    .select(sql<SessionHold[]>`coalesce((SELECT json_agg(json_build_object('hold_id', h.hold_id, 'amount_minor', h.amount_minor) ORDER BY h.created_at, h.hold_id)
      FROM session_holds h WHERE h.tenant_id = s.tenant_id AND h.session_id = s.id), '[]')`.as('holds'))
    .where('s.tenant_id', '=', tenantId).where('s.device_id', '=', deviceId).where('s.transaction_id', '=', transactionId)
    .forUpdate().executeTakeFirst();
  if (!row) return undefined;
  const { holds, ...session } = row;
  const current = holds.reduce((sum, hold) => sum + Number(hold.amount_minor), 0) === Number(session.held_minor);
  return { session, holds: current ? holds : undefined };
}

export function findSession(tx: Tx, tenantId: string, sessionId: string, options: { lock?: boolean } = {}) {
  const query = tx.selectFrom('usage_sessions').selectAll().where('tenant_id', '=', tenantId).where('id', '=', sessionId);
  return (options.lock ? query.forUpdate() : query).executeTakeFirst();
}

/** The device's running session on a connector (for a StopTransaction that lost its id: transactionId -1). */
export function activeOnConnector(tx: Tx, tenantId: string, deviceId: string, connectorId: number | null, idTag: string | null) {
  let query = tx.selectFrom('usage_sessions').selectAll().where('tenant_id', '=', tenantId).where('device_id', '=', deviceId).where('status', '=', 'active');
  if (connectorId !== null) query = query.where('connector_id', '=', connectorId);
  if (idTag !== null) query = query.where('id_tag', '=', idTag);
  return query.orderBy('started_at', 'desc').forUpdate().execute();
}

export async function updateSession(tx: Tx, tenantId: string, sessionId: string, changes: Partial<{
  status: UsageSession['status']; transaction_id: number; started_at: Date; meter_start_wh: number; last_meter_wh: number | null;
  last_meter_at: Date; last_draw_at: Date; stop_requested_at: Date | null; stopped_at: Date; meter_stop_wh: number | null;
  stop_reason: string | null; ended_by: SessionEndedBy; quantity: number; amount_minor: number; debt_minor: number; held_minor: number;
  refusal: string | null; origin: SessionOrigin;
}>): Promise<void> {
  await tx.updateTable('usage_sessions').set(changes as never).where('tenant_id', '=', tenantId).where('id', '=', sessionId).execute();
}

export function holdsOf(tx: Tx, tenantId: string, sessionId: string): Promise<SessionHold[]> {
  return tx.selectFrom('session_holds').select(['hold_id', 'amount_minor']).where('tenant_id', '=', tenantId).where('session_id', '=', sessionId)
    .orderBy('created_at').orderBy('hold_id').execute();
}

/** Records a hold of the session; false when it was recorded already. */
export async function insertHold(tx: Tx, tenantId: string, sessionId: string, holdId: string, amountMinor: number, at: Date): Promise<boolean> {
  const result = await tx.insertInto('session_holds').values({ tenant_id: tenantId, session_id: sessionId, hold_id: holdId, amount_minor: amountMinor, created_at: at } as never)
    .onConflict((oc) => oc.doNothing()).returning('hold_id').executeTakeFirst();
  return result !== undefined;
}

/** What a meter reading needs of its session: the register, and whether another hold step is due. */
export type MeteredSession = Pick<UsageSession, 'id' | 'tenant_id' | 'device_id' | 'transaction_id' | 'metering' | 'billing' | 'person_id'
  | 'preselect_quantity' | 'stop_requested_at' | 'held_minor' | 'unit_price_minor' | 'session_fee_minor' | 'vat_rate_bp' | 'started_at'
  | 'meter_start_wh' | 'last_meter_wh' | 'last_meter_at' | 'last_draw_at'>;

/** The active sessions of these (device, transaction) pairs, locked in id order so concurrent batches cannot deadlock. */
export function lockActiveByTransactions(tx: Tx, tenantId: string, pairs: { deviceId: string; transactionId: number }[]) {
  // Only the columns a reading needs: a batch reads hundreds of rows, and every column read is parsed.
  return sql<MeteredSession>`
    SELECT s.id, s.tenant_id, s.device_id, s.transaction_id, s.metering, s.billing, s.person_id, s.preselect_quantity, s.stop_requested_at,
      s.held_minor, s.unit_price_minor, s.session_fee_minor, s.vat_rate_bp, s.started_at, s.meter_start_wh, s.last_meter_wh, s.last_meter_at, s.last_draw_at
    FROM usage_sessions s
    JOIN jsonb_to_recordset(${JSON.stringify(pairs)}::jsonb) AS p("deviceId" uuid, "transactionId" int)
      ON s.device_id = p."deviceId" AND s.transaction_id = p."transactionId"
    WHERE s.tenant_id = ${tenantId} AND s.status = 'active'
    ORDER BY s.id FOR UPDATE OF s`.execute(tx).then((r) => r.rows);
}

export interface SampleRow { sessionId: string; at: Date; energyWh: number | null; powerW: number | null }

export async function deleteHold(tx: Tx, tenantId: string, sessionId: string, holdId: string): Promise<void> {
  await tx.deleteFrom('session_holds').where('tenant_id', '=', tenantId).where('session_id', '=', sessionId).where('hold_id', '=', holdId).execute();
}

/** Stores samples, any number in one statement; a sample seen before (same session and time) is kept as first stored. */
export async function insertSamples(tx: Tx, tenantId: string, samples: SampleRow[]): Promise<void> {
  if (samples.length === 0) return;
  await sql`
    INSERT INTO meter_samples (tenant_id, session_id, sampled_at, energy_wh, power_w)
    SELECT ${tenantId}, r."sessionId", r.at, r."energyWh", r."powerW"
    FROM jsonb_to_recordset(${JSON.stringify(samples)}::jsonb) AS r("sessionId" uuid, at timestamptz, "energyWh" bigint, "powerW" int)
    ON CONFLICT DO NOTHING`.execute(tx);
}

/** The session's energy register readings in time order (its MeterValues). */
export async function energySamples(tx: Tx, tenantId: string, sessionId: string): Promise<{ at: Date; energyWh: number }[]> {
  const rows = await tx.selectFrom('meter_samples').select(['sampled_at', 'energy_wh'])
    .where('tenant_id', '=', tenantId).where('session_id', '=', sessionId).where('energy_wh', 'is not', null).orderBy('sampled_at').execute();
  return rows.map((r) => ({ at: r.sampled_at, energyWh: Number(r.energy_wh) }));
}

/** Moves the registers of many sessions in one statement. */
export async function updateReadings(tx: Tx, tenantId: string, readings: { sessionId: string; lastMeterWh: number | null; lastMeterAt: Date | null; lastDrawAt: Date | null }[]): Promise<void> {
  if (readings.length === 0) return;
  await sql`
    UPDATE usage_sessions s SET last_meter_wh = r."lastMeterWh", last_meter_at = r."lastMeterAt", last_draw_at = r."lastDrawAt"
    FROM jsonb_to_recordset(${JSON.stringify(readings)}::jsonb) AS r("sessionId" uuid, "lastMeterWh" bigint, "lastMeterAt" timestamptz, "lastDrawAt" timestamptz)
    WHERE s.tenant_id = ${tenantId} AND s.id = r."sessionId"`.execute(tx);
}

export interface DueSession {
  tenant_id: string;
  id: string;
  device_id: string;
  transaction_id: number | null;
  metering: Metering;
  stop_requested_at: Date | null;
  reason: 'idle' | 'booked_time' | 'impulse_time' | 'unstarted' | 'stop_overdue';
}

/**
 * Sessions an auto-end rule applies to at `now`: energy drawing nothing for the device's idle
 * time, time appliances whose booked minutes ran out, impulse appliances a fixed time after the
 * start, pre-selections never started, and stops asked for that the device never confirmed.
 * Across tenants: the worker runs as the platform.
 */
export function dueSessions(tx: Tx, now: Date, unstartedAfterMinutes: number, stopGraceMs: number, limit: number) {
  return sql<DueSession>`
    SELECT s.tenant_id, s.id, s.device_id, s.transaction_id, s.metering, s.stop_requested_at,
      CASE WHEN s.status = 'preselected' THEN 'unstarted'
           WHEN s.stop_requested_at IS NOT NULL THEN 'stop_overdue'
           WHEN s.metering = 'energy' THEN 'idle'
           WHEN s.metering = 'time' THEN 'booked_time'
           ELSE 'impulse_time' END AS reason
    FROM usage_sessions s JOIN devices d ON d.tenant_id = s.tenant_id AND d.id = s.device_id
    WHERE s.status IN ('preselected', 'active') AND (
      (s.status = 'preselected' AND s.created_at <= ${now}::timestamptz - make_interval(mins => ${unstartedAfterMinutes}))
      -- asked to stop (a rule, the portal, an empty wallet) and the device never reported the end
      OR (s.status = 'active' AND s.stop_requested_at <= ${now}::timestamptz - make_interval(secs => ${stopGraceMs / 1000}))
      OR (s.status = 'active' AND s.metering = 'energy'
          AND coalesce(s.last_draw_at, s.started_at) <= ${now}::timestamptz - make_interval(mins => d.idle_end_minutes))
      OR (s.status = 'active' AND s.metering = 'time' AND s.preselect_quantity IS NOT NULL
          AND s.started_at + make_interval(mins => s.preselect_quantity::int) <= ${now}::timestamptz)
      OR (s.status = 'active' AND s.metering = 'impulse'
          AND s.started_at + make_interval(mins => d.impulse_end_minutes) <= ${now}::timestamptz))
    ORDER BY s.created_at
    LIMIT ${limit}`.execute(tx).then((r) => r.rows);
}

export function applianceOf(tx: Tx, tenantId: string, applianceId: string) {
  return tx.selectFrom('appliances as a').innerJoin('devices as d', (j) => j.onRef('d.tenant_id', '=', 'a.tenant_id').onRef('d.id', '=', 'a.device_id'))
    .select(['a.id', 'a.kind', 'a.metering', 'a.connector_id', 'a.name', 'a.ocpp_status', 'a.device_id', 'd.site_id', 'd.unit_id', 'd.identity',
      'd.kind as device_kind', 'd.registration', 'd.connected_node'])
    .where('a.tenant_id', '=', tenantId).where('a.id', '=', applianceId).executeTakeFirst();
}


/** Appliances at the sites where the person lives or holds a space, with the device's state and any running session. */
export function appliancesNear(tx: Tx, tenantId: string, personId: string) {
  return tx.selectFrom('appliances as a')
    .innerJoin('devices as d', (j) => j.onRef('d.tenant_id', '=', 'a.tenant_id').onRef('d.id', '=', 'a.device_id'))
    .innerJoin('sites as st', (j) => j.onRef('st.tenant_id', '=', 'd.tenant_id').onRef('st.id', '=', 'd.site_id'))
    .leftJoin('units as u', (j) => j.onRef('u.tenant_id', '=', 'd.tenant_id').onRef('u.id', '=', 'd.unit_id'))
    .leftJoin('usage_sessions as s', (j) => j.onRef('s.tenant_id', '=', 'a.tenant_id').onRef('s.appliance_id', '=', 'a.id').on('s.status', 'in', RUNNING))
    .select([
      'a.id', 'a.name', 'a.kind', 'a.metering', 'a.connector_id', 'a.ocpp_status', 'd.id as device_id', 'd.name as device_name', 'd.kind as device_kind',
      'd.registration', 'd.connected_node', 'st.id as site_id', 'st.name as site_name', 'u.label as room', 's.id as session_id', 's.person_id as session_person_id',
      's.status as session_status', 's.started_at as session_started_at', 's.preselect_quantity as session_quantity', 's.held_minor as session_held_minor',
    ])
    .where('a.tenant_id', '=', tenantId)
    .where('d.site_id', 'in', (eb) => eb.selectFrom('occupancies as o').innerJoin('units as ou', (j) => j.onRef('ou.tenant_id', '=', 'o.tenant_id').onRef('ou.id', '=', 'o.unit_id'))
      .select('ou.site_id').where('o.tenant_id', '=', tenantId).where('o.person_id', '=', personId))
    .orderBy('st.name').orderBy('d.name').orderBy('a.connector_id')
    .execute();
}

/** The person's active credential best suited to start remotely: a phone, else a badge or fob. */
export function startingCredential(tx: Tx, tenantId: string, personId: string) {
  return tx.selectFrom('credentials').select(['id', 'id_tag', 'type']).where('tenant_id', '=', tenantId).where('person_id', '=', personId)
    .where('status', '=', 'active').where('type', 'in', ['phone', 'rfid', 'fob']).where('id_tag', 'is not', null)
    .orderBy(sql`CASE type WHEN 'phone' THEN 0 WHEN 'rfid' THEN 1 ELSE 2 END`).orderBy('created_at').executeTakeFirst();
}

export interface SessionFilter { personId?: string; sessionId?: string; deviceId?: string; status?: UsageSession['status']; limit: number }

/** Sessions with their appliance and site, newest first. */
export function listSessions(tx: Tx, tenantId: string, filter: SessionFilter) {
  let query = tx.selectFrom('usage_sessions as s')
    .innerJoin('appliances as a', (j) => j.onRef('a.tenant_id', '=', 's.tenant_id').onRef('a.id', '=', 's.appliance_id'))
    .innerJoin('devices as d', (j) => j.onRef('d.tenant_id', '=', 's.tenant_id').onRef('d.id', '=', 's.device_id'))
    .innerJoin('sites as st', (j) => j.onRef('st.tenant_id', '=', 'd.tenant_id').onRef('st.id', '=', 'd.site_id'))
    .selectAll('s').select(['a.name as appliance_name', 'a.kind as appliance_kind', 'd.name as device_name', 'st.name as site_name'])
    .leftJoin('people as p', (j) => j.onRef('p.tenant_id', '=', 's.tenant_id').onRef('p.id', '=', 's.person_id'))
    .select([sql<string | null>`p.first_name || ' ' || p.last_name`.as('person_name'), 'p.customer_number'])
    .where('s.tenant_id', '=', tenantId).where('s.status', '<>', 'refused');
  if (filter.sessionId) query = query.where('s.id', '=', filter.sessionId);
  if (filter.personId) query = query.where('s.person_id', '=', filter.personId);
  if (filter.deviceId) query = query.where('s.device_id', '=', filter.deviceId);
  if (filter.status) query = query.where('s.status', '=', filter.status);
  return query.orderBy('s.created_at', 'desc').limit(filter.limit).execute();
}
export type ListedSession = Awaited<ReturnType<typeof listSessions>>[number];

export async function insertReservation(tx: Tx, r: { tenantId: string; deviceId: string; applianceId: string; connectorId: number; personId: string; idTag: string; expiresAt: Date; now: Date }): Promise<number> {
  const { rows } = await sql<{ id: number }>`SELECT nextval('ocpp_reservation_ids')::int AS id`.execute(tx);
  await tx.insertInto('reservations').values({
    tenant_id: r.tenantId, id: rows[0]!.id, device_id: r.deviceId, appliance_id: r.applianceId, connector_id: r.connectorId,
    person_id: r.personId, id_tag: r.idTag, expires_at: r.expiresAt, status: 'requested', created_at: r.now,
  } as never).execute();
  return rows[0]!.id;
}

export function findOwnReservation(tx: Tx, tenantId: string, personId: string, id: number) {
  return tx.selectFrom('reservations').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).where('person_id', '=', personId).executeTakeFirst();
}

/** Moves a reservation to `status`; with `from`, only from that status. */
export async function setReservationStatus(tx: Tx, tenantId: string, id: number, status: 'accepted' | 'refused' | 'cancelled' | 'used', from?: 'accepted'): Promise<void> {
  let query = tx.updateTable('reservations').set({ status }).where('tenant_id', '=', tenantId).where('id', '=', id);
  if (from) query = query.where('status', '=', from);
  await query.execute();
}

/** What a site's charging follows: its billing, the tenant's currency and mode, and the charging settings. */
export function chargingFacts(tx: Tx, tenantId: string, siteId: string) {
  return tx.selectFrom('sites as s')
    .innerJoin('tenants as t', 't.id', 's.tenant_id')
    .leftJoin('tenant_settings as ts', 'ts.tenant_id', 's.tenant_id')
    .select(['s.charging_billing', 't.currency', 't.operating_mode', 'ts.charging_min_balance_minor', 'ts.charging_hold_step_minor'])
    .where('s.tenant_id', '=', tenantId).where('s.id', '=', siteId).executeTakeFirstOrThrow();
}

/** Where a receipt says the session was: the appliance's name and its site's. */
export function receiptPlace(tx: Tx, tenantId: string, applianceId: string) {
  return tx.selectFrom('appliances as a').innerJoin('devices as d', (j) => j.onRef('d.tenant_id', '=', 'a.tenant_id').onRef('d.id', '=', 'a.device_id'))
    .innerJoin('sites as s', (j) => j.onRef('s.tenant_id', '=', 'd.tenant_id').onRef('s.id', '=', 'd.site_id'))
    .select(['a.name as appliance_name', 's.name as site_name']).where('a.tenant_id', '=', tenantId).where('a.id', '=', applianceId).executeTakeFirst();
}
