// Alarms are evaluated every minute (worker job evaluate-alarms) against the aggregates, never the
// raw history: a day's consumption or an hour's flow above the rule's threshold (the last complete
// day in the tenant's calendar, the last complete hour), the last temperature a meter sent above
// or below the rule's, no reading for the rule's hours, or an appliance of the site reporting a
// fault. A rule's alarm is raised once when its condition
// begins (the partial unique index keeps two evaluations at once from raising it twice) and
// cleared when it ends. Raising tells each subscriber in the notification centre, and by e-mail or
// SMS as they chose, in their language; mails and texts go out after the commit.
import type { Deps } from '../../deps.ts';
import { inTenant, type Tx } from '../../db/scope.ts';
import type { Language } from '../../db/schema.ts';
import { fill } from '../invoices/invoices.texts.ts';
import { renderMail } from '../mail/mail.templates.ts';
import { meteringTexts } from '../metering/metering.texts.ts';
import { mergeOutboxes, notifyUsers, sendOutbox, type Outbox } from '../notifications/notifications.delivery.ts';
import type { SmsSender } from '../sms/sms.ts';
import { tenantTimeZone } from '../tenancy/tenancy.repository.ts';
import { openRecurringAlarmTicket } from '../tickets/tickets.automatic.ts';
import * as repo from './alarms.repository.ts';

export type AlarmDeps = Pick<Deps, 'db' | 'clock' | 'mailer' | 'config' | 'log'> & { sms: SmsSender | null };

/** What an alarm saw, stored with it (as JSON) and told to each reader in their language. */
export type Observation =
  | { kind: 'consumption' | 'flow'; value: number; threshold: number; unit: string; at: string }
  | { kind: 'missing_data'; hours: number; last: string | null }
  | { kind: 'device_fault'; appliances: string[] }
  | { kind: 'temperature_high' | 'temperature_low'; value: number; threshold: number; at: string };

const UNIT_LABEL: Record<string, string> = { kWh: 'kWh', MWh: 'MWh', m3: 'm³', GJ: 'GJ' };

