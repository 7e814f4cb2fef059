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

export const NOTIFICATION_KINDS = ['ticket', 'alarm', 'session_receipt', 'invoice', 'badge'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export type Channel = 'portal' | 'email' | 'sms';

/** On which channels a kind reaches the user; `configurable` lists those the user may change. */
export interface KindPreference { kind: NotificationKind; configurable: Channel[]; portal: boolean; email: boolean; sms: boolean }
