// The tenant's reminder levels: staff read them, the manager's administrators change them.
import type { Deps } from '../../deps.ts';
import { inTenant } from '../../db/scope.ts';
import type { ReminderLevel } from '../../db/schema.ts';
import type { TenantActor } from '../../http/actor.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { authorize, invoicePolicy } from './invoices.policies.ts';
import { checkReminderLevels } from './invoices.reminders.levels.ts';
import { readReminderLevels, saveReminderLevels } from './invoices.reminders.repository.ts';

export function getReminderLevels(deps: Deps, actor: TenantActor) {
  authorize(invoicePolicy.read(actor));
  return inTenant(deps.db, actor.tenantId, (tx) => readReminderLevels(tx, actor.tenantId));
}

/** Applies to the next reminder of each invoice; what reminders already charged stays. */
export function setReminderLevels(deps: Deps, actor: TenantActor, levels: ReminderLevel[]) {
  authorize(invoicePolicy.configure(actor));
  checkReminderLevels(levels);
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    const before = await readReminderLevels(tx, actor.tenantId);
    await saveReminderLevels(tx, actor.tenantId, levels);
    await recordAudit(tx, actor, { action: 'reminder_levels.updated', entityType: 'tenant_settings', entityId: actor.tenantId, before: { levels: before }, after: { levels } });
    return readReminderLevels(tx, actor.tenantId);
  });
}
