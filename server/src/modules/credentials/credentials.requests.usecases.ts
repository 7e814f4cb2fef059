// Residents ask for a badge (their first, an additional one, or a replacement after a loss; for
// laundry, charging or a private charger, which needs its parking space or serial number).
// Requests queue for staff: approving orders the badge and bills its fee (every badge carries it),
// optionally issuing it from stock at once; rejecting gives the resident the reason. Either
// decision is mailed to the resident in their language.
import type { BadgeRequestStatus, Currency } from '../../db/schema.ts';
import { inTenant } from '../../db/scope.ts';
import type { Deps } from '../../deps.ts';
import type { TenantActor } from '../../http/actor.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { cleanReason, staffChange } from './credentials.changes.ts';
import {
  chargerLocationRequired, invalidReason, noLostBadge, noPerson, notFirstBadge, requestAlreadyDecided, requestIdReused, requestNotFound,
} from './credentials.errors.ts';
import { fulfilOrder, orderBadge, type StockChoice } from './credentials.orders.usecases.ts';
import { authorize, credentialPolicy } from './credentials.policies.ts';
import * as portal from './credentials.portal.repository.ts';
import { notifyRequestDecision } from './credentials.requests.mail.ts';
import * as repo from './credentials.requests.repository.ts';
import type { BadgeRequestRow } from './credentials.requests.repository.ts';

export interface NewBadgeRequest {
  /** Chosen by the client: sending the same request again returns the first. */
  id: string;
  kind: 'first' | 'additional' | 'replacement';
  purpose: 'laundry' | 'charging' | 'private_charger';
  parkingSpace?: string;
  chargerSerial?: string;
  note?: string;
}

function ownPerson(actor: TenantActor): string {
  if (!credentialPolicy.own(actor)) throw noPerson();
  return actor.personId!;
}

export function requestBadge(deps: Deps, actor: TenantActor, input: NewBadgeRequest) {
  const personId = ownPerson(actor);
  const privateCharger = input.purpose === 'private_charger';
  // Where the badge is for only matters for a private charger; anything else given is not kept.
  const parkingSpace = privateCharger ? cleanReason(input.parkingSpace) : null;
  const chargerSerial = privateCharger ? cleanReason(input.chargerSerial) : null;
  if (privateCharger && !parkingSpace && !chargerSerial) throw chargerLocationRequired();
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    const existing = await repo.findRequest(tx, actor.tenantId, input.id);
    if (existing) {
      if (existing.person_id !== personId) throw requestIdReused();
      return existing;
    }
    const badges = await portal.badgeCounts(tx, actor.tenantId, personId);
    if (input.kind === 'first' && badges.live > 0) throw notFirstBadge();
    if (input.kind === 'replacement' && badges.lost === 0) throw noLostBadge();
    await repo.insertRequest(tx, {
      tenant_id: actor.tenantId, id: input.id, person_id: personId, kind: input.kind, purpose: input.purpose,
      parking_space: parkingSpace, charger_serial: chargerSerial, note: cleanReason(input.note),
      decided_by: null, decided_at: null, reason: null, credential_id: null, fee_id: null, created_at: deps.clock.now(),
    });
    const request = await repo.findRequest(tx, actor.tenantId, input.id);
    if (!request || request.person_id !== personId) throw requestIdReused();
    await recordAudit(tx, actor, { action: 'badge_request.created', entityType: 'badge_request', entityId: request.id,
      after: { kind: request.kind, purpose: request.purpose, parkingSpace, chargerSerial } });
    return request;
  });
}

export function listOwnRequests(deps: Deps, actor: TenantActor) {
  const personId = ownPerson(actor);
  return inTenant(deps.db, actor.tenantId, (tx) => repo.listRequests(tx, actor.tenantId, { personId }));
}

