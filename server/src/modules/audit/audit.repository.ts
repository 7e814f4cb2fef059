import type { Tx } from '../../db/scope.ts';
import type { TenantActor } from '../../http/actor.ts';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/** Records a change by staff or operator, inside the transaction that made it. */
export async function recordAudit(tx: Tx, actor: TenantActor, entry: AuditEntry): Promise<void> {
  await tx.insertInto('audit_events').values({
    tenant_id: actor.tenantId,
    actor_user_id: actor.via === 'session' ? actor.userId : null,
    actor_label: actor.via === 'session' ? actor.email : actor.displayName,
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: entry.entityId,
    before: entry.before === undefined ? null : JSON.stringify(entry.before),
    after: entry.after === undefined ? null : JSON.stringify(entry.after),
  }).execute();
}
