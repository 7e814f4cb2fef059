// A user's own notifications: listed, counted and marked read, only ever their own.
import type { Deps } from '../../deps.ts';
import { inTenant } from '../../db/scope.ts';
import { AppError } from '../../errors.ts';
import type { TenantActor } from '../../http/actor.ts';
import * as repo from './notifications.repository.ts';

/** How many of the newest a user's centre shows. */
const SHOWN = 200;

const notFound = () => new AppError('notifications.not_found', 404, 'Notification not found');

export function ownNotifications(deps: Deps, actor: TenantActor) {
  return inTenant(deps.db, actor.tenantId, async (tx) => ({
    unread: await repo.unreadCount(tx, actor.tenantId, actor.userId),
    notifications: await repo.notificationsOf(tx, actor.tenantId, actor.userId, SHOWN),
  }));
}

export function unreadCount(deps: Deps, actor: TenantActor) {
  return inTenant(deps.db, actor.tenantId, (tx) => repo.unreadCount(tx, actor.tenantId, actor.userId));
}

/** Marks one of the user's notifications read (or, without an id, all of them); what stays unread. */
export function markRead(deps: Deps, actor: TenantActor, id: string | null) {
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    if (id && !(await repo.isOwn(tx, actor.tenantId, actor.userId, id))) throw notFound();
    await repo.markRead(tx, actor.tenantId, actor.userId, id, deps.clock.now());
    return repo.unreadCount(tx, actor.tenantId, actor.userId);
  });
}
