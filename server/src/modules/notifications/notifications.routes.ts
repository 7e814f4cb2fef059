// The notification centre: what a user was told in the portal (alarms today; tickets, receipts and
// invoices as they come), newest first, with the unread count for the badge.
import { Type } from 'typebox';
import type { Deps } from '../../deps.ts';
import { requireTenantActor } from '../../http/actor.ts';
import { IdParams, type App } from '../../http/types.ts';
import { markRead, ownNotifications, unreadCount } from './notifications.usecases.ts';

const tags = ['notifications'];
const NotificationOut = Type.Object({
  id: Type.String(), kind: Type.String(), title: Type.String(), body: Type.String(), link: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(), read: Type.Boolean(),
});
const Unread = Type.Object({ unread: Type.Integer() });

export function notificationsRoutes(app: App, deps: Deps): void {
  app.get('/api/me/notifications', { schema: { tags, summary: 'Your notifications, newest first (the last 200), and how many are unread', response: { 200: Type.Object({ unread: Type.Integer(), notifications: Type.Array(NotificationOut) }) } } }, async (request) => {
    const { unread, notifications } = await ownNotifications(deps, requireTenantActor(request.actor));
    return {
      unread,
      notifications: notifications.map((n) => ({ id: n.id, kind: n.kind, title: n.title, body: n.body, link: n.link, createdAt: n.created_at.toISOString(), read: n.read_at !== null })),
    };
  });

  app.get('/api/me/notifications/unread', { schema: { tags, summary: 'How many of your notifications are unread', response: { 200: Unread } } }, async (request) => {
    return { unread: await unreadCount(deps, requireTenantActor(request.actor)) };
  });

  app.post('/api/me/notifications/:id/read', { schema: { tags, summary: 'Mark a notification read', params: IdParams, response: { 200: Unread } } }, async (request) => {
    return { unread: await markRead(deps, requireTenantActor(request.actor), request.params.id) };
  });

  app.post('/api/me/notifications/read', { schema: { tags, summary: 'Mark all your notifications read', response: { 200: Unread } } }, async (request) => {
    return { unread: await markRead(deps, requireTenantActor(request.actor), null) };
  });
}
