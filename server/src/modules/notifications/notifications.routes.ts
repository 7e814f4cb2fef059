// The notification centre: what a user was told in the portal (tickets, alarms, session receipts,
// invoices, badge changes), newest first, with the unread count for the badge; and on which
// channels each kind reaches the user.
import { Type } from 'typebox';
import type { Deps } from '../../deps.ts';
import { requireTenantActor } from '../../http/actor.ts';
import { IdParams, type App } from '../../http/types.ts';
import { markRead, ownNotifications, ownPreferences, setPreference, unreadCount } from './notifications.usecases.ts';

const tags = ['notifications'];
const NotificationOut = Type.Object({
  id: Type.String(), kind: Type.String(), title: Type.String(), body: Type.String(), link: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(), read: Type.Boolean(),
});
const Unread = Type.Object({ unread: Type.Integer() });
const Kind = Type.Union([Type.Literal('ticket'), Type.Literal('alarm'), Type.Literal('session_receipt'), Type.Literal('invoice'), Type.Literal('badge')]);
const Channel = Type.Union([Type.Literal('portal'), Type.Literal('email'), Type.Literal('sms')]);
const Choice = { portal: Type.Boolean(), email: Type.Boolean(), sms: Type.Boolean() };
const PreferenceOut = Type.Object({ kind: Kind, configurable: Type.Array(Channel), ...Choice });
const PreferenceIn = Type.Object({ kind: Kind, ...Choice }, { additionalProperties: false });

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

  app.get('/api/me/notification-preferences', { schema: { tags, summary: 'On which channels you get each kind of notification', response: { 200: Type.Array(PreferenceOut) } } }, async (request) => {
    return ownPreferences(deps, requireTenantActor(request.actor));
  });

  app.put('/api/me/notification-preferences', { schema: { tags, summary: 'Choose the channels of one kind of notification', body: PreferenceIn, response: { 200: Type.Array(PreferenceOut) } } }, async (request) => {
    const { kind, portal, email, sms } = request.body;
    return setPreference(deps, requireTenantActor(request.actor), kind, { portal, email, sms });
  });
}
