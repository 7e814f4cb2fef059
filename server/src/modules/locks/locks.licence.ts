// The licence rules of a lock (seed 002), as plain functions of a licence and the time.
// Nothing here reads or writes the database: the use cases load a lock, ask these rules, and
// store what they answer. docs/locks.md explains each rule with an example.
import { lockErrors } from './locks.errors.ts';

/** The first registration of a lock gives this many months of full management. */
export const FREE_MONTHS = 3;
/** What a management code, the organisation option and each renewal of either add. */
export const PAID_YEARS = 5;
/** Keys a lock can hold at once, and the most that can ever be bought for it. */
export const KEY_LIMIT = 2500;
/** Keys that come with a lock; key packs add more. */
export const INCLUDED_KEYS = 10;

export interface Licence {
  freeUntil: Date;
  /** End of the paid 5-year management; null until a code is redeemed. */
  managedUntil: Date | null;
  /** End of the option to share management with organisations; null until bought. */
  orgOptionUntil: Date | null;
  /** Keys bought for the lock, the included ones too. */
  purchasedKeys: number;
  /** Keys issued since the last activation of 5-year management, revoked ones included. */
  keySlotsUsed: number;
}

export type Management = 'full' | 'revoke_only';

/** Calendar months later, in UTC; the 31st plus a month is the last day of the shorter month. */
export function addMonths(at: Date, months: number): Date {
  const target = new Date(at.getTime());
  const day = target.getUTCDate();
  target.setUTCDate(1);
  target.setUTCMonth(target.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target;
}

const later = (a: Date | null, b: Date) => (a && a > b ? a : b);

/** A lock seen for the first time: three months of full management and the included keys. */
export function firstLicence(now: Date): Licence {
  return { freeUntil: addMonths(now, FREE_MONTHS), managedUntil: null, orgOptionUntil: null, purchasedKeys: INCLUDED_KEYS, keySlotsUsed: 0 };
}

export function paidManagementActive(licence: Licence, now: Date): boolean {
  return licence.managedUntil !== null && now < licence.managedUntil;
}

/** Full management in the free period or the paid years; otherwise keys can only be revoked. */
export function managementAt(licence: Licence, now: Date): Management {
  return now < licence.freeUntil || paidManagementActive(licence, now) ? 'full' : 'revoke_only';
}

/** Keys may be issued to organisations only while both the paid management and the option run. */
export function sharingActive(licence: Licence, now: Date): boolean {
  return paidManagementActive(licence, now) && licence.orgOptionUntil !== null && now < licence.orgOptionUntil;
}

/** Keys that can still be issued now, given how many are active. */
export function issuableKeys(licence: Licence, activeKeys: number): number {
  return Math.max(0, Math.min(licence.purchasedKeys - licence.keySlotsUsed, KEY_LIMIT - activeKeys));
}

/**
 * Redeeming a management code: five years from now, or from the end of the paid years still
 * running. Every purchased key that is not active — never issued, or revoked — becomes issuable
 * again, and keys that were kept through a lapse are fully managed again.
 */
export function activateManagement(licence: Licence, now: Date, activeKeys: number): Licence {
  return { ...licence, managedUntil: addMonths(later(licence.managedUntil, now), 12 * PAID_YEARS), keySlotsUsed: activeKeys };
}

/** The organisation option: only while the paid management runs, never in the free period or after it lapsed. */
export function activateOrganisationOption(licence: Licence, now: Date): Licence {
  if (!paidManagementActive(licence, now)) throw lockErrors.optionNeedsManagement();
  return { ...licence, orgOptionUntil: addMonths(later(licence.orgOptionUntil, now), 12 * PAID_YEARS) };
}

export function addKeyPack(licence: Licence, keys: number): Licence {
  if (licence.purchasedKeys + keys > KEY_LIMIT) throw lockErrors.keyPackTooLarge(KEY_LIMIT - licence.purchasedKeys);
  return { ...licence, purchasedKeys: licence.purchasedKeys + keys };
}

/** Issuing one key: full management, a purchased key left, and room under the limit of 2,500. */
export function issueKey(licence: Licence, now: Date, activeKeys: number, forOrganisation: boolean): Licence {
  if (managementAt(licence, now) === 'revoke_only') throw lockErrors.revokeOnly();
  if (forOrganisation && !sharingActive(licence, now)) throw lockErrors.sharingInactive();
  if (activeKeys >= KEY_LIMIT) throw lockErrors.keyLimit();
  if (licence.keySlotsUsed >= licence.purchasedKeys) throw lockErrors.noKeysLeft();
  return { ...licence, keySlotsUsed: licence.keySlotsUsed + 1 };
}

/** Anything but revoking, reading and redeeming: changing a key or the lock needs full management. */
export function requireFullManagement(licence: Licence, now: Date): void {
  if (managementAt(licence, now) === 'revoke_only') throw lockErrors.revokeOnly();
}
