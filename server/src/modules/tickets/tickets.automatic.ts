// Tickets the system opens by itself, as the tenant's ticket settings say: an appliance reporting
// a fault (the gateway's StatusNotification), an alarm rule raised again and again (the alarm
// evaluation), a badge reported lost (the resident's portal). One function per source; each
// opens at most one open ticket per thing (appliance connector, alarm rule, credential), checked
// before and held by a unique index. None of them throws: the event that triggered it has
// happened either way, so a failure is logged.
import { isUniqueViolation } from '../../db/errors.ts';
import { inTenant, type Tx } from '../../db/scope.ts';
import type { Language, TicketCategory, TicketSource } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import type { ApplianceFault } from '../devices/devices.faults.ts';
import { fill } from '../invoices/invoices.texts.ts';
import * as sources from './tickets.automatic.repository.ts';
import { deliver, tellAssigned } from './tickets.notify.ts';
import { openTicket } from './tickets.open.ts';
import * as repo from './tickets.repository.ts';
import { ticketSettings, type AutomaticSetting, type TicketSettings } from './tickets.settings.repository.ts';
import { ticketTexts } from './tickets.texts.ts';

export type AutomaticDeps = Pick<Deps, 'db' | 'clock' | 'config' | 'mailer' | 'log'>;

interface Draft {
  category: TicketCategory; subject: string; body: string; personId: string | null; siteId: string | null; unitId: string | null;
  siteName: string | null; unitLabel: string | null;
}

const ASSIGNABLE = ['manager_admin', 'manager_staff', 'technician'];

async function openAutomatic(deps: AutomaticDeps, tenantId: string, source: TicketSource, sourceKey: string,
  pick: (s: TicketSettings) => AutomaticSetting, build: (tx: Tx, language: Language, settings: TicketSettings) => Promise<Draft | null>): Promise<string | null> {
  try {
    const opened = await inTenant(deps.db, tenantId, async (tx) => {
      const settings = await ticketSettings(tx, tenantId);
      const setting = pick(settings);
      if (!setting.enabled || (await repo.openAutomaticTicket(tx, tenantId, source, sourceKey))) return null;
      const draft = await build(tx, await sources.tenantLanguage(tx, tenantId), settings);
      if (!draft) return null;
      // An assignee who has left the tenant since the settings were saved gets nothing.
      const assignee = setting.assigneeUserId && ASSIGNABLE.includes((await repo.memberRole(tx, tenantId, setting.assigneeUserId)) ?? '') ? setting.assigneeUserId : null;
      const { id, number } = await openTicket(tx, {
        tenantId, category: draft.category, subject: draft.subject.slice(0, 200), body: draft.body.slice(0, 10_000), status: 'new', source, sourceKey,
        clientId: null, personId: draft.personId, siteId: draft.siteId, unitId: draft.unitId, chargerSerial: null, assigneeUserId: assignee,
        createdBy: null, files: [], at: deps.clock.now(),
      });
      const ticket = { id, number, subject: draft.subject, person_id: draft.personId, site_name: draft.siteName, unit_label: draft.unitLabel };
      return { id, outbox: await tellAssigned(tx, deps, tenantId, ticket, assignee, null) };
    });
    if (!opened) return null;
    await deliver(deps, [opened.outbox]);
    return opened.id;
  } catch (error) {
    // Another event about the same thing opened it a moment ago.
    if (isUniqueViolation(error)) return null;
    deps.log.error({ err: error, tenantId, source, sourceKey }, 'automatic ticket not opened');
    return null;
  }
}

/** An appliance turned Faulted: a ticket for its connector, unless one is open. */
export function openApplianceFaultTicket(deps: AutomaticDeps, fault: ApplianceFault): Promise<string | null> {
  return openAutomatic(deps, fault.tenantId, 'appliance_fault', `appliance:${fault.applianceId}`, (s) => s.applianceFault, async (tx, language) => {
    const at = await sources.applianceInPlace(tx, fault.tenantId, fault.deviceId, fault.applianceId);
    if (!at) return null;
    const t = ticketTexts(language);
    const vars = {
      appliance: at.appliance_name, connector: String(at.connector_id), device: `${at.device_name} (${at.identity})`,
      place: at.unit_label ? `${at.site_name}, ${at.unit_label}` : at.site_name, errorCode: fault.errorCode, info: fault.info?.trim() || '–',
    };
    return {
      category: 'appliance_fault', subject: fill(t.faultSubject, vars), body: fill(t.faultBody, vars), personId: null,
      siteId: at.site_id, unitId: at.unit_id, siteName: at.site_name, unitLabel: at.unit_label,
    };
  });
}

/**
 * An alarm was just raised: a ticket when its rule was raised `times` times within `days`. Only
 * rules on a site's devices or a building's meters: a flat's meter is its resident's, and the
 * office sees its data only pseudonymised, so its alarms open no ticket.
 */
export function openRecurringAlarmTicket(deps: AutomaticDeps, tenantId: string, ruleId: string): Promise<string | null> {
  return openAutomatic(deps, tenantId, 'recurring_alarm', `alarm_rule:${ruleId}`, (s) => s.recurringAlarm, async (tx, language, settings) => {
    const rule = await sources.alarmRuleInPlace(tx, tenantId, ruleId);
    if (!rule || rule.deleted_at || rule.meter_unit_id) return null;
    const { times, days } = settings.recurringAlarm;
    const count = await sources.alarmsRaisedSince(tx, tenantId, ruleId, new Date(deps.clock.now().getTime() - days * 86_400_000));
    if (count < times) return null;
    const t = ticketTexts(language);
    const vars = { rule: rule.name, count: String(count), days: String(days) };
    return {
      category: rule.kind === 'device_fault' ? 'appliance_fault' : 'other', subject: fill(t.recurringSubject, vars), body: fill(t.recurringBody, vars),
      personId: null, siteId: rule.site_id, unitId: null, siteName: null, unitLabel: null,
    };
  });
}

/** A badge was reported lost: a ticket on its holder (who sees it), unless one is open for it. */
export function openLostBadgeTicket(deps: AutomaticDeps, tenantId: string, credentialId: string): Promise<string | null> {
  return openAutomatic(deps, tenantId, 'lost_badge', `credential:${credentialId}`, (s) => s.lostBadge, async (tx, language) => {
    const credential = await sources.credentialWithHolder(tx, tenantId, credentialId);
    if (!credential) return null;
    const t = ticketTexts(language);
    const vars = { badge: credential.label ?? credential.id_tag ?? credential.type, person: `${credential.first_name} ${credential.last_name}` };
    return {
      category: 'badge', subject: fill(t.lostSubject, vars), body: fill(t.lostBody, vars), personId: credential.person_id,
      siteId: null, unitId: null, siteName: null, unitLabel: null,
    };
  });
}
