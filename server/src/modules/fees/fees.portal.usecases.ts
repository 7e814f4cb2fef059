// The fees as the portal offers them: residents see and pay their own (from the balance, or by
// bank transfer with the slip), staff bill a customer, list and cancel. Each call is one transaction.
import type { Deps } from '../../deps.ts';
import type { FeeItem, FeeStatus } from '../../db/schema.ts';
import { inTenant } from '../../db/scope.ts';
import type { TenantActor } from '../../http/actor.ts';
import { requireAccess } from '../access/access.ts';
import { invalidReason, noPerson } from './fees.errors.ts';
import { authorize, feePolicy } from './fees.policies.ts';
import * as repo from './fees.repository.ts';
import { feeSlip } from './fees.slip.ts';
import { cancelFee, createFee, payFeeFromWallet } from './fees.usecases.ts';

/** How many paid or cancelled fees a resident sees beside the open ones. */
const RECENT_CLOSED = 10;

function ownPerson(actor: TenantActor): string {
  if (!feePolicy.own(actor)) throw noPerson();
  return actor.personId!;
}

/** The resident's open fees (all of them) and the most recent paid or cancelled ones, newest first. */
export function listOwnFees(deps: Deps, actor: TenantActor) {
  const personId = ownPerson(actor);
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    const open = await repo.listFees(tx, actor.tenantId, { personId, status: 'open' }, 100);
    const recent = (await repo.listFees(tx, actor.tenantId, { personId }, RECENT_CLOSED + open.length)).filter((f) => f.status !== 'open');
    return [...open, ...recent.slice(0, RECENT_CLOSED)];
  });
}

export function payOwnFee(deps: Deps, actor: TenantActor, feeId: string) {
  const personId = ownPerson(actor);
  return inTenant(deps.db, actor.tenantId, (tx) => payFeeFromWallet(tx, { tenantId: actor.tenantId, feeId, personId, actor, now: deps.clock.now() }));
}

/** The payment slip of an open fee: the fee's reference and amount, as EPC QR code or Swiss QR-bill. */
export async function ownFeeSlip(deps: Deps, actor: TenantActor, feeId: string) {
  const personId = ownPerson(actor);
  return feeSlip(deps, actor.tenantId, feeId, personId);
}

export function listFees(deps: Deps, actor: TenantActor, filter: { personId?: string; status?: FeeStatus }) {
  authorize(feePolicy.read(actor));
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    if (filter.personId) await requireAccess(tx, actor, 'person', [filter.personId]);
    return repo.listFees(tx, actor.tenantId, filter, 500);
  });
}

export function billPerson(deps: Deps, actor: TenantActor, input: { id: string; personId: string; items: FeeItem[] }) {
  authorize(feePolicy.create(actor));
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    await requireAccess(tx, actor, 'person', [input.personId]);
    return createFee(tx, { tenantId: actor.tenantId, id: input.id, personId: input.personId, items: input.items, actor, now: deps.clock.now() });
  });
}

export function cancelFeeAsStaff(deps: Deps, actor: TenantActor, feeId: string, reason: string) {
  authorize(feePolicy.cancel(actor));
  if (!reason.trim()) throw invalidReason();
  return inTenant(deps.db, actor.tenantId, (tx) => cancelFee(tx, { tenantId: actor.tenantId, feeId, reason: reason.trim(), actor, now: deps.clock.now() }));
}
