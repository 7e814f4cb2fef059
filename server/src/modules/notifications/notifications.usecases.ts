// A user's own notifications: listed, counted and marked read, only ever their own.
import type { Deps } from '../../deps.ts';
import { inTenant } from '../../db/scope.ts';
import { AppError } from '../../errors.ts';
import type { TenantActor } from '../../http/actor.ts';
import { CHANNELS, effectiveChoice, KIND_RULES, NOTIFICATION_KINDS, type Channel, type ChannelChoice, type NotificationKind } from './notifications.kinds.ts';
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

export interface KindPreference extends ChannelChoice { kind: NotificationKind; configurable: Channel[] }

/** Every kind with the channels the user gets it on, stored choice or default. */
export function ownPreferences(deps: Deps, actor: TenantActor): Promise<KindPreference[]> {
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    const stored = new Map((await repo.preferencesOf(tx, actor.tenantId, actor.userId)).map((r) => [r.kind, r]));
    return NOTIFICATION_KINDS.map((kind) => ({ kind, configurable: [...KIND_RULES[kind].configurable], ...effectiveChoice(kind, stored.get(kind)) }));
  });
}

/** Stores the user's choice for a kind; a channel the kind does not let users change is refused. */
export async function setPreference(deps: Deps, actor: TenantActor, kind: NotificationKind, choice: ChannelChoice): Promise<KindPreference[]> {
  const rules = KIND_RULES[kind];
  const fixed = CHANNELS.find((channel) => !rules.configurable.includes(channel) && choice[channel] !== rules.defaults[channel]);
  if (fixed) throw new AppError('notifications.channel_fixed', 422, `${kind} notifications cannot be changed on ${fixed}`, [{ field: fixed, message: 'not configurable for this kind' }]);
  await inTenant(deps.db, actor.tenantId, (tx) => repo.savePreference(tx, actor.tenantId, actor.userId, kind, choice, deps.clock.now()));
  return ownPreferences(deps, actor);
}
