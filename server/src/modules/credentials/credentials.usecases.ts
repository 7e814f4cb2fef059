// Staff work on credentials: find them (by UID, printed label, holder or customer number), see one
// with its history, block and unblock, take one back. Every status change goes through
// changeCredentialStatus, so the history, the device lists and every process's cache follow.
import type { CredentialStatus, CredentialType } from '../../db/schema.ts';
import { inTenant, type Tx } from '../../db/scope.ts';
import type { Deps } from '../../deps.ts';
import type { TenantActor } from '../../http/actor.ts';
import { requireAccess } from '../access/access.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { findFee } from '../fees/fees.repository.ts';
import { cancelFee } from '../fees/fees.usecases.ts';
import { cleanReason, staffChange } from './credentials.changes.ts';
import { credentialNotFound, illegalTransition, invalidReason } from './credentials.errors.ts';
import { changeCredentialStatus, type Change } from './credentials.lifecycle.ts';
import { authorize, credentialPolicy } from './credentials.policies.ts';
import * as portal from './credentials.portal.repository.ts';
import { normalizeIdTag } from './credentials.tags.ts';

export async function viewOf(tx: Tx, tenantId: string, id: string): Promise<portal.CredentialView> {
  const view = await portal.findView(tx, tenantId, id);
  if (!view) throw credentialNotFound();
  return view;
}

export interface SearchInput { q?: string; status?: CredentialStatus; type?: CredentialType; personId?: string }

export function searchCredentials(deps: Deps, actor: TenantActor, input: SearchInput) {
  authorize(credentialPolicy.manage(actor));
  const q = input.q?.trim() || undefined;
  // A UID is typed in any case and with any separators; only what could be one is compared as a tag.
  const idTag = q && /^[0-9a-fA-F:\s.-]{4,}$/.test(q) ? normalizeIdTag(q) : undefined;
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    if (input.personId) await requireAccess(tx, actor, 'person', [input.personId]);
    return portal.search(tx, actor.tenantId, { ...input, q, idTag }, 200);
  });
}

export function credentialDetail(deps: Deps, actor: TenantActor, id: string) {
  authorize(credentialPolicy.manage(actor));
  return inTenant(deps.db, actor.tenantId, async (tx) => ({
    credential: await viewOf(tx, actor.tenantId, id),
    history: await portal.history(tx, actor.tenantId, id),
  }));
}

/** One status change by staff, audited, answered with the credential as it is now. */
function staffTransition(deps: Deps, actor: TenantActor, id: string, to: CredentialStatus, reason: string | null,
  options: { from?: CredentialStatus; after?: (tx: Tx, change: Change) => Promise<void> } = {}) {
  authorize(credentialPolicy.manage(actor));
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    const before = await viewOf(tx, actor.tenantId, id);
    if (options.from && before.status !== options.from) throw illegalTransition(before.status, to);
    const change = staffChange(actor, reason, deps.clock.now());
    await changeCredentialStatus(tx, actor.tenantId, id, to, change);
    if (options.after) await options.after(tx, change);
    const view = await viewOf(tx, actor.tenantId, id);
    await recordAudit(tx, actor, { action: `credential.${to}`, entityType: 'credential', entityId: id,
      before: { status: before.status }, after: { status: view.status, reason } });
    return view;
  });
}

export function blockCredential(deps: Deps, actor: TenantActor, id: string, reason: string) {
  const why = cleanReason(reason);
  if (!why) throw invalidReason();
  return staffTransition(deps, actor, id, 'blocked', why);
}

/** Only a blocked credential: a badge awaiting its fee becomes active by the payment, never by staff. */
export function unblockCredential(deps: Deps, actor: TenantActor, id: string, reason: string | undefined) {
  return staffTransition(deps, actor, id, 'active', cleanReason(reason), { from: 'blocked' });
}

/**
 * The badge came back (or an order is withdrawn). A fee still open is withdrawn with it: nobody
 * pays for a badge they gave back unpaid. A paid fee stays paid; fees are never refunded.
 */
export function markReturned(deps: Deps, actor: TenantActor, id: string, reason: string | undefined) {
  const why = cleanReason(reason);
  return staffTransition(deps, actor, id, 'returned', why, { after: async (tx, change) => {
    const view = await viewOf(tx, actor.tenantId, id);
    if (!view.fee_id) return;
    const fee = await findFee(tx, actor.tenantId, view.fee_id);
    if (fee?.status !== 'open') return;
    await cancelFee(tx, { tenantId: actor.tenantId, feeId: fee.id, reason: why ?? 'Badge returned before the fee was paid', actor, now: change.now });
  } });
}

export function badgeTermsFor(deps: Deps, actor: TenantActor) {
  authorize(credentialPolicy.readTerms(actor));
  return inTenant(deps.db, actor.tenantId, (tx) => portal.badgeTerms(tx, actor.tenantId));
}
