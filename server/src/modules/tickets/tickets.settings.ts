// Which events open a ticket by themselves (tickets.automatic.ts) and whom it goes to: read by the
// office, changed by the tenant's admins.
import { inTenant } from '../../db/scope.ts';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../errors.ts';
import type { TenantActor } from '../../http/actor.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { ticketErrors } from './tickets.errors.ts';
import { isStaff } from './tickets.policies.ts';
import { saveTicketSettings, ticketSettings, type TicketSettings } from './tickets.settings.repository.ts';
import { assertAssignable } from './tickets.usecases.ts';

export function getTicketSettings(deps: Deps, actor: TenantActor) {
  if (!isStaff(actor)) throw ticketErrors.forbidden();
  return inTenant(deps.db, actor.tenantId, (tx) => ticketSettings(tx, actor.tenantId));
}

export function putTicketSettings(deps: Deps, actor: TenantActor, settings: TicketSettings) {
  if (actor.role !== 'manager_admin') throw ticketErrors.forbidden();
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    for (const key of ['applianceFault', 'recurringAlarm', 'lostBadge'] as const) {
      const userId = settings[key].assigneeUserId;
      if (userId) {
        await assertAssignable(tx, actor.tenantId, userId, () => new AppError('tickets.assignee_invalid', 422, 'Assign automatic tickets to a member of staff or a technician',
          [{ field: `${key}.assigneeUserId`, message: 'not staff or a technician here' }]));
      }
    }
    const before = await ticketSettings(tx, actor.tenantId);
    await saveTicketSettings(tx, actor.tenantId, settings, actor.userId, deps.clock.now());
    await recordAudit(tx, actor, { action: 'ticket_settings.changed', entityType: 'ticket_settings', entityId: actor.tenantId, before, after: settings });
    return ticketSettings(tx, actor.tenantId);
  });
}
