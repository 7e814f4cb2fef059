// The settings a session follows: what the device is for, and how a site's charging is paid.
import type { Tx } from '../../db/scope.ts';
import type { ChargingBilling, Currency } from '../../db/schema.ts';
import type { Purpose } from '../authorization/authorization.types.ts';
import type { ConnectedDevice } from '../devices/devices.link.ts';
import * as repo from './sessions.repository.ts';

export function purposeOf(device: Pick<ConnectedDevice, 'kind'>): Purpose {
  return device.kind === 'charger' ? 'charging' : 'laundry';
}

export interface ChargingRules {
  billing: ChargingBilling;
  /** Prepaid charging needs this much on the wallet to start. */
  minBalanceMinor: number;
  /** Each hold of a prepaid session without a pre-selection takes this much. */
  holdStepMinor: number;
  currency: Currency;
}

export async function chargingRules(tx: Tx, tenantId: string, siteId: string): Promise<ChargingRules> {
  const row = await repo.chargingFacts(tx, tenantId, siteId);
  return {
    // Postpaid is recorded for someone to bill: the platform's invoice run, or in "owner
    // statements" mode the owner, from the month's consumption statements.
    billing: row.charging_billing,
    minBalanceMinor: row.charging_min_balance_minor ?? 500,
    holdStepMinor: row.charging_hold_step_minor ?? 1000,
    currency: row.currency,
  };
}
