// The alarm tables. Every function takes the tenant; row-level security holds it too.
import { sql } from 'kysely';
import type { Tx } from '../../db/scope.ts';
import type { AlarmChannel, AlarmKind } from '../../db/schema.ts';

export interface NewRule { kind: AlarmKind; meterId: string | null; siteId: string | null; threshold: number | null; missingHours: number | null; name: string; createdBy: string }
/** What an edit may change; absent fields stay as they are. */
export interface RuleChanges { name?: string; threshold?: number; missingHours?: number }

const ruleColumns = ['alarm_rules.id', 'alarm_rules.kind', 'alarm_rules.meter_id', 'alarm_rules.site_id', 'alarm_rules.threshold', 'alarm_rules.missing_hours',
  'alarm_rules.name', 'alarm_rules.created_by', 'alarm_rules.created_at'] as const;

export function insertRule(tx: Tx, tenantId: string, rule: NewRule) {
  return tx.insertInto('alarm_rules').values({
    tenant_id: tenantId, kind: rule.kind, meter_id: rule.meterId, site_id: rule.siteId, threshold: rule.threshold, missing_hours: rule.missingHours,
    name: rule.name, created_by: rule.createdBy,
  }).returning(['id']).executeTakeFirstOrThrow();
}

/** The rule, deleted or not (a deleted rule's alarms stay readable). */
export function findRule(tx: Tx, tenantId: string, ruleId: string) {
  return tx.selectFrom('alarm_rules').select([...ruleColumns, 'alarm_rules.deleted_at']).where('tenant_id', '=', tenantId).where('id', '=', ruleId).executeTakeFirst();
}

export async function updateRule(tx: Tx, tenantId: string, ruleId: string, changes: RuleChanges): Promise<void> {
  const set = {
    ...(changes.name !== undefined && { name: changes.name }),
    ...(changes.threshold !== undefined && { threshold: changes.threshold }),
    ...(changes.missingHours !== undefined && { missing_hours: changes.missingHours }),
  };
  if (Object.keys(set).length === 0) return;
  await tx.updateTable('alarm_rules').set(set).where('tenant_id', '=', tenantId).where('id', '=', ruleId).where('deleted_at', 'is', null).execute();
}

