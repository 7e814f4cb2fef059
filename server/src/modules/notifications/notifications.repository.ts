// The notification centre's rows. Every function takes the tenant; row-level security holds it too.
import { sql } from 'kysely';
import type { Language } from '../../db/schema.ts';
import type { Tx } from '../../db/scope.ts';
import type { Recipient } from './notifications.delivery.ts';
import type { ChannelChoice, NotificationKind } from './notifications.kinds.ts';

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

/**
 * The users among `userIds` who are members of the transaction's tenant and not disabled, with how
 * to reach them (member_contacts(), migration 0031: the tenant role cannot read users itself).
 */
export async function recipients(tx: Tx, userIds: string[]): Promise<Recipient[]> {
  const { rows } = await sql<{ user_id: string; email: string; display_name: string; language: Language; mobile: string | null }>`
    SELECT user_id, email, display_name, language, mobile FROM member_contacts(${userIds}::uuid[])`.execute(tx);
  return rows.map((r) => ({ userId: r.user_id, email: r.email, displayName: r.display_name, language: r.language, mobile: r.mobile }));
}

export async function preferencesFor(tx: Tx, tenantId: string, userIds: string[], kind: NotificationKind): Promise<Map<string, ChannelChoice>> {
  const rows = await tx.selectFrom('notification_preferences').select(['user_id', 'portal', 'email', 'sms'])
    .where('tenant_id', '=', tenantId).where('kind', '=', kind).where('user_id', 'in', userIds).execute();
  return new Map(rows.map((r) => [r.user_id, { portal: r.portal, email: r.email, sms: r.sms }]));
}

export function preferencesOf(tx: Tx, tenantId: string, userId: string) {
  return tx.selectFrom('notification_preferences').select(['kind', 'portal', 'email', 'sms'])
    .where('tenant_id', '=', tenantId).where('user_id', '=', userId).execute();
}

export async function savePreference(tx: Tx, tenantId: string, userId: string, kind: NotificationKind, choice: ChannelChoice, at: Date): Promise<void> {
  await tx.insertInto('notification_preferences').values({ tenant_id: tenantId, user_id: userId, kind, ...choice, updated_at: at })
    .onConflict((oc) => oc.columns(['tenant_id', 'user_id', 'kind']).doUpdateSet({ portal: choice.portal, email: choice.email, sms: choice.sms, updated_at: at }))
    .execute();
}

/** The logins of these people (members of the tenant acting as them). */
export async function usersOfPeople(tx: Tx, tenantId: string, personIds: string[]): Promise<Map<string, string[]>> {
  const byPerson = new Map<string, string[]>();
  if (personIds.length === 0) return byPerson;
  const rows = await tx.selectFrom('memberships').select(['person_id', 'user_id'])
    .where('tenant_id', '=', tenantId).where('person_id', 'in', personIds).orderBy('user_id').execute();
  for (const row of rows) byPerson.set(row.person_id!, [...(byPerson.get(row.person_id!) ?? []), row.user_id]);
  return byPerson;
}
