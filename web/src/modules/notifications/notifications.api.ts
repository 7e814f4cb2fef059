// What the notification centre's endpoints return (server/src/modules/notifications/notifications.routes.ts).

export interface Notification {
  id: string;
  kind: string;
  title: string;
  body: string;
  /** A page of the portal to follow, e.g. /alarms. */
  link: string | null;
  createdAt: string;
  read: boolean;
}

export interface Notifications { unread: number; notifications: Notification[] }
export interface Unread { unread: number }
