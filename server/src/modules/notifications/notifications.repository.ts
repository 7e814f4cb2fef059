// The notification centre's rows. Every function takes the tenant; row-level security holds it too.
import type { Tx } from '../../db/scope.ts';

export interface NewNotification { userId: string; kind: string; title: string; body: string; link: string | null }

export async function insertNotifications(tx: Tx, tenantId: string, notifications: NewNotification[]): Promise<void> {
  if (notifications.length === 0) return;
  await tx.insertInto('notifications').values(notifications.map((n) => ({ tenant_id: tenantId, user_id: n.userId, kind: n.kind, title: n.title, body: n.body, link: n.link }))).execute();
}

export function notificationsOf(tx: Tx, tenantId: string, userId: string, limit: number) {
  return tx.selectFrom('notifications').select(['id', 'kind', 'title', 'body', 'link', 'created_at', 'read_at'])
    .where('tenant_id', '=', tenantId).where('user_id', '=', userId).orderBy('created_at', 'desc').orderBy('id').limit(limit).execute();
}

export async function unreadCount(tx: Tx, tenantId: string, userId: string): Promise<number> {
  const row = await tx.selectFrom('notifications').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', tenantId).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks one (or, without an id, every) notification of the user read; how many changed. */
export async function markRead(tx: Tx, tenantId: string, userId: string, id: string | null, at: Date): Promise<number> {
  let query = tx.updateTable('notifications').set({ read_at: at }).where('tenant_id', '=', tenantId).where('user_id', '=', userId).where('read_at', 'is', null);
  if (id) query = query.where('id', '=', id);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function isOwn(tx: Tx, tenantId: string, userId: string, id: string): Promise<boolean> {
  const row = await tx.selectFrom('notifications').select('id').where('tenant_id', '=', tenantId).where('user_id', '=', userId).where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}
