// What automatic tickets need to know about their source: the faulty appliance and its place, an
// alarm rule and how often it was raised, a lost credential and its holder.
import type { Tx } from '../../db/scope.ts';

export function applianceInPlace(tx: Tx, tenantId: string, deviceId: string, applianceId: string) {
  return tx.selectFrom('appliances')
    .innerJoin('devices', (j) => j.onRef('devices.tenant_id', '=', 'appliances.tenant_id').onRef('devices.id', '=', 'appliances.device_id'))
    .innerJoin('sites', (j) => j.onRef('sites.tenant_id', '=', 'devices.tenant_id').onRef('sites.id', '=', 'devices.site_id'))
    .leftJoin('units', (j) => j.onRef('units.tenant_id', '=', 'devices.tenant_id').onRef('units.id', '=', 'devices.unit_id'))
    .select(['appliances.name as appliance_name', 'appliances.connector_id', 'devices.name as device_name', 'devices.identity',
      'devices.site_id', 'devices.unit_id', 'sites.name as site_name', 'units.label as unit_label'])
    .where('appliances.tenant_id', '=', tenantId).where('appliances.device_id', '=', deviceId).where('appliances.id', '=', applianceId)
    .executeTakeFirst();
}

/** The rule with where it watches: a site's devices, or a meter (with the meter's unit, if any). */
export function alarmRuleInPlace(tx: Tx, tenantId: string, ruleId: string) {
  return tx.selectFrom('alarm_rules as r')
    .leftJoin('meters as m', (j) => j.onRef('m.tenant_id', '=', 'r.tenant_id').onRef('m.id', '=', 'r.meter_id'))
    .select(['r.id', 'r.name', 'r.kind', 'r.deleted_at', 'm.unit_id as meter_unit_id'])
    .select((eb) => eb.fn.coalesce('r.site_id', 'm.site_id').as('site_id'))
    .where('r.tenant_id', '=', tenantId).where('r.id', '=', ruleId).executeTakeFirst();
}

export async function alarmsRaisedSince(tx: Tx, tenantId: string, ruleId: string, since: Date): Promise<number> {
  const row = await tx.selectFrom('alarms').select((eb) => eb.fn.countAll<string>().as('n'))
    .where('tenant_id', '=', tenantId).where('rule_id', '=', ruleId).where('raised_at', '>=', since).executeTakeFirstOrThrow();
  return Number(row.n);
}

export function credentialWithHolder(tx: Tx, tenantId: string, credentialId: string) {
  return tx.selectFrom('credentials as c')
    .innerJoin('people as p', (j) => j.onRef('p.tenant_id', '=', 'c.tenant_id').onRef('p.id', '=', 'c.person_id'))
    .select(['c.id', 'c.type', 'c.label', 'c.id_tag', 'c.person_id', 'p.first_name', 'p.last_name'])
    .where('c.tenant_id', '=', tenantId).where('c.id', '=', credentialId).executeTakeFirst();
}

export async function tenantLanguage(tx: Tx, tenantId: string) {
  return (await tx.selectFrom('tenants').select('default_language').where('id', '=', tenantId).executeTakeFirstOrThrow()).default_language;
}
