// The check a device makes at every tap (OCPP Authorize, StartTransaction): may this tag start
// here, and whose wallet pays? Warm, it is two Map lookups and a few comparisons; the database is
// read only for a tag not in memory, a balance older than its TTL, or an auto-registration.
// Whether the tag runs a session on another device is read from the sessions themselves, which
// every process shares: one indexed query, only for a tag that would otherwise be accepted. That
// statement and a balance read are one round trip each, on the tap's own connections
// (Authorization.tapDb), so a tap never waits behind the sessions' transactions.
import type { Db } from '../../db/client.ts';
import { inTenant } from '../../db/scope.ts';
import type { CredentialStatus } from '../../db/schema.ts';
import type { Clock } from '../../deps.ts';
import { normalizeIdTag } from '../credentials/credentials.tags.ts';
import { isInDebt } from '../ledger/ledger.usecases.ts';
import type { Account } from '../ledger/ledger.types.ts';
import { isUid, registerAtFirstTap } from './authorization.autoregister.ts';
import type { Balance, KnownTag, TagEntry } from './authorization.cache.ts';
import * as repo from './authorization.repository.ts';
import type { Authorization } from './authorization.runtime.ts';
import type { AuthorizationStatus, AuthorizeAnswer, AuthorizeInput, RefusalReason } from './authorization.types.ts';

export interface AuthorizeContext {
  db: Db;
  clock: Clock;
  authorization: Authorization;
}

/** OCPP 1.6 idTags are CiString20; longer input is no tag of ours and is not worth a database read. */
export const MAX_ID_TAG_LENGTH = 20;

/** What normalizeIdTag leaves unchanged: upper-case letters and digits, no separators or spaces. */
const NORMAL_FORM = /^[0-9A-Z]+$/;

const LIFECYCLE_REFUSAL: Record<CredentialStatus, RefusalReason | null> = {
  active: null, lost: 'lost', blocked: 'blocked', awaiting_fee: 'fee_unpaid', returned: 'returned', ordered: 'ordered',
};

export interface AuthorizeOptions {
  /** false: an unknown tag is only reported, never registered (staff's check in the portal). */
  register?: boolean;
  /** false: the caller checks itself, under its own locks, whether the tag is busy on another device (Preselect). */
  busyElsewhere?: boolean;
}

export async function authorize(ctx: AuthorizeContext, input: AuthorizeInput, options: AuthorizeOptions = {}): Promise<AuthorizeAnswer> {
  // Devices send the normal form almost always; checking for it is cheaper than rebuilding it.
  const idTag = NORMAL_FORM.test(input.idTag) ? input.idTag : normalizeIdTag(input.idTag);
  if (idTag.length === 0 || idTag.length > MAX_ID_TAG_LENGTH) return answer('Invalid', 'unknown', null, null, false);
  const { cache } = ctx.authorization;
  const nowMs = ctx.clock.now().getTime();
  const key = input.tenantId + ':' + idTag;

  let tag = cache.tag(key, nowMs);
  const cached = tag !== undefined;
  let balance: Balance | null = null;
  if (tag === undefined) {
    const read = await cache.loadTag(key, (t) => (t.known ? input.tenantId + ':' + t.personId : null), () => readTag(ctx.db, input.tenantId, idTag, nowMs, cache.options));
    tag = read.tag;
    balance = read.balance;
  }

  if (!tag.known) {
    if (tag.autoRegister[input.purpose] && options.register !== false && await registerAtFirstTap(ctx, { ...input, idTag })) {
      return authorize(ctx, input, { register: false });
    }
    return answer('Invalid', 'unknown', null, null, cached);
  }
  if (tag.refusal !== null) return answer('Blocked', tag.refusal, tag, null, cached);
  if (tag.validUntilMs !== null && tag.validUntilMs <= nowMs) return answer('Expired', 'expired', tag, null, cached);

  if (balance === null) {
    const balanceKey = input.tenantId + ':' + tag.personId;
    const personId = tag.personId;
    balance = cache.balance(balanceKey, nowMs)
      ?? await cache.loadBalance(balanceKey, () => readBalance(ctx.authorization.tapDb ?? ctx.db, input.tenantId, personId, nowMs + cache.options.balanceTtlMs));
  }
  if (balance.inDebt) return answer('Blocked', 'debt', tag, balance, cached);
  const credentialId = tag.credentialId;
  if (options.busyElsewhere === false) return answer('Accepted', null, tag, balance, cached);
  const busyOn = await repo.busyOn(ctx.authorization.tapDb ?? ctx.db, input.tenantId, credentialId);
  if (busyOn !== null && busyOn !== input.deviceId) return answer('ConcurrentTx', 'in_use', tag, balance, cached);
  return answer('Accepted', null, tag, balance, cached);
}