/** Marks the rule deleted; false when it already was. */
export async function markRuleDeleted(tx: Tx, tenantId: string, ruleId: string, userId: string, at: Date): Promise<boolean> {
  const result = await tx.updateTable('alarm_rules').set({ deleted_at: at, deleted_by: userId })
    .where('tenant_id', '=', tenantId).where('id', '=', ruleId).where('deleted_at', 'is', null).executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Which rules a reader sees: those on `meterIds` only; with `siteMetersOnly`, none on a unit's meter. */
export interface RuleFilter { meterIds?: string[]; siteMetersOnly?: boolean }

/** Rules the history covers, deleted ones too, as `filter` says. */
export async function historyRuleIds(tx: Tx, tenantId: string, filter: RuleFilter): Promise<string[]> {
  if (filter.meterIds?.length === 0) return [];
  let query = tx.selectFrom('alarm_rules').select('id').where('tenant_id', '=', tenantId);
  if (filter.meterIds) query = query.where('meter_id', 'in', filter.meterIds);
  if (filter.siteMetersOnly) {
    query = query.where((eb) => eb.or([eb('meter_id', 'is', null),
      eb('meter_id', 'in', eb.selectFrom('meters').select('meters.id').where('meters.tenant_id', '=', tenantId).where('meters.unit_id', 'is', null))]));
  }
  return (await query.execute()).map((r) => r.id);
}

/** Rules with what their meter is, whether `userId` is subscribed and their open alarm, for listing. */
export function listRules(tx: Tx, tenantId: string, userId: string, filter: RuleFilter) {
  let query = tx.selectFrom('alarm_rules')
    .leftJoin('meters as m', (j) => j.onRef('m.tenant_id', '=', 'alarm_rules.tenant_id').onRef('m.id', '=', 'alarm_rules.meter_id'))
    .leftJoin('alarm_subscriptions as s', (j) => j.onRef('s.tenant_id', '=', 'alarm_rules.tenant_id').onRef('s.rule_id', '=', 'alarm_rules.id').on('s.user_id', '=', userId))
    .leftJoin('alarms as open', (j) => j.onRef('open.tenant_id', '=', 'alarm_rules.tenant_id').onRef('open.rule_id', '=', 'alarm_rules.id').on('open.cleared_at', 'is', null))
    .select(ruleColumns).select(['m.name as meter_name', 'm.unit as meter_unit', 'm.unit_id as meter_unit_id', 's.channel', 'open.raised_at as open_since'])
    .where('alarm_rules.tenant_id', '=', tenantId).where('alarm_rules.deleted_at', 'is', null);
  if (filter.meterIds) query = filter.meterIds.length ? query.where('alarm_rules.meter_id', 'in', filter.meterIds) : query.where(sql<boolean>`false`);
  if (filter.siteMetersOnly) query = query.where((eb) => eb.or([eb('alarm_rules.meter_id', 'is', null), eb('m.unit_id', 'is', null)]));
  return query.orderBy('alarm_rules.name').orderBy('alarm_rules.id').execute();
}

export async function subscribe(tx: Tx, tenantId: string, ruleId: string, userId: string, channel: AlarmChannel): Promise<void> {
  await tx.insertInto('alarm_subscriptions').values({ tenant_id: tenantId, rule_id: ruleId, user_id: userId, channel })
    .onConflict((oc) => oc.columns(['tenant_id', 'rule_id', 'user_id']).doUpdateSet({ channel })).execute();
}

export async function unsubscribe(tx: Tx, tenantId: string, ruleId: string, userId: string): Promise<void> {
  await tx.deleteFrom('alarm_subscriptions').where('tenant_id', '=', tenantId).where('rule_id', '=', ruleId).where('user_id', '=', userId).execute();
}

/** Nobody hears of the rule any more. */
export async function unsubscribeAll(tx: Tx, tenantId: string, ruleId: string): Promise<void> {
  await tx.deleteFrom('alarm_subscriptions').where('tenant_id', '=', tenantId).where('rule_id', '=', ruleId).execute();
}

/** Every rule of the tenant not deleted, with what evaluating it needs: its meter, and its open alarm if any. */
export function rulesToEvaluate(tx: Tx, tenantId: string) {
  return tx.selectFrom('alarm_rules')
    .leftJoin('meters as m', (j) => j.onRef('m.tenant_id', '=', 'alarm_rules.tenant_id').onRef('m.id', '=', 'alarm_rules.meter_id'))
    .leftJoin('alarms as open', (j) => j.onRef('open.tenant_id', '=', 'alarm_rules.tenant_id').onRef('open.rule_id', '=', 'alarm_rules.id').on('open.cleared_at', 'is', null))
    .select(ruleColumns).select(['m.name as meter_name', 'm.unit as meter_unit', 'm.created_at as meter_created_at', 'open.id as open_alarm'])
    .where('alarm_rules.tenant_id', '=', tenantId).where('alarm_rules.deleted_at', 'is', null).orderBy('alarm_rules.id').execute();
}
export type RuleToEvaluate = Awaited<ReturnType<typeof rulesToEvaluate>>[number];

/** The last complete hour (UTC) or day (in `timeZone`) before `now`, and the meter's consumption in it (0 without data). */
export async function lastCompletePeriod(tx: Tx, tenantId: string, meterId: string, period: 'hour' | 'day', now: Date, timeZone: string) {
  const row = period === 'hour'
    ? await sql<{ starts_at: Date; consumption: string | null }>`
      WITH p AS (SELECT date_trunc('hour', ${now}::timestamptz) - interval '1 hour' AS starts_at)
      SELECT p.starts_at, h.consumption[extract(hour FROM p.starts_at AT TIME ZONE 'UTC')::int + 1] AS consumption
      FROM p LEFT JOIN meter_hours h
        ON h.tenant_id = ${tenantId}::uuid AND h.meter_id = ${meterId}::uuid AND h.day = (p.starts_at AT TIME ZONE 'UTC')::date`.execute(tx)
    : await sql<{ starts_at: Date; consumption: string | null }>`
      WITH p AS (SELECT (date_trunc('day', ${now}::timestamptz AT TIME ZONE ${timeZone}) - interval '1 day') AT TIME ZONE ${timeZone} AS starts_at)
      SELECT p.starts_at, c.consumption FROM p LEFT JOIN meter_consumption c
        ON c.tenant_id = ${tenantId}::uuid AND c.meter_id = ${meterId}::uuid AND c.period = 'day' AND c.starts_at = p.starts_at`.execute(tx);
  const r = row.rows[0]!;
  return { startsAt: r.starts_at, consumption: Number(r.consumption ?? 0) };
}

// The latest readings below are read backwards along the primary key (tenant, meter, epoch, time):
// a later epoch holds only later readings, so the first row that qualifies is the latest, without
// sorting the meter's history (they run for every rule every minute).

/** The meter's last reading that came with a temperature: its time and °C in thousandths; null if none did. */
export async function lastTemperature(tx: Tx, tenantId: string, meterId: string): Promise<{ at: Date; temperatureMc: number } | null> {
  const row = await tx.selectFrom('meter_readings').select(['read_at', 'temperature_mc'])
    .where('tenant_id', '=', tenantId).where('meter_id', '=', meterId).where('temperature_mc', 'is not', null)
    .orderBy('epoch', 'desc').orderBy('read_at', 'desc').limit(1).executeTakeFirst();
  return row ? { at: row.read_at, temperatureMc: row.temperature_mc! } : null;
}

export async function lastReadingAt(tx: Tx, tenantId: string, meterId: string): Promise<Date | null> {
  const row = await tx.selectFrom('meter_readings').select('read_at')
    .where('tenant_id', '=', tenantId).where('meter_id', '=', meterId).where('flagged', 'is', null)
    .orderBy('epoch', 'desc').orderBy('read_at', 'desc').limit(1).executeTakeFirst();
  return row?.read_at ?? null;
}

/** The site's appliances that report a fault now, by name. */
export async function faultyAppliances(tx: Tx, tenantId: string, siteId: string): Promise<string[]> {
  const rows = await tx.selectFrom('appliances as a')
    .innerJoin('devices as d', (j) => j.onRef('d.tenant_id', '=', 'a.tenant_id').onRef('d.id', '=', 'a.device_id'))
    .select(['a.name', 'd.name as device']).where('a.tenant_id', '=', tenantId).where('d.site_id', '=', siteId).where('a.ocpp_status', '=', 'Faulted')
    .orderBy('d.name').orderBy('a.name').execute();
  return rows.map((r) => `${r.device} ${r.name}`);
}

/**
 * Opens an alarm for the rule unless one is open (two evaluations at once raise it once) or the
 * rule was deleted meanwhile: the rule's row is share-locked, so a deletion in flight either
 * waits for this alarm (and clears it) or is seen here.
 */
export async function raise(tx: Tx, tenantId: string, ruleId: string, at: Date, observed: number | null, detail: string): Promise<string | null> {
  const row = await sql<{ id: string }>`
    INSERT INTO alarms (tenant_id, rule_id, raised_at, observed, detail)
    SELECT ${tenantId}::uuid, ${ruleId}::uuid, ${at}, ${observed}, ${detail}
    WHERE EXISTS (SELECT 1 FROM alarm_rules WHERE tenant_id = ${tenantId}::uuid AND id = ${ruleId}::uuid AND deleted_at IS NULL FOR SHARE)
    ON CONFLICT (tenant_id, rule_id) WHERE cleared_at IS NULL DO NOTHING RETURNING id`.execute(tx);
  return row.rows[0]?.id ?? null;
}

export async function clear(tx: Tx, tenantId: string, alarmId: string, at: Date): Promise<void> {
  await tx.updateTable('alarms').set({ cleared_at: at }).where('tenant_id', '=', tenantId).where('id', '=', alarmId).where('cleared_at', 'is', null).execute();
}

/** Clears the rule's open alarm, if any. */
export async function clearOpenAlarm(tx: Tx, tenantId: string, ruleId: string, at: Date): Promise<void> {
  await tx.updateTable('alarms').set({ cleared_at: at }).where('tenant_id', '=', tenantId).where('rule_id', '=', ruleId).where('cleared_at', 'is', null).execute();
}

/** Who hears of the tenant's alarms, by rule: each subscriber with the channel the rule names. */
export async function subscribersByRule(tx: Tx, tenantId: string) {
  const rows = await tx.selectFrom('alarm_subscriptions as s').select(['s.rule_id', 's.user_id', 's.channel'])
    .where('s.tenant_id', '=', tenantId).orderBy('s.user_id').execute();
  const byRule = new Map<string, typeof rows>();
  for (const row of rows) byRule.set(row.rule_id, [...(byRule.get(row.rule_id) ?? []), row]);
  return byRule;
}

export function alarmsOf(tx: Tx, tenantId: string, ruleIds: string[], limit: number) {
  if (ruleIds.length === 0) return Promise.resolve([]);
  return tx.selectFrom('alarms').innerJoin('alarm_rules as r', (j) => j.onRef('r.tenant_id', '=', 'alarms.tenant_id').onRef('r.id', '=', 'alarms.rule_id'))
    .select(['alarms.id', 'alarms.rule_id', 'r.name as rule_name', 'r.kind', 'r.deleted_at as rule_deleted_at', 'alarms.raised_at', 'alarms.cleared_at', 'alarms.observed', 'alarms.detail',
      'alarms.acknowledged_at', 'alarms.acknowledged_by'])
    .where('alarms.tenant_id', '=', tenantId).where('alarms.rule_id', 'in', ruleIds)
    .orderBy('alarms.raised_at', 'desc').orderBy('alarms.id').limit(limit).execute();
}

export function findAlarm(tx: Tx, tenantId: string, alarmId: string) {
  return tx.selectFrom('alarms').select(['id', 'rule_id', 'acknowledged_at']).where('tenant_id', '=', tenantId).where('id', '=', alarmId).executeTakeFirst();
}

export async function acknowledge(tx: Tx, tenantId: string, alarmId: string, userId: string, at: Date): Promise<void> {
  await tx.updateTable('alarms').set({ acknowledged_at: at, acknowledged_by: userId })
    .where('tenant_id', '=', tenantId).where('id', '=', alarmId).where('acknowledged_at', 'is', null).execute();
}
