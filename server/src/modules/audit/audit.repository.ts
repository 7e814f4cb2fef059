// The audit log: who changed what, when, with the state before and after.
import type { Tx } from '../../db/scope.ts';
import type { Actor, TenantActor } from '../../http/actor.ts';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/** Records a change by staff or operator, inside the transaction that made it. */
export async function recordAudit(tx: Tx, actor: TenantActor, entry: AuditEntry): Promise<void> {
  await recordAuditFor(tx, actor.tenantId, actor, entry);
}

/** Same, for a tenant the actor does not act in (the operator setting up a property manager). */
export async function recordAuditFor(tx: Tx, tenantId: string, actor: Actor, entry: AuditEntry): Promise<void> {
  await tx.insertInto('audit_events').values({
    tenant_id: tenantId,
    actor_user_id: actor.via === 'session' ? actor.userId : null,
    actor_label: actor.via === 'session' ? actor.email : actor.displayName,
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: entry.entityId,
    before: entry.before === undefined ? null : JSON.stringify(entry.before),
    after: entry.after === undefined ? null : JSON.stringify(entry.after),
  }).execute();
}

export interface AuditFilter {
  entityType?: string;
  action?: string;
  actor?: string;
  from?: string;
  to?: string;
}

export function listAuditEvents(tx: Tx, tenantId: string, filter: AuditFilter, page: { limit: number; offset: number }) {
  let query = tx.selectFrom('audit_events').selectAll().where('tenant_id', '=', tenantId);
  if (filter.entityType) query = query.where('entity_type', '=', filter.entityType);
  if (filter.action) query = query.where('action', '=', filter.action);
  if (filter.actor) query = query.where('actor_label', 'ilike', `%${filter.actor.replace(/[\\%_]/g, '\\$&')}%`);
  if (filter.from) query = query.where('at', '>=', new Date(filter.from));
  if (filter.to) query = query.where('at', '<', new Date(filter.to));
  return query.orderBy('at', 'desc').orderBy('id', 'desc').limit(page.limit).offset(page.offset).execute();
}
