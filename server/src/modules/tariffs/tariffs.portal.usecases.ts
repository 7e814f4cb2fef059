// The tariffs as the portal offers them: staff list, add and withdraw a site's tariffs; a
// resident sees the prices in force where they live. Each call is one transaction.
import type { Deps } from '../../deps.ts';
import type { ApplianceKind, Metering } from '../../db/schema.ts';
import { inTenant } from '../../db/scope.ts';
import type { TenantActor } from '../../http/actor.ts';
import { requireAccess } from '../access/access.ts';
import { noPerson } from './tariffs.errors.ts';
import { authorize, tariffPolicy } from './tariffs.policies.ts';
import * as repo from './tariffs.repository.ts';
import { KIND_ORDER } from './tariffs.rules.ts';
import { createTariff, deleteTariff, siteTariffs } from './tariffs.usecases.ts';

export function listSiteTariffs(deps: Deps, actor: TenantActor, siteId: string) {
  authorize(tariffPolicy.read(actor));
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    await requireAccess(tx, actor, 'site', [siteId]);
    return siteTariffs(tx, actor.tenantId, siteId);
  });
}

export interface AddTariffInput {
  applianceKind: ApplianceKind;
  metering: Metering;
  unitPriceMinor: number;
  sessionFeeMinor?: number;
  vatRateBp?: number;
  validFrom?: string;
  validTo?: string | null;
}

export function addTariff(deps: Deps, actor: TenantActor, siteId: string, input: AddTariffInput) {
  authorize(tariffPolicy.manage(actor));
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    await requireAccess(tx, actor, 'site', [siteId]);
    return createTariff(tx, {
      ...input, tenantId: actor.tenantId, siteId, actor, now: deps.clock.now(),
      validFrom: input.validFrom === undefined ? undefined : new Date(input.validFrom),
      validTo: input.validTo ? new Date(input.validTo) : null,
    });
  });
}

export function withdrawTariff(deps: Deps, actor: TenantActor, siteId: string, tariffId: string) {
  authorize(tariffPolicy.manage(actor));
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    await requireAccess(tx, actor, 'site', [siteId]);
    await deleteTariff(tx, { tenantId: actor.tenantId, siteId, tariffId, actor, now: deps.clock.now() });
  });
}

/** The prices in force now at every site the resident lives in, by site and appliance kind. */
export function residentTariffs(deps: Deps, actor: TenantActor) {
  if (!tariffPolicy.own(actor)) throw noPerson();
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    const rows = await repo.tariffsWhereResidentLives(tx, actor.tenantId, actor.personId!, deps.clock.now());
    return rows.sort((a, b) => a.site_name.localeCompare(b.site_name) || KIND_ORDER.indexOf(a.appliance_kind) - KIND_ORDER.indexOf(b.appliance_kind));
  });
}
