// Reading the audit log. Writing happens in each module's use cases via recordAudit, inside
// the transaction of the change itself.
import type { Static } from 'typebox';
import type { Deps } from '../../deps.ts';
import { inTenant } from '../../db/scope.ts';
import { forbidden } from '../../errors.ts';
import type { TenantActor } from '../../http/actor.ts';
import { listAuditEvents } from './audit.repository.ts';
import type { AuditQuery } from './audit.schemas.ts';

export const AUDIT_PAGE_SIZE = 50;

/** A bare day as `to` means "until the end of that day". */
function endOf(to: string): string {
  if (to.length !== 10) return to;
  const next = new Date(`${to}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString();
}

export function readAuditLog(deps: Deps, actor: TenantActor, query: Static<typeof AuditQuery>) {
  if (actor.role !== 'manager_admin' && actor.role !== 'manager_staff') throw forbidden();
  const page = query.page ?? 1;
  const filter = { ...query, ...(query.to && { to: endOf(query.to) }) };
  return inTenant(deps.db, actor.tenantId, async (tx) => ({
    page,
    pageSize: AUDIT_PAGE_SIZE,
    events: await listAuditEvents(tx, actor.tenantId, filter, { limit: AUDIT_PAGE_SIZE, offset: (page - 1) * AUDIT_PAGE_SIZE }),
  }));
}
