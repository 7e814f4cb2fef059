// Redeeming a prepaid code: for a lock (5-year management, the organisation option, a key pack)
// or for the redeeming account (organisation management). One platform transaction locks the
// code's row, then the lock's or party's, applies the licence rule of locks.licence.ts and writes
// the result everywhere it lives, so two people redeeming one code at once cannot both succeed.
// Every attempt is recorded; a refused one in a transaction of its own after the refused work
// rolled back, so nothing of it remains. Wrong codes are rate limited per login.
import { asPlatform, type Tx } from '../../db/scope.ts';
import type { PrepaidProduct } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { AppError, forbidden } from '../../errors.ts';
import type { TenantActor } from '../../http/actor.ts';
import { recordAuditFor } from '../audit/audit.repository.ts';
import { lockErrors } from '../locks/locks.errors.ts';
import * as locks from '../locks/locks.repository.ts';
import { activateManagement, activateOrganisationOption, addKeyPack, type Licence } from '../locks/locks.licence.ts';
import { partyNotFound } from '../parties/parties.errors.ts';
import { prepaidCodeErrors } from './prepaidcodes.errors.ts';
import { codeHash, parseCode } from './prepaidcodes.format.ts';
import { accountPartyOf, mayRedeemForLock } from './prepaidcodes.policies.ts';
import * as repo from './prepaidcodes.repository.ts';

/** Five wrong attempts within 15 minutes, and the login must wait until the oldest of them is 15 minutes old. */
export const RATE_LIMIT = { failures: 5, windowMs: 15 * 60_000 };

export interface RedeemInput { code: string; lockId?: string; partyId?: string }

export type Redeemed = { product: PrepaidProduct } & (
  | { lock: { id: string; serial: string } & Licence; party?: undefined }
  | { party: { id: string; organisationManagementAt: Date }; lock?: undefined });

type Code = NonNullable<Awaited<ReturnType<typeof repo.findCodeForUpdate>>>;
/** What the attempt record names; filled as the redemption gets to know it. */
interface Seen { codeHash: string | null; lockSerial: string | null }

const LOCK_PRODUCTS: ReadonlySet<PrepaidProduct> = new Set(['management_5y', 'organisation_option', 'key_pack']);

export async function redeemCode(deps: Deps, actor: TenantActor, input: RedeemInput): Promise<Redeemed> {
  const now = deps.clock.now();
  const seen: Seen = { codeHash: null, lockSerial: null };
  const attempt = (outcome: string) => ({ userId: actor.userId, at: now, outcome, codeHash: seen.codeHash, tenantId: actor.tenantId, lockSerial: seen.lockSerial });
  try {
    return await asPlatform(deps.db, async (tx) => {
      await refuseWhenRateLimited(tx, actor.userId, now);
      const parsed = parseCode(input.code);
      if (!parsed.ok) throw parsed.problem === 'malformed' ? prepaidCodeErrors.malformed() : prepaidCodeErrors.checkFailed();
      seen.codeHash = codeHash(parsed.code);
      const code = await repo.findCodeForUpdate(tx, seen.codeHash);
      if (!code) throw prepaidCodeErrors.unknown();
      if (code.redeemed_at) throw prepaidCodeErrors.used();
      const redeemed = LOCK_PRODUCTS.has(code.product)
        ? await redeemForLock(tx, actor, code, input, now, seen)
        : await redeemForAccount(tx, actor, code, input, now);
      await repo.markRedeemed(tx, code.code_hash, {
        at: now, userId: actor.userId, tenantId: actor.tenantId, lockSerial: redeemed.lock?.serial ?? null, partyId: redeemed.party?.id ?? null,
      });
      await repo.insertAttempt(tx, attempt('redeemed'));
      return redeemed;
    });
  } catch (error) {
    if (error instanceof AppError) await asPlatform(deps.db, (tx) => repo.insertAttempt(tx, attempt(error.code)));
    throw error;
  }
}

async function refuseWhenRateLimited(tx: Tx, userId: string, now: Date): Promise<void> {
  const failures = await repo.recentFailures(tx, userId, new Date(now.getTime() - RATE_LIMIT.windowMs), RATE_LIMIT.failures);
  if (failures.length < RATE_LIMIT.failures) return;
  const freeAt = failures[RATE_LIMIT.failures - 1]!.getTime() + RATE_LIMIT.windowMs;
  throw prepaidCodeErrors.rateLimited(Math.max(1, Math.ceil((freeAt - now.getTime()) / 1000)));
}

function applyProduct(code: Code, licence: Licence, now: Date, activeKeys: number): Licence {
  if (code.product === 'management_5y') return activateManagement(licence, now, activeKeys);
  if (code.product === 'organisation_option') return activateOrganisationOption(licence, now);
  return addKeyPack(licence, code.keys_per_code!);
}

async function redeemForLock(tx: Tx, actor: TenantActor, code: Code, input: RedeemInput, now: Date, seen: Seen): Promise<Redeemed> {
  if (input.partyId) throw prepaidCodeErrors.wrongProduct(code.product, 'account');
  if (!input.lockId) throw prepaidCodeErrors.lockRequired(code.product);
  const lock = await locks.findLock(tx, actor.tenantId, input.lockId, true);
  if (!lock) throw lockErrors.notFound();
  seen.lockSerial = lock.serial;
  if (!mayRedeemForLock(actor, lock)) throw forbidden();
  const before = locks.licenceOf(lock);
  const after = applyProduct(code, before, now, lock.active_keys);
  await locks.saveLicenceEverywhere(tx, actor.tenantId, lock.id, lock.serial, after);
  await recordAuditFor(tx, actor.tenantId, actor, {
    action: 'prepaid_code.redeemed', entityType: 'lock', entityId: lock.id, before, after: { ...after, product: code.product, code: code.hint },
  });
  return { product: code.product, lock: { id: lock.id, serial: lock.serial, ...after } };
}

async function redeemForAccount(tx: Tx, actor: TenantActor, code: Code, input: RedeemInput, now: Date): Promise<Redeemed> {
  if (input.lockId) throw prepaidCodeErrors.wrongProduct(code.product, 'lock');
  const target = accountPartyOf(actor, input.partyId);
  if (!target) throw forbidden();
  if (!target.partyId) throw prepaidCodeErrors.partyRequired();
  const party = await repo.findPartyForUpdate(tx, actor.tenantId, target.partyId);
  if (!party) throw partyNotFound();
  // Organisation management stays once granted: a second code would buy nothing.
  if (party.organisation_management_at) throw prepaidCodeErrors.alreadyUpgraded();
  await repo.setOrganisationManagement(tx, actor.tenantId, party.id, now);
  await recordAuditFor(tx, actor.tenantId, actor, {
    action: 'prepaid_code.redeemed', entityType: 'party', entityId: party.id,
    before: { organisationManagementAt: null }, after: { organisationManagementAt: now, product: code.product, code: code.hint },
  });
  return { product: code.product, party: { id: party.id, organisationManagementAt: now } };
}
