// Auto-registration (seed 003): a new badge works at its first tap. Tapped at a device of a
// tenant that allows it for the purpose, an unknown tag is registered and linked to a new empty
// account, which a resident claims later with the label printed on the card. A tag from the
// tenant's stock registers wherever the setting allows it; a tag from outside only where the
// owner makes its own statements (where the platform bills, only platform badges work).
import { inTenant } from '../../db/scope.ts';
import { recordChange } from '../credentials/credentials.lifecycle.ts';
import { findByTag, insertCredential } from '../credentials/credentials.repository.ts';
import { normalizeUid } from '../credentials/credentials.tags.ts';
import { insertPerson, nextCustomerNumber } from '../people/people.repository.ts';
import * as repo from './authorization.repository.ts';
import type { AuthorizeContext } from './authorization.usecases.ts';
import type { AuthorizeInput } from './authorization.types.ts';
import { isUniqueViolation } from '../../db/errors.ts';

/**
 * Registers the (normalised) tag unless the rules say no. True when the tag is now known: registered
 * here, or by a concurrent tap (in this process or another) that got there first.
 */
export async function registerAtFirstTap(ctx: AuthorizeContext, input: AuthorizeInput): Promise<boolean> {
  const { tenantId, idTag } = input;
  const now = ctx.clock.now();
  const registration = inTenant(ctx.db, tenantId, async (tx) => {
    await repo.lockTag(tx, tenantId, idTag);
    if (await findByTag(tx, tenantId, idTag)) return true;
    const rules = await repo.registrationRules(tx, tenantId);
    const allowed = input.purpose === 'laundry' ? rules.auto_register_laundry ?? true
      : input.purpose === 'charging' ? rules.auto_register_charging ?? false : false;
    if (!allowed) return false;
    const stock = await repo.takeFromStock(tx, tenantId, idTag);
    if (!stock && (rules.operating_mode !== 'owner_statements' || !isUid(idTag))) return false;

    const label = stock?.label ?? null;
    const person = await insertPerson(tx, {
      tenant_id: tenantId, customer_number: await nextCustomerNumber(tx, tenantId, rules.short_code),
      first_name: '', last_name: `Badge ${label ?? idTag}`, email: null, landline: null, mobile: null,
      language: rules.default_language, auto_registered: true,
    });
    const credential = await insertCredential(tx, {
      tenant_id: tenantId, type: 'rfid', id_tag: idTag, technology: stock?.technology ?? 'mifare_classic', label,
      person_id: person.id, status: 'active', origin: 'auto', status_changed_at: now, created_at: now,
    });
    await recordChange(tx, credential, null, { userId: null, actor: `terminal:${input.deviceId}`, reason: `registered at its first tap (${input.purpose})`, now });
    return true;
  });
  // Staff registering the same tag by hand at this moment (a fob, a building badge) take no tag
  // lock; their row won: the tag is known.
  const known = await registration.catch((error: unknown) => {
    if (isUniqueViolation(error)) return true;
    throw error;
  });
  // The commit's NOTIFY reaches every process; this one need not wait for it. When nothing was
  // registered, what the cache believed (the setting, the stock) was out of date: read it again.
  ctx.authorization.cache.invalidate(`${tenantId}:${idTag}`);
  return known;
}

/** A tag from outside the stock must at least be a badge UID (4, 7 or 10 bytes). */
export function isUid(idTag: string): boolean {
  try {
    return normalizeUid(idTag) === idTag;
  } catch {
    return false;
  }
}
