import type { Tx } from '../../db/scope.ts';

/** Where the faulty appliance is, and whether the tenant wants to hear about it. */
export function faultContext(tx: Tx, tenantId: string, deviceId: string, applianceId: string) {
  return tx.selectFrom('appliances')
    .innerJoin('devices', (join) => join.onRef('devices.tenant_id', '=', 'appliances.tenant_id').onRef('devices.id', '=', 'appliances.device_id'))
    .innerJoin('sites', (join) => join.onRef('sites.tenant_id', '=', 'devices.tenant_id').onRef('sites.id', '=', 'devices.site_id'))
    .leftJoin('units', (join) => join.onRef('units.tenant_id', '=', 'devices.tenant_id').onRef('units.id', '=', 'devices.unit_id'))
    .leftJoin('tenant_settings as s', 's.tenant_id', 'appliances.tenant_id')
    .select(['appliances.name as appliance_name', 'appliances.connector_id', 'devices.name as device_name', 'devices.identity',
      'sites.name as site_name', 'sites.country', 'units.label as unit_label', 's.fault_action'])
    .where('appliances.tenant_id', '=', tenantId).where('appliances.device_id', '=', deviceId).where('appliances.id', '=', applianceId)
    .executeTakeFirst();
}

/** The tenant's office staff who can act on a fault; users are the platform's, so run as the platform. */
export function officeStaff(tx: Tx, tenantId: string) {
  return tx.selectFrom('memberships').innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['users.email', 'users.display_name', 'users.language'])
    .where('memberships.tenant_id', '=', tenantId).where('memberships.role', 'in', ['manager_admin', 'manager_staff'])
    .where('users.disabled_at', 'is', null)
    .orderBy('users.email').execute();
}
