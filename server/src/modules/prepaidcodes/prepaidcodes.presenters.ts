import type { AttemptRow, BatchRow, RedemptionRow } from './prepaidcodes.repository.ts';
import type { Redeemed } from './prepaidcodes.redeem.ts';

const iso = (value: Date | string) => new Date(value).toISOString();
const isoOrNull = (value: Date | string | null) => (value === null ? null : iso(value));

export function presentBatch(row: BatchRow) {
  return {
    id: row.id, product: row.product, keysPerCode: row.keys_per_code, quantity: row.quantity, redeemed: Number(row.redeemed ?? 0),
    label: row.label, createdAt: iso(row.created_at), createdBy: row.created_by_email,
  };
}

export function presentRedemption(row: RedemptionRow) {
  return {
    hint: row.hint, redeemedAt: iso(row.redeemed_at!), by: row.redeemed_by_email, manager: row.tenant_name,
    lockSerial: row.redeemed_lock_serial, partyName: row.party_name,
  };
}

export function presentAttempt(row: AttemptRow) {
  return { at: iso(row.at), user: row.email, outcome: row.outcome, hint: row.hint, lockSerial: row.lock_serial };
}

export function presentRedeemed(redeemed: Redeemed) {
  const { lock, party } = redeemed;
  return {
    product: redeemed.product,
    ...(lock && { lock: {
      id: lock.id, serial: lock.serial, freeUntil: iso(lock.freeUntil), managedUntil: isoOrNull(lock.managedUntil),
      orgOptionUntil: isoOrNull(lock.orgOptionUntil), purchasedKeys: lock.purchasedKeys, keySlotsUsed: lock.keySlotsUsed,
    } }),
    ...(party && { party: { id: party.id, organisationManagementAt: iso(party.organisationManagementAt) } }),
  };
}
