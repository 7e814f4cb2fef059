// SQL for the appliances' own meters: which energy-metered appliances have one, and creating the
// missing ones. Every function takes the tenant.
import type { Tx } from '../../db/scope.ts';
import type { ApplianceKind } from '../../db/schema.ts';

export interface EnergyAppliance {
  applianceId: string;
  kind: ApplianceKind;
  connectorId: number;
  name: string;
  deviceIdentity: string;
  deviceName: string;
  siteId: string;
  /** Its meter's serial, or null while it has none. */
  serial: string | null;
}

/** The energy-metered appliances among `applianceIds`, with their meter's serial if they have one. */
export async function energyAppliances(tx: Tx, tenantId: string, applianceIds: string[]): Promise<EnergyAppliance[]> {
  if (applianceIds.length === 0) return [];
  const rows = await tx.selectFrom('appliances as a')
    .innerJoin('devices as d', (j) => j.onRef('d.tenant_id', '=', 'a.tenant_id').onRef('d.id', '=', 'a.device_id'))
    .leftJoin('meters as m', (j) => j.onRef('m.tenant_id', '=', 'a.tenant_id').onRef('m.appliance_id', '=', 'a.id'))
    .select(['a.id', 'a.kind', 'a.connector_id', 'a.name', 'd.identity', 'd.name as device_name', 'd.site_id', 'm.serial'])
    .where('a.tenant_id', '=', tenantId).where('a.id', 'in', applianceIds).where('a.metering', '=', 'energy')
    .execute();
  return rows.map((r) => ({
    applianceId: r.id, kind: r.kind, connectorId: r.connector_id, name: r.name, deviceIdentity: r.identity, deviceName: r.device_name, siteId: r.site_id, serial: r.serial,
  }));
}

export interface NewApplianceMeter { applianceId: string; siteId: string; name: string; serial: string; medium: 'ev_charging' | 'laundry' }

/**
 * Creates register meters in kWh for appliances; one whose appliance has a meter already (made
 * by a concurrent transaction, which this waits for) or whose serial is taken is left out.
 * Inserted in appliance order, so two transactions creating the same meters cannot deadlock.
 */
export async function insertApplianceMeters(tx: Tx, tenantId: string, meters: NewApplianceMeter[]): Promise<void> {
  if (meters.length === 0) return;
  const ordered = [...meters].sort((a, b) => (a.applianceId < b.applianceId ? -1 : 1));
  await tx.insertInto('meters').values(ordered.map((m) => ({
    tenant_id: tenantId, site_id: m.siteId, unit_id: null, name: m.name, serial: m.serial, medium: m.medium, unit: 'kWh' as const,
    kind: 'register' as const, interval_minutes: null, appliance_id: m.applianceId,
  }))).onConflict((oc) => oc.doNothing()).execute();
}
