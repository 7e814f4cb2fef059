// How badges reach people through staff: an order (billed at once) issued from stock now or later,
// and remote fobs registered by hand.
import { inTenant } from '../../db/scope.ts';
import type { Deps } from '../../deps.ts';
import type { TenantActor } from '../../http/actor.ts';
import { requireAccess } from '../access/access.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { cleanReason, staffChange } from './credentials.changes.ts';
import { badSerial, duplicateTag, invalidReason } from './credentials.errors.ts';
import { recordChange } from './credentials.lifecycle.ts';
import { fulfilOrder, orderBadge, type StockChoice } from './credentials.orders.usecases.ts';
import { authorize, credentialPolicy } from './credentials.policies.ts';
import * as portal from './credentials.portal.repository.ts';
import * as repo from './credentials.repository.ts';
import { normalizeIdTag } from './credentials.tags.ts';
import { viewOf } from './credentials.usecases.ts';
import { isUniqueViolation } from '../../db/errors.ts';

export interface OrderForPerson {
  personId: string;
  /** Issue from stock at once (an empty choice takes the next free badge); without it the order waits. */
  fulfil?: StockChoice;
  /** Issue without a fee, e.g. a defective badge exchanged; the reason is kept. */
  waiveFeeReason?: string;
}

export function orderForPerson(deps: Deps, actor: TenantActor, input: OrderForPerson) {
  authorize(credentialPolicy.manage(actor));
  const waive = input.waiveFeeReason === undefined ? null : cleanReason(input.waiveFeeReason);
  if (input.waiveFeeReason !== undefined && !waive) throw invalidReason();
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    await requireAccess(tx, actor, 'person', [input.personId]);
    const change = staffChange(actor, null, deps.clock.now());
    const { credential, fee } = await orderBadge(tx, { tenantId: actor.tenantId, personId: input.personId, requestId: null, waiveFeeReason: waive, actor, change });
    if (input.fulfil) await fulfilOrder(tx, actor.tenantId, credential.id, input.fulfil, change);
    const view = await viewOf(tx, actor.tenantId, credential.id);
    await recordAudit(tx, actor, { action: 'credential.ordered', entityType: 'credential', entityId: credential.id,
      after: { personId: input.personId, status: view.status, label: view.label, feeId: fee?.id ?? null, feeWaived: waive } });
    return view;
  });
}

export function fulfilFromStock(deps: Deps, actor: TenantActor, id: string, choice: StockChoice) {
  authorize(credentialPolicy.manage(actor));
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    await fulfilOrder(tx, actor.tenantId, id, choice, staffChange(actor, null, deps.clock.now()));
    const view = await viewOf(tx, actor.tenantId, id);
    await recordAudit(tx, actor, { action: 'credential.issued', entityType: 'credential', entityId: id, after: { status: view.status, label: view.label, idTag: view.id_tag } });
    return view;
  });
}

export interface FobRegistration {
  personId: string;
  /** The serial number printed on or read from the remote fob. */
  serial: string;
  label?: string;
}

/** A fob's serial: letters and digits, as the idTag a device sends (OCPP CiString20). */
function fobSerial(raw: string): string {
  const serial = normalizeIdTag(raw);
  if (!/^[0-9A-Z]{4,20}$/.test(serial)) throw badSerial();
  return serial;
}

/**
 * Registers a remote fob staff hold in hand; it works at once, without a fee, in both operating
 * modes (it is not a badge: the platform's stock holds badges only). Building badges are
 * registered through the badge stock module (owner_statements only).
 */
export function registerFob(deps: Deps, actor: TenantActor, input: FobRegistration) {
  authorize(credentialPolicy.manage(actor));
  const idTag = fobSerial(input.serial);
  const label = input.label?.trim() || null;
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    await requireAccess(tx, actor, 'person', [input.personId]);
    if (await repo.findByTag(tx, actor.tenantId, idTag)) throw duplicateTag('serial');
    const now = deps.clock.now();
    const credential = await repo.insertCredential(tx, {
      tenant_id: actor.tenantId, type: 'fob', id_tag: idTag, technology: null, label, person_id: input.personId, status: 'active',
      origin: 'building', valid_until: null, fee_id: null, request_id: null, created_at: now, status_changed_at: now,
    }).catch((error: unknown) => { throw isUniqueViolation(error) ? duplicateTag('serial') : error; });
    await recordChange(tx, credential, null, staffChange(actor, null, now));
    await recordAudit(tx, actor, { action: 'credential.fob_registered', entityType: 'credential', entityId: credential.id,
      after: { personId: input.personId, idTag, label } });
    return viewOf(tx, actor.tenantId, credential.id);
  });
}
