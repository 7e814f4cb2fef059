import type { Tx } from '../../db/scope.ts';

/** Each appliance with what its live status derives from: its device's connection and registration, and a running session. */
export function liveRows(tx: Tx, tenantId: string, filter: { deviceId?: string; siteId?: string; technicianUserId: string | null }) {
  let query = tx.selectFrom('appliances')
    .innerJoin('devices', (join) => join.onRef('devices.tenant_id', '=', 'appliances.tenant_id').onRef('devices.id', '=', 'appliances.device_id'))
    .select(['appliances.id', 'appliances.device_id', 'appliances.ocpp_status', 'appliances.error_code', 'appliances.status_at',
      'devices.connected_node', 'devices.registration'])
    .select((eb) => eb.exists(eb.selectFrom('usage_sessions').select('usage_sessions.id')
      .whereRef('usage_sessions.tenant_id', '=', 'appliances.tenant_id').whereRef('usage_sessions.appliance_id', '=', 'appliances.id')
      .where('usage_sessions.status', 'in', ['preselected', 'active'])).as('running'))
    .where('appliances.tenant_id', '=', tenantId);
  if (filter.deviceId) query = query.where('appliances.device_id', '=', filter.deviceId);
  if (filter.siteId) query = query.where('devices.site_id', '=', filter.siteId);
  if (filter.technicianUserId) {
    query = query.innerJoin('technician_sites as ts', (join) => join.onRef('ts.tenant_id', '=', 'devices.tenant_id').onRef('ts.site_id', '=', 'devices.site_id'))
      .where('ts.user_id', '=', filter.technicianUserId);
  }
  return query.orderBy('appliances.device_id').orderBy('appliances.connector_id').execute();
}

export type LiveRow = Awaited<ReturnType<typeof liveRows>>[number];
