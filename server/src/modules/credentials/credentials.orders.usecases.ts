// Badge orders and their fee. An order is an RFID credential in status `ordered`, without a UID,
// billed at once (badge and shipping, described in the holder's language). Staff fulfil it with a
// badge from stock: it then waits for its fee, or works at once when the fee is paid already (or
// was waived). Paying the fee activates a badge waiting for it (onBadgeFeePaid, called by the fees
// module in the paying transaction). The fee is never refunded.
import { randomUUID } from 'node:crypto';
import type { FeeItem, Language } from '../../db/schema.ts';
import type { Tx } from '../../db/scope.ts';
import type { TenantActor } from '../../http/actor.ts';
import { createFee, type FeeRow } from '../fees/fees.usecases.ts';
import { findFee } from '../fees/fees.repository.ts';
import { duplicateLabel, duplicateTag, notOrdered, stockBadgeNotFound, stockEmpty } from './credentials.errors.ts';
import { changeCredentialStatus, recordChange, type Change } from './credentials.lifecycle.ts';
import * as portal from './credentials.portal.repository.ts';
import * as repo from './credentials.repository.ts';
import { normalizeUid } from './credentials.tags.ts';
import de from './i18n/de.json' with { type: 'json' };
import en from './i18n/en.json' with { type: 'json' };
import fr from './i18n/fr.json' with { type: 'json' };
import nl from './i18n/nl.json' with { type: 'json' };
import pl from './i18n/pl.json' with { type: 'json' };
import { isUniqueViolation } from '../../db/errors.ts';

// Typed against the English file: a language missing a text does not compile.
const texts: Record<Language, typeof en> = { de, fr, nl, pl, en };

export const BADGE_ORDER = 'badge_order';

/** Which badge to take from stock: the one with this printed label or UID, or the next free one. */
export interface StockChoice { label?: string; uid?: string }

/** The fee's lines; a line the manager set to zero is left out (a fee line must be positive). */
export function badgeFeeItems(terms: portal.BadgeTerms, language: Language): FeeItem[] {
  const t = texts[language];
  return [{ description: t.badge, amountMinor: terms.badgeFeeMinor }, { description: t.shipping, amountMinor: terms.shippingMinor }]
    .filter((item) => item.amountMinor > 0);
}

export interface OrderInput {
  tenantId: string;
  /** The caller checked that the actor may act for this person. */
  personId: string;
  requestId: string | null;
  /** Staff may waive the fee; the reason goes into the badge's history. Residents' requests never waive it. */
  waiveFeeReason: string | null;
  actor: TenantActor;
  change: Change;
}

export async function orderBadge(tx: Tx, input: OrderInput): Promise<{ credential: repo.CredentialRow; fee: FeeRow | null }> {
  const person = await portal.findPerson(tx, input.tenantId, input.personId);
  if (!person) throw new Error(`orderBadge: person ${input.personId} not found (callers check access first)`);
  const id = randomUUID();
  const { now } = input.change;
  const inserted = await repo.insertCredential(tx, {
    tenant_id: input.tenantId, id, type: 'rfid', id_tag: null, technology: 'mifare_classic', label: null, person_id: input.personId,
    status: 'ordered', origin: 'platform', valid_until: null, fee_id: null, request_id: input.requestId, created_at: now, status_changed_at: now,
  });
  const waived = input.waiveFeeReason !== null;
  await recordChange(tx, inserted, null, { ...input.change, reason: waived ? `Fee waived: ${input.waiveFeeReason}` : input.change.reason });
  if (waived) return { credential: inserted, fee: null };
  const items = badgeFeeItems(await portal.badgeTerms(tx, input.tenantId), person.language);
  if (items.length === 0) return { credential: inserted, fee: null };
  const fee = await createFee(tx, { tenantId: input.tenantId, personId: input.personId, items, subject: { type: BADGE_ORDER, id }, actor: input.actor, now });
  await portal.setFee(tx, input.tenantId, id, fee.id);
  return { credential: { ...inserted, fee_id: fee.id }, fee };
}

async function takeStockBadge(tx: Tx, tenantId: string, choice: StockChoice) {
  const label = choice.label?.trim();
  const uid = choice.uid?.trim();
  const pick: portal.StockPick = label ? { label } : uid ? { idTag: normalizeUid(uid, 'uid') } : 'next';
  const badge = await portal.takeFromStock(tx, tenantId, pick);
  if (!badge) throw pick === 'next' ? stockEmpty() : stockBadgeNotFound(label ? 'label' : 'uid');
  return badge;
}

/** Nothing is owed when the fee was waived, paid, or withdrawn by staff. */
async function feeSettled(tx: Tx, tenantId: string, feeId: string | null): Promise<boolean> {
  if (feeId === null) return true;
  const fee = await findFee(tx, tenantId, feeId);
  return fee === undefined || fee.status !== 'open';
}

/** Issues an ordered badge from stock: it takes the stock badge's UID and label. */
export async function fulfilOrder(tx: Tx, tenantId: string, credentialId: string, choice: StockChoice, change: Change) {
  const order = await repo.lockCredential(tx, tenantId, credentialId);
  if (order.type !== 'rfid' || order.status !== 'ordered') throw notOrdered();
  const badge = await takeStockBadge(tx, tenantId, choice);
  // The stock import keeps issued UIDs and labels out of stock; a badge registered by hand since may not.
  if (await repo.findByTag(tx, tenantId, badge.id_tag)) throw duplicateTag(choice.label ? 'label' : 'uid');
  if (await portal.labelInUse(tx, tenantId, badge.label)) throw duplicateLabel();
  // The fee is read, not locked: a payment committing meanwhile finds the badge awaiting its fee
  // after this commits (it waits for the badge's lock) and activates it then.
  const status = (await feeSettled(tx, tenantId, order.fee_id)) ? 'active' : 'awaiting_fee';
  const issued = await portal.setIssued(tx, tenantId, credentialId, { idTag: badge.id_tag, label: badge.label, status, now: change.now })
    .catch((error: unknown) => { throw isUniqueViolation(error) ? duplicateTag('uid') : error; });
  await recordChange(tx, issued, 'ordered', change);
  return issued;
}

/**
 * The fees module's hook for a paid badge fee (same transaction): the badge waiting for it becomes
 * active. A badge still `ordered` becomes active when staff issue it; any other state stays.
 */
export function onBadgeFeePaid(tx: Tx, fee: FeeRow): Promise<void> {
  return activateAwaitingBadge(tx, fee, null, fee.paid_at ? new Date(fee.paid_at) : new Date());
}

/**
 * The hook for a badge fee staff cancelled: the fee is waived, so a badge waiting for it works
 * (with the reason in its history). An order not yet issued is issued active; a returned badge stays returned.
 */
export function onBadgeFeeCancelled(tx: Tx, fee: FeeRow): Promise<void> {
  return activateAwaitingBadge(tx, fee, `Fee cancelled: ${fee.cancel_reason ?? ''}`.trim(), fee.cancelled_at ? new Date(fee.cancelled_at) : new Date());
}

async function activateAwaitingBadge(tx: Tx, fee: FeeRow, reason: string | null, now: Date): Promise<void> {
  if (!fee.subject_id) return;
  const credential = await repo.findCredential(tx, fee.tenant_id, fee.subject_id);
  if (!credential || credential.fee_id !== fee.id) return;
  const locked = await repo.lockCredential(tx, fee.tenant_id, credential.id);
  if (locked.status !== 'awaiting_fee') return;
  await changeCredentialStatus(tx, fee.tenant_id, credential.id, 'active', { userId: null, actor: 'fee', reason, now });
}