/** The resident withdraws a request staff have not decided yet. */
export function cancelOwnRequest(deps: Deps, actor: TenantActor, id: string) {
  const personId = ownPerson(actor);
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    const request = await repo.lockRequest(tx, actor.tenantId, id);
    if (!request || request.person_id !== personId) throw requestNotFound();
    if (request.status !== 'pending') throw requestAlreadyDecided();
    await repo.decideRequest(tx, actor.tenantId, id, { status: 'cancelled', decidedBy: actor.userId, decidedAt: deps.clock.now(), reason: null });
    await recordAudit(tx, actor, { action: 'badge_request.cancelled', entityType: 'badge_request', entityId: id, before: { status: 'pending' }, after: { status: 'cancelled' } });
    return (await repo.findRequest(tx, actor.tenantId, id))!;
  });
}

export function listRequests(deps: Deps, actor: TenantActor, status?: BadgeRequestStatus) {
  authorize(credentialPolicy.manage(actor));
  return inTenant(deps.db, actor.tenantId, (tx) => repo.listRequests(tx, actor.tenantId, { status }));
}

async function pending(tx: Parameters<typeof repo.lockRequest>[0], tenantId: string, id: string): Promise<BadgeRequestRow> {
  const request = await repo.lockRequest(tx, tenantId, id);
  if (!request) throw requestNotFound();
  if (request.status !== 'pending') throw requestAlreadyDecided();
  return request;
}

type Decided = { request: BadgeRequestRow; fee: { amountMinor: number; currency: Currency } };

/** Approves: orders the badge and bills its fee; with `fulfil`, issues it from stock in the same step. */
export async function approveRequest(deps: Deps, actor: TenantActor, id: string, fulfil?: StockChoice) {
  authorize(credentialPolicy.manage(actor));
  const decided = await inTenant(deps.db, actor.tenantId, async (tx): Promise<Decided> => {
    const request = await pending(tx, actor.tenantId, id);
    const change = staffChange(actor, `Badge request: ${request.kind}, ${request.purpose}`, deps.clock.now());
    const { credential, fee } = await orderBadge(tx, { tenantId: actor.tenantId, personId: request.person_id, requestId: id, waiveFeeReason: null, actor, change });
    if (fulfil) await fulfilOrder(tx, actor.tenantId, credential.id, fulfil, change);
    await repo.decideRequest(tx, actor.tenantId, id, {
      status: 'approved', decidedBy: actor.userId, decidedAt: change.now, reason: null, credentialId: credential.id, feeId: fee?.id ?? null,
    });
    await recordAudit(tx, actor, { action: 'badge_request.approved', entityType: 'badge_request', entityId: id,
      before: { status: 'pending' }, after: { status: 'approved', credentialId: credential.id, feeId: fee?.id ?? null, issued: fulfil !== undefined } });
    const currency = fee?.currency ?? (await portal.badgeTerms(tx, actor.tenantId)).currency;
    return { request: (await repo.findRequest(tx, actor.tenantId, id))!, fee: { amountMinor: fee ? Number(fee.amount_minor) : 0, currency } };
  });
  await notifyRequestDecision(deps, decided.request, decided.fee);
  return decided.request;
}

export async function rejectRequest(deps: Deps, actor: TenantActor, id: string, reason: string) {
  authorize(credentialPolicy.manage(actor));
  const why = cleanReason(reason);
  if (!why) throw invalidReason();
  const decided = await inTenant(deps.db, actor.tenantId, async (tx): Promise<Decided> => {
    await pending(tx, actor.tenantId, id);
    await repo.decideRequest(tx, actor.tenantId, id, { status: 'rejected', decidedBy: actor.userId, decidedAt: deps.clock.now(), reason: why });
    await recordAudit(tx, actor, { action: 'badge_request.rejected', entityType: 'badge_request', entityId: id, before: { status: 'pending' }, after: { status: 'rejected', reason: why } });
    const { currency } = await portal.badgeTerms(tx, actor.tenantId);
    return { request: (await repo.findRequest(tx, actor.tenantId, id))!, fee: { amountMinor: 0, currency } };
  });
  await notifyRequestDecision(deps, decided.request, decided.fee);
  return decided.request;
}
