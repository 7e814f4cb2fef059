// What a device asks and what it is told. The statuses are OCPP 1.6's AuthorizationStatus, so
// the gateway passes them through to an Authorize.conf / StartTransaction.conf unchanged; the
// reason is ours, a stable code the portal and the logs can show.
import type { Currency } from '../../db/schema.ts';

export type Purpose = 'laundry' | 'charging' | 'lock';

export type AuthorizationStatus = 'Accepted' | 'Blocked' | 'Expired' | 'Invalid' | 'ConcurrentTx';

export type RefusalReason =
  | 'lost' | 'blocked' | 'fee_unpaid' | 'returned' | 'ordered' // the credential's life cycle
  | 'expired'              // valid_until has passed
  | 'debt'                 // the wallet owes money (offline usage): no new sessions
  | 'unknown'              // no such tag here (a badge of another tenant is unknown too)
  | 'platform_badges_only' // a building badge where the platform bills and collects
  | 'in_use';              // the tag runs a session on another device

export interface AuthorizeInput {
  tenantId: string;
  /** The device's identity (OCPP chargePointId); also who acted in the history of an auto-registration. */
  deviceId: string;
  purpose: Purpose;
  /** As the device sent it; normalised here (case, separators). */
  idTag: string;
}

export interface AuthorizeAnswer {
  status: AuthorizationStatus;
  reason: RefusalReason | null;
  credentialId: string | null;
  personId: string | null;
  /** Null until the person's wallet exists (wallets open on first use) or when no balance was needed. */
  walletId: string | null;
  /** Spendable balance (posted minus held) in minor units, at most a few seconds old; null when not read. */
  balanceMinor: number | null;
  currency: Currency | null;
  /** Answered from memory (true) or from the database (false). */
  cached: boolean;
}
