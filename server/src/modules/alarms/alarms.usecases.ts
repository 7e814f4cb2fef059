// Alarm rules, subscriptions and history for whoever may read the meter or site a rule watches:
// office staff for their sites, residents for the meters of their own units (a resident's rule
// watches only such a meter; a fault rule on a site is for staff). Staff change and delete any
// rule they may read; a resident only the rules they made. A deleted rule keeps its alarms.
// Rules on a unit's meter are the office's only with pseudonymised access, and then list the
// meter under its unit's pseudonym (docs/metering.md, "Who sees what").
import type { Static } from 'typebox';
import type { Deps } from '../../deps.ts';
import { inTenant, type Tx } from '../../db/scope.ts';
import type { AlarmChannel } from '../../db/schema.ts';
import { AppError, forbidden } from '../../errors.ts';
import type { AlarmKind } from '../../db/schema.ts';
import type { TenantActor } from '../../http/actor.ts';
import { requireAccess } from '../access/access.ts';
import { pseudonymName, readableMeterIds, visibleMeter } from '../metering/metering.usecases.ts';
import { unitMeterAccess, unitPseudonyms } from '../pseudonymised-access/pseudonymised-access.usecases.ts';
import { tenantTimeZone } from '../tenancy/tenancy.repository.ts';
import { describe, type Observation } from './alarms.evaluate.ts';
import { alarmRulePolicy, isStaff } from './alarms.policies.ts';
import * as repo from './alarms.repository.ts';
import type { RuleInput, RuleUpdate } from './alarms.schemas.ts';

const ruleNotFound = () => new AppError('alarms.rule_not_found', 404, 'Alarm rule not found');
const alarmNotFound = () => new AppError('alarms.not_found', 404, 'Alarm not found');
const missing = (field: string, message: string) => new AppError('alarms.invalid_rule', 400, message, [{ field, message }]);
/** The kinds with a limit: a consumption's (at least 0, in the meter's unit) or a temperature's (°C, may be below 0). */
const hasLimit = (kind: AlarmKind) => kind === 'consumption' || kind === 'flow' || kind === 'temperature_high' || kind === 'temperature_low';
function checkLimit(kind: AlarmKind, threshold: number | undefined, invalid: (field: string, message: string) => AppError): void {
  if (threshold === undefined) throw invalid('threshold', 'Give the limit');
  if ((kind === 'consumption' || kind === 'flow') && threshold < 0) throw invalid('threshold', 'A consumption limit is at least 0');
  if ((kind === 'temperature_high' || kind === 'temperature_low') && threshold > 250) throw invalid('threshold', 'A temperature limit lies between -100 and 250 °C');
}
const notApplicable = (field: string, message: string) => new AppError('alarms.not_applicable', 400, message, [{ field, message }]);

/** The rule, if the actor may read what it watches; a deleted rule only for its history. */
async function visibleRule(tx: Tx, deps: Deps, actor: TenantActor, ruleId: string, { deleted = false } = {}) {
  const rule = await repo.findRule(tx, actor.tenantId, ruleId);
  if (!rule || (rule.deleted_at && !deleted)) throw ruleNotFound();
  try {
    if (rule.meter_id) await visibleMeter(tx, deps, actor, rule.meter_id);
    else if (!isStaff(actor)) throw ruleNotFound();
    else await requireAccess(tx, actor, 'site', [rule.site_id!]);
  } catch (error) {
    if (error instanceof AppError && (error.status === 404 || error.status === 403)) throw ruleNotFound();
    throw error;
  }
  return rule;
}

export function createRule(deps: Deps, actor: TenantActor, input: Static<typeof RuleInput>) {
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    let meterId: string | null = null;
    let siteId: string | null = null;
    if (input.kind === 'device_fault') {
      if (!isStaff(actor)) throw forbidden();
      if (!input.siteId) throw missing('siteId', 'A fault alarm watches a site');
      await requireAccess(tx, actor, 'site', [input.siteId]);
      siteId = input.siteId;
    } else {
      if (!input.meterId) throw missing('meterId', 'This alarm watches a meter');
      meterId = (await visibleMeter(tx, deps, actor, input.meterId)).id;
    }
    if (hasLimit(input.kind)) checkLimit(input.kind, input.threshold, missing);
    if (input.kind === 'missing_data' && input.missingHours === undefined) throw missing('missingHours', 'Give the hours without a reading');
    const rule = await repo.insertRule(tx, actor.tenantId, {
      kind: input.kind, meterId, siteId, name: input.name, createdBy: actor.userId,
      threshold: hasLimit(input.kind) ? Math.round(input.threshold! * 1000) : null,
      missingHours: input.kind === 'missing_data' ? input.missingHours! : null,
    });
    await repo.subscribe(tx, actor.tenantId, rule.id, actor.userId, input.channel);
    return listedRule(tx, deps, actor, rule.id);
  });
}

/**
 * The rule, if the actor may change it: whoever could create it (staff and residents; a technician
 * makes no rules) and reads what it watches, a resident only a rule they made (not the office's
 * rule on their meter).
 */
async function changeableRule(tx: Tx, deps: Deps, actor: TenantActor, ruleId: string) {
  if (!isStaff(actor) && actor.role !== 'resident') throw forbidden();
  const rule = await visibleRule(tx, deps, actor, ruleId);
  if (!alarmRulePolicy.change(actor, rule)) throw forbidden();
  return rule;
}

