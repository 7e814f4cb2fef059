// The review queue: bank credits no rule could match. Staff either assign one to a person (the
// wallet is credited as if it had matched) or return it (the bank pays it back; no wallet moves).
import type { Deps } from '../../deps.ts';
import type { BankEntryStatus } from '../../db/schema.ts';
import { inTenant, type Tx } from '../../db/scope.ts';
import type { TenantActor } from '../../http/actor.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { currencyMismatch, entryNotFound, notInReview, personNotFound } from './bankimport.errors.ts';
import { authorize, bankImportPolicy } from './bankimport.policies.ts';
import * as repo from './bankimport.repository.ts';
import { creditWallet } from './bankimport.usecases.ts';

export function listEntries(deps: Deps, actor: TenantActor, filter: { status?: BankEntryStatus; statementId?: string }) {
  authorize(bankImportPolicy.manage(actor));
  return inTenant(deps.db, actor.tenantId, (tx) => repo.listEntries(tx, actor.tenantId, filter, 500));
}

async function entryInReview(tx: Tx, actor: TenantActor, id: string) {
  const entry = await repo.findEntryForUpdate(tx, actor.tenantId, id);
  if (!entry) throw entryNotFound();
  if (entry.status !== 'review') throw notInReview();
  return entry;
}

export function assignEntry(deps: Deps, actor: TenantActor, id: string, personId: string) {
  authorize(bankImportPolicy.manage(actor));
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    const before = await entryInReview(tx, actor, id);
    const tenant = await repo.tenantOf(tx, actor.tenantId);
    // Ids first: a person of another tenant is not found, whatever else is wrong with the request.
    if (!(await repo.personExists(tx, actor.tenantId, personId))) throw personNotFound();
    if (before.currency !== tenant.currency) throw currencyMismatch();
    const now = deps.clock.now();
    const transfer = await creditWallet(tx, actor.tenantId, { id, key: before.entry_key, amount: Number(before.amount) }, personId, now);
    await repo.markCredited(tx, actor.tenantId, id, {
      status: 'assigned', personId, transferId: transfer.id, matchedBy: null,
      decidedBy: actor.via === 'session' ? actor.userId : null, decidedAt: now,
    });
    const after = (await repo.findEntry(tx, actor.tenantId, id))!;
    await recordAudit(tx, actor, { action: 'bank.entry_assigned', entityType: 'bank_entry', entityId: id, before, after });
    return after;
  });
}

export function returnEntry(deps: Deps, actor: TenantActor, id: string, reason: string) {
  authorize(bankImportPolicy.manage(actor));
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    const before = await entryInReview(tx, actor, id);
    await repo.markReturned(tx, actor.tenantId, id, { reason, decidedBy: actor.via === 'session' ? actor.userId : null, decidedAt: deps.clock.now() });
    const after = (await repo.findEntry(tx, actor.tenantId, id))!;
    await recordAudit(tx, actor, { action: 'bank.entry_returned', entityType: 'bank_entry', entityId: id, before, after });
    return after;
  });
}
