// Appliances (one per connector of a device) and whether each is running a session now.
import type { Insertable, Updateable } from 'kysely';
import type { Tx } from '../../db/scope.ts';
import type { AppliancesTable } from '../../db/schema.ts';

const RUNNING = ['preselected', 'active'] as const;

function selectAppliances(tx: Tx, tenantId: string) {
  return tx.selectFrom('appliances')
    .select(['appliances.id', 'appliances.device_id', 'appliances.connector_id', 'appliances.kind', 'appliances.metering', 'appliances.name',
      'appliances.ocpp_status', 'appliances.error_code', 'appliances.vendor_error_code', 'appliances.status_info', 'appliances.status_at'])
    .select((eb) => eb.exists(eb.selectFrom('usage_sessions').select('usage_sessions.id')
      .whereRef('usage_sessions.tenant_id', '=', 'appliances.tenant_id').whereRef('usage_sessions.appliance_id', '=', 'appliances.id')
      .where('usage_sessions.status', 'in', RUNNING)).as('running'))
    .where('appliances.tenant_id', '=', tenantId);
}

export type ApplianceRow = Awaited<ReturnType<typeof appliancesOf>>[number];

export function appliancesOf(tx: Tx, tenantId: string, deviceIds: string[]) {
  if (deviceIds.length === 0) return Promise.resolve([]);
  return selectAppliances(tx, tenantId).where('appliances.device_id', 'in', deviceIds).orderBy('appliances.connector_id').execute();
}

export function findAppliance(tx: Tx, tenantId: string, deviceId: string, id: string) {
  return selectAppliances(tx, tenantId).where('appliances.device_id', '=', deviceId).where('appliances.id', '=', id).executeTakeFirst();
}

export function insertAppliance(tx: Tx, appliance: Insertable<AppliancesTable>) {
  return tx.insertInto('appliances').values(appliance).returning('id').executeTakeFirstOrThrow();
}

export async function updateAppliance(tx: Tx, tenantId: string, id: string, changes: Updateable<AppliancesTable>) {
  await tx.updateTable('appliances').set(changes).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

export async function deleteAppliance(tx: Tx, tenantId: string, id: string) {
  await tx.deleteFrom('appliances').where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

export async function applianceHasUsage(tx: Tx, tenantId: string, id: string): Promise<boolean> {
  const session = await tx.selectFrom('usage_sessions').select('id').where('tenant_id', '=', tenantId).where('appliance_id', '=', id).limit(1).executeTakeFirst();
  if (session) return true;
  const reservation = await tx.selectFrom('reservations').select('id').where('tenant_id', '=', tenantId).where('appliance_id', '=', id).limit(1).executeTakeFirst();
  return reservation !== undefined;
}
