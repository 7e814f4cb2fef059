// What a room's instructions say about it: the room and its site, the appliances installed there,
// and whom to contact. SQL only; every function names the tenant.
import type { Tx } from '../../db/scope.ts';

export function findRoom(tx: Tx, tenantId: string, siteId: string, unitId: string) {
  return tx.selectFrom('units')
    .innerJoin('sites', (join) => join.onRef('sites.tenant_id', '=', 'units.tenant_id').onRef('sites.id', '=', 'units.site_id'))
    .innerJoin('tenants', 'tenants.id', 'units.tenant_id')
    .select(['units.id', 'units.kind', 'units.label', 'sites.id as site_id', 'sites.name as site_name', 'sites.street', 'sites.postal_code', 'sites.city',
      'sites.languages', 'tenants.name as tenant_name', 'tenants.short_code', 'tenants.currency'])
    .where('units.tenant_id', '=', tenantId).where('units.site_id', '=', siteId).where('units.id', '=', unitId)
    .executeTakeFirst();
}

/** The appliances of the devices installed in a room, with their device's auto-end times. */
export function roomAppliances(tx: Tx, tenantId: string, unitId: string) {
  return tx.selectFrom('appliances')
    .innerJoin('devices', (join) => join.onRef('devices.tenant_id', '=', 'appliances.tenant_id').onRef('devices.id', '=', 'appliances.device_id'))
    .select(['appliances.kind', 'appliances.metering', 'devices.idle_end_minutes', 'devices.impulse_end_minutes'])
    .where('devices.tenant_id', '=', tenantId).where('devices.unit_id', '=', unitId)
    .orderBy('appliances.kind').execute();
}

/** The tenant's first administrator: the contact printed on its notices. Joins the platform's users: run as the platform. */
export function firstAdmin(tx: Tx, tenantId: string) {
  return tx.selectFrom('memberships').innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['users.display_name', 'users.email', 'users.landline', 'users.mobile'])
    .where('memberships.tenant_id', '=', tenantId).where('memberships.role', '=', 'manager_admin').where('users.disabled_at', 'is', null)
    .orderBy('memberships.created_at').orderBy('users.email').limit(1).executeTakeFirst();
}
