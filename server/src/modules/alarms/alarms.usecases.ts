// Alarm rules, subscriptions and history for whoever may read the meter or site a rule watches:
// office staff for their sites, residents for the meters of their own units (a resident's rule
// watches only such a meter; a fault rule on a site is for staff).
import type { Static } from 'typebox';
import type { Deps } from '../../deps.ts';
import { inTenant, type Tx } from '../../db/scope.ts';
import type { AlarmChannel } from '../../db/schema.ts';
import { AppError, forbidden } from '../../errors.ts';
import type { TenantActor } from '../../http/actor.ts';
import { requireAccess } from '../access/access.ts';
import { readableMeterIds, visibleMeter } from '../metering/metering.usecases.ts';
import { tenantTimeZone } from '../tenancy/tenancy.repository.ts';
import { describe, type Observation } from './alarms.evaluate.ts';
import * as repo from './alarms.repository.ts';
import type { RuleInput } from './alarms.schemas.ts';

const ruleNotFound = () => new AppError('alarms.rule_not_found', 404, 'Alarm rule not found');
const alarmNotFound = () => new AppError('alarms.not_found', 404, 'Alarm not found');
const missing = (field: string, message: string) => new AppError('alarms.invalid_rule', 400, message, [{ field, message }]);
const isStaff = (a: TenantActor) => a.role === 'manager_admin' || a.role === 'manager_staff';

/** The rule, if the actor may read what it watches. */
async function visibleRule(tx: Tx, deps: Deps, actor: TenantActor, ruleId: string) {
  const rule = await repo.findRule(tx, actor.tenantId, ruleId);
  if (!rule) throw ruleNotFound();
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
    if ((input.kind === 'consumption' || input.kind === 'flow') && input.threshold === undefined) throw missing('threshold', 'Give the limit');
    if (input.kind === 'missing_data' && input.missingHours === undefined) throw missing('missingHours', 'Give the hours without a reading');
    const rule = await repo.insertRule(tx, actor.tenantId, {
      kind: input.kind, meterId, siteId, name: input.name, createdBy: actor.userId,
      threshold: input.kind === 'consumption' || input.kind === 'flow' ? Math.round(input.threshold! * 1000) : null,
      missingHours: input.kind === 'missing_data' ? input.missingHours! : null,
    });
    await repo.subscribe(tx, actor.tenantId, rule.id, actor.userId, input.channel);
    return (await repo.listRules(tx, actor.tenantId, actor.userId, {})).find((r) => r.id === rule.id)!;
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
    return (await repo.listRules(tx, actor.tenantId, actor.userId, {})).find((r) => r.id === ruleId)!;
  });
}

/** The alarms of the rules the actor may read, newest first, each told in their language. */
export function listAlarms(deps: Deps, actor: TenantActor, ruleId: string | undefined) {
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    const ruleIds = ruleId ? [(await visibleRule(tx, deps, actor, ruleId)).id] : (await listRulesIn(tx, deps, actor)).map((r) => r.id);
    const zone = await tenantTimeZone(tx, actor.tenantId);
    return (await repo.alarmsOf(tx, actor.tenantId, ruleIds, 500)).map((a) => ({ ...a, text: a.detail ? describe(JSON.parse(a.detail) as Observation, actor.language, zone) : '' }));
  });
}

async function listRulesIn(tx: Tx, deps: Deps, actor: TenantActor) {
  const meterIds = await readableMeterIds(tx, deps, actor);
  if (meterIds === null && !isStaff(actor)) throw forbidden();
  return repo.listRules(tx, actor.tenantId, actor.userId, meterIds === null ? {} : { meterIds });
}

export function acknowledgeAlarm(deps: Deps, actor: TenantActor, alarmId: string) {
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    const alarm = await repo.findAlarm(tx, actor.tenantId, alarmId);
    if (!alarm) throw alarmNotFound();
    try {
      await visibleRule(tx, deps, actor, alarm.rule_id);
    } catch {
      throw alarmNotFound();
    }
    await repo.acknowledge(tx, actor.tenantId, alarmId, actor.userId, deps.clock.now());
  });
}