/** The observation as a sentence in `language`, times in the tenant's zone. */
export function describe(observation: Observation, language: Language, timeZone: string): string {
  const t = meteringTexts(language);
  const number = new Intl.NumberFormat(language, { maximumFractionDigits: 3 });
  const when = (iso: string, style: 'day' | 'hour') => new Intl.DateTimeFormat(language, style === 'day'
    ? { timeZone, dateStyle: 'medium' } : { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
  switch (observation.kind) {
    case 'consumption':
    case 'flow': {
      const values = { value: number.format(observation.value / 1000), threshold: number.format(observation.threshold / 1000), unit: UNIT_LABEL[observation.unit] ?? observation.unit };
      return observation.kind === 'consumption'
        ? fill(t.alarm_consumption, { ...values, day: when(observation.at, 'day') })
        : fill(t.alarm_flow, { ...values, hour: when(observation.at, 'hour') });
    }
    case 'missing_data':
      return observation.last ? fill(t.alarm_missing, { hours: String(observation.hours), last: when(observation.last, 'hour') }) : t.alarm_missing_never;
    case 'device_fault':
      return fill(t.alarm_fault, { appliances: observation.appliances.join(', ') });
    case 'temperature_high':
    case 'temperature_low': {
      const degrees = new Intl.NumberFormat(language, { maximumFractionDigits: 1 });
      return fill(observation.kind === 'temperature_high' ? t.alarm_temperature_high : t.alarm_temperature_low, {
        value: degrees.format(observation.value / 1000), threshold: degrees.format(observation.threshold / 1000), at: when(observation.at, 'hour'),
      });
    }
  }
}

/** Whether a rule's condition holds now, and what was seen. */
async function check(tx: Tx, tenantId: string, rule: repo.RuleToEvaluate, now: Date, timeZone: string): Promise<{ active: boolean; observed: number | null; observation: Observation }> {
  switch (rule.kind) {
    case 'consumption':
    case 'flow': {
      const period = await repo.lastCompletePeriod(tx, tenantId, rule.meter_id!, rule.kind === 'flow' ? 'hour' : 'day', now, timeZone);
      const threshold = Number(rule.threshold);
      return {
        active: period.consumption > threshold, observed: period.consumption,
        observation: { kind: rule.kind, value: period.consumption, threshold, unit: rule.meter_unit ?? '', at: period.startsAt.toISOString() },
      };
    }
    case 'missing_data': {
      const last = await repo.lastReadingAt(tx, tenantId, rule.meter_id!);
      const hours = Math.floor((now.getTime() - (last ?? rule.meter_created_at ?? rule.created_at).getTime()) / 3_600_000);
      return { active: hours >= rule.missing_hours!, observed: hours, observation: { kind: 'missing_data', hours, last: last?.toISOString() ?? null } };
    }
    case 'device_fault': {
      const appliances = await repo.faultyAppliances(tx, tenantId, rule.site_id!);
      return { active: appliances.length > 0, observed: appliances.length, observation: { kind: 'device_fault', appliances } };
    }
    case 'temperature_high':
    case 'temperature_low': {
      // The last temperature the meter sent stands until the next; a silent meter is missing_data's to tell.
      const last = await repo.lastTemperature(tx, tenantId, rule.meter_id!);
      const threshold = Number(rule.threshold);
      const active = last !== null && (rule.kind === 'temperature_high' ? last.temperatureMc > threshold : last.temperatureMc < threshold);
      return {
        active, observed: last?.temperatureMc ?? null,
        observation: { kind: rule.kind, value: last?.temperatureMc ?? 0, threshold, at: (last?.at ?? now).toISOString() },
      };
    }
  }
}

export interface EvaluationReport { raised: number; cleared: number; emailed: number; texted: number }

export async function evaluateAlarms(deps: AlarmDeps, tenantId: string): Promise<EvaluationReport> {
  const now = deps.clock.now();
  const outboxes: Outbox[] = [];
  const raisedRules: string[] = [];
  const counts = await inTenant(deps.db, tenantId, async (tx) => {
    const zone = await tenantTimeZone(tx, tenantId);
    const subscribers = await repo.subscribersByRule(tx, tenantId);
    let raised = 0;
    let cleared = 0;
    for (const rule of await repo.rulesToEvaluate(tx, tenantId)) {
      const result = await check(tx, tenantId, rule, now, zone);
      if (!result.active) {
        if (rule.open_alarm) {
          await repo.clear(tx, tenantId, rule.open_alarm, now);
          cleared += 1;
        }
        continue;
      }
      if (rule.open_alarm || !(await repo.raise(tx, tenantId, rule.id, now, result.observed, JSON.stringify(result.observation)))) continue;
      raised += 1;
      raisedRules.push(rule.id);
      // The rule's subscription names the channel besides the portal; the user's preferences may still mute one.
      const channelOf = new Map((subscribers.get(rule.id) ?? []).map((s) => [s.user_id, s.channel]));
      outboxes.push(await notifyUsers(tx, tenantId, 'alarm', [...channelOf.keys()], (recipient) => {
        const detail = describe(result.observation, recipient.language, zone);
        const title = fill(meteringTexts(recipient.language).alarm_title, { rule: rule.name });
        const channel = channelOf.get(recipient.userId);
        const time = new Intl.DateTimeFormat(recipient.language, { timeZone: zone, dateStyle: 'medium', timeStyle: 'short' }).format(now);
        return {
          title, body: detail, link: '/alarms',
          ...(channel === 'email' && { mail: renderMail(recipient.email, recipient.language, 'alarmRaised', {
            name: recipient.displayName, rule: rule.name, meter: rule.meter_name ?? '', time, detail, url: `${deps.config.publicUrl}/alarms`,
          }) }),
          ...(channel === 'sms' && { sms: `${title}: ${detail}` }),
        };
      }));
    }
    return { raised, cleared };
  });
  // A rule raised again and again may open a ticket, as the tenant's ticket settings say.
  for (const ruleId of raisedRules) await openRecurringAlarmTicket(deps, tenantId, ruleId);
  return { ...counts, ...(await sendOutbox(deps, mergeOutboxes(outboxes))) };
}
