// The notification centre: what a user was told in the portal (alarms today; tickets, receipts and
// invoices as they come), newest first, with the unread count for the badge.
import { Type } from 'typebox';
import type { Deps } from '../../deps.ts';
import { inTenant } from '../../db/scope.ts';
import { AppError } from '../../errors.ts';
import { requireTenantActor } from '../../http/actor.ts';
import { IdParams, type App } from '../../http/types.ts';
import * as repo from './notifications.repository.ts';

const tags = ['notifications'];
const NotificationOut = Type.Object({
  id: Type.String(), kind: Type.String(), title: Type.String(), body: Type.String(), link: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(), read: Type.Boolean(),
});
const notFound = () => new AppError('notifications.not_found', 404, 'Notification not found');

export function notificationsRoutes(app: App, deps: Deps): void {
  app.get('/api/me/notifications', { schema: { tags, summary: 'Your notifications, newest first (the last 200), and how many are unread', response: { 200: Type.Object({ unread: Type.Integer(), notifications: Type.Array(NotificationOut) }) } } }, async (request) => {
    const actor = requireTenantActor(request.actor);
    return inTenant(deps.db, actor.tenantId, async (tx) => ({
      unread: await repo.unreadCount(tx, actor.tenantId, actor.userId),
      notifications: (await repo.notificationsOf(tx, actor.tenantId, actor.userId, 200)).map((n) => ({
        id: n.id, kind: n.kind, title: n.title, body: n.body, link: n.link, createdAt: n.created_at.toISOString(), read: n.read_at !== null,
      })),
    }));
  });

  app.get('/api/me/notifications/unread', { schema: { tags, summary: 'How many of your notifications are unread', response: { 200: Type.Object({ unread: Type.Integer() }) } } }, async (request) => {
    const actor = requireTenantActor(request.actor);
    return { unread: await inTenant(deps.db, actor.tenantId, (tx) => repo.unreadCount(tx, actor.tenantId, actor.userId)) };
  });

  app.post('/api/me/notifications/:id/read', { schema: { tags, summary: 'Mark a notification read', params: IdParams, response: { 200: Type.Object({ unread: Type.Integer() }) } } }, async (request) => {
    const actor = requireTenantActor(request.actor);
    return inTenant(deps.db, actor.tenantId, async (tx) => {
      const exists = await tx.selectFrom('notifications').select('read_at').where('tenant_id', '=', actor.tenantId).where('user_id', '=', actor.userId).where('id', '=', request.params.id).executeTakeFirst();
      if (!exists) throw notFound();
      await repo.markRead(tx, actor.tenantId, actor.userId, request.params.id, deps.clock.now());
      return { unread: await repo.unreadCount(tx, actor.tenantId, actor.userId) };
    });
  });

  app.post('/api/me/notifications/read', { schema: { tags, summary: 'Mark all your notifications read', response: { 200: Type.Object({ unread: Type.Integer() }) } } }, async (request) => {
    const actor = requireTenantActor(request.actor);
    return inTenant(deps.db, actor.tenantId, async (tx) => {
      await repo.markRead(tx, actor.tenantId, actor.userId, null, deps.clock.now());
      return { unread: 0 };
    });
  });
}