function answer(status: AuthorizationStatus, reason: RefusalReason | null, tag: KnownTag | null, balance: Balance | null, cached: boolean): AuthorizeAnswer {
  return {
    status, reason, credentialId: tag?.credentialId ?? null, personId: tag?.personId ?? null,
    walletId: balance?.walletId ?? null, balanceMinor: balance?.availableMinor ?? null, currency: tag?.currency ?? null, cached,
  };
}

type WalletRow = { wallet_id: string | null; credits_posted: number | null; debits_posted: number | null; debits_pending: number | null };

function toBalance(tenantId: string, personId: string, currency: Account['currency'], row: WalletRow, staleAtMs: number): Balance {
  if (row.wallet_id === null) return { walletId: null, availableMinor: 0, inDebt: false, staleAtMs };
  const posted = Number(row.credits_posted) - Number(row.debits_posted);
  const wallet: Account = {
    tenantId, id: row.wallet_id, kind: 'wallet', currency, personId, posted, pendingDebits: Number(row.debits_pending),
    available: posted - Number(row.debits_pending),
  };
  return { walletId: wallet.id, availableMinor: wallet.available, inDebt: isInDebt(wallet), staleAtMs };
}

/** The cold path: one statement in the tenant's scope (two for a tag not known here). */
async function readTag(db: Db, tenantId: string, idTag: string, nowMs: number, ttl: { knownTtlMs: number; unknownTtlMs: number; balanceTtlMs: number }): Promise<{ tag: TagEntry; balance: Balance | null }> {
  return inTenant(db, tenantId, async (tx) => {
    const row = await repo.tagFacts(tx, tenantId, idTag);
    if (!row) return { tag: { known: false, autoRegister: { laundry: false, charging: false, lock: false }, staleAtMs: nowMs + ttl.unknownTtlMs }, balance: null };
    if (row.credential_id === null || row.person_id === null || row.status === null) {
      const rules = await repo.registrationFacts(tx, tenantId, idTag);
      // Stock badges are the platform's and may register anywhere; a tag from outside only where the owner bills.
      const registrable = rules.stock_tag !== null || (rules.operating_mode === 'owner_statements' && isUid(idTag));
      return {
        tag: {
          known: false, staleAtMs: nowMs + ttl.unknownTtlMs,
          autoRegister: { laundry: registrable && (rules.auto_register_laundry ?? true), charging: registrable && (rules.auto_register_charging ?? false), lock: false },
        },
        balance: null,
      };
    }
    const refusal = LIFECYCLE_REFUSAL[row.status]
      // The rule is about RFID badges; a garage fob or a PIN registered by staff works in either mode.
      ?? (row.operating_mode === 'platform_billing' && row.type === 'rfid' && row.origin === 'building' ? 'platform_badges_only' : null);
    const tag: KnownTag = {
      known: true, credentialId: row.credential_id, personId: row.person_id, refusal, currency: row.currency,
      validUntilMs: row.valid_until ? new Date(row.valid_until).getTime() : null, staleAtMs: nowMs + ttl.knownTtlMs,
    };
    return { tag, balance: toBalance(tenantId, row.person_id, row.currency, row, nowMs + ttl.balanceTtlMs) };
  });
}

async function readBalance(db: Db, tenantId: string, personId: string, staleAtMs: number): Promise<Balance> {
  const row = await repo.walletTotals(db, tenantId, personId);
  if (!row) return { walletId: null, availableMinor: 0, inDebt: false, staleAtMs };
  return toBalance(tenantId, personId, row.currency, { wallet_id: row.id, ...row }, staleAtMs);
}
