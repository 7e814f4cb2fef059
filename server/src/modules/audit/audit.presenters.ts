import type { listAuditEvents } from './audit.repository.ts';

type AuditRow = Awaited<ReturnType<typeof listAuditEvents>>[number];

export function presentAuditEvent(e: AuditRow) {
  return {
    id: Number(e.id), at: new Date(e.at).toISOString(), actor: e.actor_label, actorUserId: e.actor_user_id,
    action: e.action, entityType: e.entity_type, entityId: e.entity_id, before: e.before, after: e.after,
  };
}
