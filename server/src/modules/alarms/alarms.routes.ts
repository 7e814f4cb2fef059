import { Type } from 'typebox';
import type { Deps } from '../../deps.ts';
import { requireTenantActor, type TenantActor } from '../../http/actor.ts';
import { IdParams, Ok, type App } from '../../http/types.ts';
import { alarmRulePolicy } from './alarms.policies.ts';
import { AlarmOut, AlarmsQuery, RuleInput, RuleOut, RuleUpdate, SubscriptionInput } from './alarms.schemas.ts';
import { acknowledgeAlarm, createRule, deleteRule, listAlarms, listRules, setSubscription, updateRule } from './alarms.usecases.ts';

const tags = ['alarms'];

type RuleRow = Awaited<ReturnType<typeof listRules>>[number];
const presentRule = (r: RuleRow, actor: TenantActor) => ({
  id: r.id, kind: r.kind, name: r.name, meterId: r.meter_id, meterName: r.meter_name, siteId: r.site_id,
  threshold: r.threshold === null ? null : Number(r.threshold) / 1000, unit: r.meter_unit, missingHours: r.missing_hours,
  subscription: r.channel, raisedSince: r.open_since ? r.open_since.toISOString() : null, mayChange: alarmRulePolicy.change(actor, r),
});

export function alarmsRoutes(app: App, deps: Deps): void {
  app.get('/api/alarm-rules', { schema: { tags, summary: 'The alarm rules you may read, with your subscription and whether each is raised now', response: { 200: Type.Array(RuleOut) } } }, async (request) => {
    const actor = requireTenantActor(request.actor);
    return (await listRules(deps, actor)).map((r) => presentRule(r, actor));
  });

  app.post('/api/alarm-rules', { schema: { tags, summary: 'Create an alarm rule on a meter (or a site\'s devices) and subscribe to it', body: RuleInput, response: { 201: RuleOut } } }, async (request, reply) => {
    const actor = requireTenantActor(request.actor);
    return reply.status(201).send(presentRule(await createRule(deps, actor, request.body), actor));
  });

  app.patch('/api/alarm-rules/:id', { schema: { tags, summary: 'Change an alarm rule\'s name or limit; the next evaluation applies it', params: IdParams, body: RuleUpdate, response: { 200: RuleOut } } }, async (request) => {
    const actor = requireTenantActor(request.actor);
    return presentRule(await updateRule(deps, actor, request.params.id, request.body), actor);
  });

  app.delete('/api/alarm-rules/:id', { schema: { tags, summary: 'Delete an alarm rule: no longer evaluated, its open alarm cleared, its history kept', params: IdParams, response: { 200: Ok } } }, async (request) => {
    await deleteRule(deps, requireTenantActor(request.actor), request.params.id);
    return { ok: true as const };
  });

  app.put('/api/alarm-rules/:id/subscription', { schema: { tags, summary: 'Subscribe to a rule\'s alarms, or change the channel', params: IdParams, body: SubscriptionInput, response: { 200: RuleOut } } }, async (request) => {
    const actor = requireTenantActor(request.actor);
    return presentRule(await setSubscription(deps, actor, request.params.id, request.body.channel), actor);
  });

  app.delete('/api/alarm-rules/:id/subscription', { schema: { tags, summary: 'Stop hearing of a rule\'s alarms', params: IdParams, response: { 200: RuleOut } } }, async (request) => {
    const actor = requireTenantActor(request.actor);
    return presentRule(await setSubscription(deps, actor, request.params.id, null), actor);
  });

  app.get('/api/alarms', { schema: { tags, summary: 'Alarm history, newest first: raised, cleared, acknowledged', querystring: AlarmsQuery, response: { 200: Type.Array(AlarmOut) } } }, async (request) => {
    return (await listAlarms(deps, requireTenantActor(request.actor), request.query.ruleId)).map((a) => ({
      id: a.id, ruleId: a.rule_id, ruleName: a.rule_name, kind: a.kind, ruleDeleted: a.rule_deleted_at !== null, raisedAt: a.raised_at.toISOString(), clearedAt: a.cleared_at?.toISOString() ?? null,
      detail: a.text, acknowledgedAt: a.acknowledged_at?.toISOString() ?? null,
    }));
  });

  app.post('/api/alarms/:id/acknowledge', { schema: { tags, summary: 'Acknowledge an alarm: someone is on it', params: IdParams, response: { 200: Ok } } }, async (request) => {
    await acknowledgeAlarm(deps, requireTenantActor(request.actor), request.params.id);
    return { ok: true as const };
  });
}
