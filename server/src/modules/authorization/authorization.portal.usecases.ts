// What staff see of the authorisation in the portal: the device lists as devices would receive
// them (until devices exist), and a tag checked exactly as a terminal would check it.
import { inTenant } from '../../db/scope.ts';
import type { Deps } from '../../deps.ts';
import { forbidden } from '../../errors.ts';
import type { TenantActor } from '../../http/actor.ts';
import { deviceList } from './authorization.devicelists.ts';
import { authorizationPolicy } from './authorization.policies.ts';
import type { Purpose } from './authorization.types.ts';
import { authorize } from './authorization.usecases.ts';

export function deviceListForStaff(deps: Deps, actor: TenantActor, since: number | null) {
  if (!authorizationPolicy.readDeviceLists(actor)) throw forbidden();
  return inTenant(deps.db, actor.tenantId, (tx) => deviceList(tx, actor.tenantId, since));
}

/** Through the same cache as a terminal; an unknown tag is reported, never registered from the portal. */
export function checkTagForStaff(deps: Deps, actor: TenantActor, input: { idTag: string; purpose: Purpose }) {
  if (!authorizationPolicy.check(actor)) throw forbidden();
  return authorize(deps, { tenantId: actor.tenantId, deviceId: 'portal', purpose: input.purpose, idTag: input.idTag }, { register: false });
}
