// The tenant's automatic-ticket configuration; a tenant without a row has everything off.
import type { Tx } from '../../db/scope.ts';

export interface AutomaticSetting { enabled: boolean; assigneeUserId: string | null }
export interface TicketSettings {
  applianceFault: AutomaticSetting;
  recurringAlarm: AutomaticSetting & { times: number; days: number };
  lostBadge: AutomaticSetting;
}

export const DEFAULT_SETTINGS: TicketSettings = {
  applianceFault: { enabled: false, assigneeUserId: null },
  recurringAlarm: { enabled: false, assigneeUserId: null, times: 3, days: 7 },
  lostBadge: { enabled: false, assigneeUserId: null },
};

export async function ticketSettings(tx: Tx, tenantId: string): Promise<TicketSettings> {
  const row = await tx.selectFrom('ticket_settings').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst();
  if (!row) return DEFAULT_SETTINGS;
  return {
    applianceFault: { enabled: row.appliance_fault_enabled, assigneeUserId: row.appliance_fault_assignee },
    recurringAlarm: { enabled: row.recurring_alarm_enabled, assigneeUserId: row.recurring_alarm_assignee, times: row.recurring_alarm_times, days: row.recurring_alarm_days },
    lostBadge: { enabled: row.lost_badge_enabled, assigneeUserId: row.lost_badge_assignee },
  };
}

export async function saveTicketSettings(tx: Tx, tenantId: string, s: TicketSettings, userId: string, at: Date): Promise<void> {
  const values = {
    appliance_fault_enabled: s.applianceFault.enabled, appliance_fault_assignee: s.applianceFault.assigneeUserId,
    recurring_alarm_enabled: s.recurringAlarm.enabled, recurring_alarm_assignee: s.recurringAlarm.assigneeUserId,
    recurring_alarm_times: s.recurringAlarm.times, recurring_alarm_days: s.recurringAlarm.days,
    lost_badge_enabled: s.lostBadge.enabled, lost_badge_assignee: s.lostBadge.assigneeUserId, updated_at: at, updated_by: userId,
  };
  await tx.insertInto('ticket_settings').values({ tenant_id: tenantId, ...values }).onConflict((oc) => oc.column('tenant_id').doUpdateSet(values)).execute();
}
