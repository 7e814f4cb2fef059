// The tariff the gateway and the usage sessions price with: the one in force at an instant.
import type { Tx } from '../../db/scope.ts';
import type { ApplianceKind, Tariff } from '../../db/schema.ts';
import * as repo from './tariffs.repository.ts';

export type { Tariff };

/** The tariff of a site and appliance kind valid at `at` (valid_from <= at < valid_to), or null when none is. */
export function tariffAt(tx: Tx, tenantId: string, siteId: string, applianceKind: ApplianceKind, at: Date): Promise<Tariff | null> {
  return repo.tariffAt(tx, tenantId, siteId, applianceKind, at);
}
