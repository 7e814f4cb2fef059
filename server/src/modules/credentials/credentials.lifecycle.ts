// The life cycle of a credential: ordered → awaiting fee → active → blocked / lost / returned.
// Every change is one call of changeCredentialStatus: the row, its history, the device lists'
// change log and the cache invalidation move together in the caller's transaction.
import type { Tx } from '../../db/scope.ts';
import type { CredentialStatus, ListedStatus } from '../../db/schema.ts';
import { illegalTransition } from './credentials.errors.ts';
import { notifyUsers } from '../notifications/notifications.delivery.ts';
import { usersOfPeople } from '../notifications/notifications.repository.ts';
import { eventText, type EventText } from '../notifications/notifications.texts.ts';
import * as repo from './credentials.repository.ts';

const NEXT: Record<CredentialStatus, CredentialStatus[]> = {
  ordered: ['awaiting_fee', 'active', 'returned'],
  awaiting_fee: ['active', 'lost', 'returned'],
  active: ['blocked', 'lost', 'returned'],
  blocked: ['active', 'lost', 'returned'],
  lost: [],
  returned: [],
};

export function canChange(from: CredentialStatus, to: CredentialStatus): boolean {
  return NEXT[from].includes(to);
}

export interface Change {
  /** The user who acted, if any. */
  userId: string | null;
  /** Who acted, for the history: 'staff', 'resident', 'terminal:<identity>', 'fee', 'system'. */
  actor: string;
  reason: string | null;
  now: Date;
}

export async function changeCredentialStatus(tx: Tx, tenantId: string, credentialId: string, to: CredentialStatus, change: Change) {
  const credential = await repo.lockCredential(tx, tenantId, credentialId);
  if (!canChange(credential.status, to)) throw illegalTransition(credential.status, to);
  const updated = await repo.setStatus(tx, tenantId, credentialId, to, change.now);
  await recordChange(tx, updated, credential.status, change);
  return updated;
}

/** History, device-list change and cache invalidation for a credential whose row just changed. */
export async function recordChange(tx: Tx, credential: repo.CredentialRow, from: CredentialStatus | null, change: Change) {
  await repo.insertEvent(tx, {
    tenant_id: credential.tenant_id, credential_id: credential.id, at: change.now, actor_user_id: change.userId, actor: change.actor,
    from_status: from, to_status: credential.status, reason: change.reason,
  });
  if (credential.id_tag) {
    await repo.appendListChange(tx, credential.tenant_id, {
      credential_id: credential.id, id_tag: credential.id_tag, status: listedStatus(credential, change.now),
      expires_at: credential.valid_until, at: change.now,
    });
    await repo.announce(tx, credential.tenant_id, credential.id_tag);
  }
  await tellHolder(tx, credential, from, change);
}

const TOLD: Partial<Record<CredentialStatus, EventText>> = { active: 'badge_active', blocked: 'badge_blocked', lost: 'badge_lost', returned: 'badge_returned' };

/** The holder's logins hear of a change they did not make themselves, in the notification centre. */
async function tellHolder(tx: Tx, credential: repo.CredentialRow, from: CredentialStatus | null, change: Change) {
  const text = TOLD[credential.status];
  if (!text || from === credential.status) return;
  const users = (await usersOfPeople(tx, credential.tenant_id, [credential.person_id])).get(credential.person_id) ?? [];
  const label = credential.label ?? credential.id_tag ?? '';
  await notifyUsers(tx, credential.tenant_id, 'badge', users.filter((id) => id !== change.userId), ({ language }) => ({
    title: eventText(language, 'badge_title', { label }), body: eventText(language, text), link: '/my-badges',
  }));
}

/** What a device's local list should say about a credential; null: not on the list. */
export function listedStatus(credential: Pick<repo.CredentialRow, 'status' | 'valid_until'>, now: Date): ListedStatus | null {
  if (credential.status === 'active') return credential.valid_until && credential.valid_until <= now ? 'Expired' : 'Accepted';
  if (credential.status === 'ordered' || credential.status === 'returned') return null;
  return 'Blocked';
}
