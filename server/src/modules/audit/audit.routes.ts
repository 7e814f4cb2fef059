import type { Deps } from '../../deps.ts';
import { requireTenantActor } from '../../http/actor.ts';
import type { App } from '../../http/types.ts';
import { presentAuditEvent } from './audit.presenters.ts';
import { AuditPageOut, AuditQuery } from './audit.schemas.ts';
import { readAuditLog } from './audit.usecases.ts';

export function auditRoutes(app: App, deps: Deps): void {
  app.get('/api/audit', {
    schema: { tags: ['audit'], summary: 'The audit log of this property manager, newest first', querystring: AuditQuery, response: { 200: AuditPageOut } },
  }, async (request) => {
    const { page, pageSize, events } = await readAuditLog(deps, requireTenantActor(request.actor), request.query);
    return { page, pageSize, events: events.map(presentAuditEvent) };
  });
}
