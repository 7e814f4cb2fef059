// The tenant's device settings in tenant_settings; a tenant without a row has the defaults.
import type { Tx } from '../../db/scope.ts';

export interface DeviceSettingsRow { faultAction: 'none' | 'notify_staff'; chargingMinBalanceMinor: number; chargingHoldStepMinor: number }

const DEFAULTS: DeviceSettingsRow = { faultAction: 'notify_staff', chargingMinBalanceMinor: 500, chargingHoldStepMinor: 1000 };

export async function readDeviceSettings(tx: Tx, tenantId: string): Promise<DeviceSettingsRow> {
  const row = await tx.selectFrom('tenant_settings').select(['fault_action', 'charging_min_balance_minor', 'charging_hold_step_minor'])
    .where('tenant_id', '=', tenantId).executeTakeFirst();
  if (!row) return DEFAULTS;
  return { faultAction: row.fault_action, chargingMinBalanceMinor: Number(row.charging_min_balance_minor), chargingHoldStepMinor: Number(row.charging_hold_step_minor) };
}

export async function saveDeviceSettings(tx: Tx, tenantId: string, s: DeviceSettingsRow): Promise<void> {
  const values = { fault_action: s.faultAction, charging_min_balance_minor: s.chargingMinBalanceMinor, charging_hold_step_minor: s.chargingHoldStepMinor };
  await tx.insertInto('tenant_settings').values({ tenant_id: tenantId, ...values })
    .onConflict((oc) => oc.column('tenant_id').doUpdateSet({ ...values, updated_at: new Date() })).execute();
}