/** Changes a rule's name and limit; the next evaluation applies them (and clears an alarm whose condition no longer holds). */
export function updateRule(deps: Deps, actor: TenantActor, ruleId: string, input: Static<typeof RuleUpdate>) {
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    const rule = await changeableRule(tx, deps, actor, ruleId);
    if (input.threshold !== undefined && !hasLimit(rule.kind)) throw notApplicable('threshold', 'This alarm has no limit');
    if (input.threshold !== undefined) checkLimit(rule.kind, input.threshold, missing);
    if (input.missingHours !== undefined && rule.kind !== 'missing_data') throw notApplicable('missingHours', 'This alarm does not count hours without a reading');
    await repo.updateRule(tx, actor.tenantId, ruleId, {
      name: input.name, missingHours: input.missingHours,
      threshold: input.threshold === undefined ? undefined : Math.round(input.threshold * 1000),
    });
    return listedRule(tx, deps, actor, ruleId);
  });
}

/**
 * Deletes a rule: it is no longer evaluated or listed, nobody hears of it, and its open alarm is
 * cleared now; its alarms stay in the history (the row stays, marked deleted).
 */
export function deleteRule(deps: Deps, actor: TenantActor, ruleId: string) {
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    await changeableRule(tx, deps, actor, ruleId);
    const now = deps.clock.now();
    // Marked first: an evaluation raising its alarm meanwhile either waits on the rule's row and
    // sees it deleted, or commits first and its alarm is cleared below.
    if (!(await repo.markRuleDeleted(tx, actor.tenantId, ruleId, actor.userId, now))) throw ruleNotFound();
    await repo.clearOpenAlarm(tx, actor.tenantId, ruleId, now);
    await repo.unsubscribeAll(tx, actor.tenantId, ruleId);
  });
}

export function listRules(deps: Deps, actor: TenantActor) {
  return inTenant(deps.db, actor.tenantId, (tx) => listRulesIn(tx, deps, actor));
}

export function setSubscription(deps: Deps, actor: TenantActor, ruleId: string, channel: AlarmChannel | null) {
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    await visibleRule(tx, deps, actor, ruleId);
    if (channel) await repo.subscribe(tx, actor.tenantId, ruleId, actor.userId, channel);
    else await repo.unsubscribe(tx, actor.tenantId, ruleId, actor.userId);
    return listedRule(tx, deps, actor, ruleId);
  });
}

/** The alarms of the rules the actor may read, deleted rules' too, newest first, each told in their language. */
export function listAlarms(deps: Deps, actor: TenantActor, ruleId: string | undefined) {
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    const ruleIds = ruleId ? [(await visibleRule(tx, deps, actor, ruleId, { deleted: true })).id] : await historyRuleIds(tx, deps, actor);
    const zone = await tenantTimeZone(tx, actor.tenantId);
    return (await repo.alarmsOf(tx, actor.tenantId, ruleIds, 500)).map((a) => ({ ...a, text: a.detail ? describe(JSON.parse(a.detail) as Observation, actor.language, zone) : '' }));
  });
}

/** The rules the actor reads; the office reads a unit's meter under its unit's pseudonym, never its name. */
async function listRulesIn(tx: Tx, deps: Deps, actor: TenantActor) {
  const rules = await repo.listRules(tx, actor.tenantId, actor.userId, await readableRuleFilter(tx, deps, actor));
  if (actor.role === 'resident') return rules;
  const pseudonyms = await unitPseudonyms(tx, actor.tenantId, rules.flatMap((r) => (r.meter_unit_id ? [r.meter_unit_id] : [])));
  return rules.map((r) => (r.meter_unit_id ? { ...r, meter_name: pseudonymName(actor.language, pseudonyms.get(r.meter_unit_id)!), meter_unit_id: null } : r));
}

/** One rule as listed to the actor (after creating or changing it). */
async function listedRule(tx: Tx, deps: Deps, actor: TenantActor, ruleId: string) {
  return (await listRulesIn(tx, deps, actor)).find((r) => r.id === ruleId)!;
}

async function historyRuleIds(tx: Tx, deps: Deps, actor: TenantActor) {
  return repo.historyRuleIds(tx, actor.tenantId, await readableRuleFilter(tx, deps, actor));
}

/** Staff read every rule, those on units' meters only with pseudonymised access; a resident those on their own meters; anyone else none. */
async function readableRuleFilter(tx: Tx, deps: Deps, actor: TenantActor): Promise<repo.RuleFilter> {
  const meterIds = await readableMeterIds(tx, deps, actor);
  if (meterIds === null && !isStaff(actor)) throw forbidden();
  if (meterIds !== null) return { meterIds };
  return (await unitMeterAccess(tx, actor)) === 'none' ? { siteMetersOnly: true } : {};
}

export function acknowledgeAlarm(deps: Deps, actor: TenantActor, alarmId: string) {
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    const alarm = await repo.findAlarm(tx, actor.tenantId, alarmId);
    if (!alarm) throw alarmNotFound();
    try {
      await visibleRule(tx, deps, actor, alarm.rule_id, { deleted: true });
    } catch {
      throw alarmNotFound();
    }
    await repo.acknowledge(tx, actor.tenantId, alarmId, actor.userId, deps.clock.now());
  });
}
