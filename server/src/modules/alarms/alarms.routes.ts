import { Type } from 'typebox';
import type { Deps } from '../../deps.ts';
import { requireTenantActor } from '../../http/actor.ts';
import { IdParams, Ok, type App } from '../../http/types.ts';
import { AlarmOut, AlarmsQuery, RuleInput, RuleOut, SubscriptionInput } from './alarms.schemas.ts';
import { acknowledgeAlarm, createRule, listAlarms, listRules, setSubscription } from './alarms.usecases.ts';

const tags = ['alarms'];

type RuleRow = Awaited<ReturnType<typeof listRules>>[number];
const presentRule = (r: RuleRow) => ({
  id: r.id, kind: r.kind, name: r.name, meterId: r.meter_id, meterName: r.meter_name, siteId: r.site_id,
  threshold: r.threshold === null ? null : Number(r.threshold) / 1000, unit: r.meter_unit, missingHours: r.missing_hours,
  subscription: r.channel, raisedSince: r.open_since ? r.open_since.toISOString() : null,
});

export function alarmsRoutes(app: App, deps: Deps): void {
  app.get('/api/alarm-rules', { schema: { tags, summary: 'The alarm rules you may read, with your subscription and whether each is raised now', response: { 200: Type.Array(RuleOut) } } }, async (request) => {
    return (await listRules(deps, requireTenantActor(request.actor))).map(presentRule);
  });

  app.post('/api/alarm-rules', { schema: { tags, summary: 'Create an alarm rule on a meter (or a site\'s devices) and subscribe to it', body: RuleInput, response: { 201: RuleOut } } }, async (request, reply) => {
    return reply.status(201).send(presentRule(await createRule(deps, requireTenantActor(request.actor), request.body)));
  });

  app.put('/api/alarm-rules/:id/subscription', { schema: { tags, summary: 'Subscribe to a rule\'s alarms, or change the channel', params: IdParams, body: SubscriptionInput, response: { 200: RuleOut } } }, async (request) => {
    return presentRule(await setSubscription(deps, requireTenantActor(request.actor), request.params.id, request.body.channel));
  });

  app.delete('/api/alarm-rules/:id/subscription', { schema: { tags, summary: 'Stop hearing of a rule\'s alarms', params: IdParams, response: { 200: RuleOut } } }, async (request) => {
    return presentRule(await setSubscription(deps, requireTenantActor(request.actor), request.params.id, null));
  });

  app.get('/api/alarms', { schema: { tags, summary: 'Alarm history, newest first: raised, cleared, acknowledged', querystring: AlarmsQuery, response: { 200: Type.Array(AlarmOut) } } }, async (request) => {
    return (await listAlarms(deps, requireTenantActor(request.actor), request.query.ruleId)).map((a) => ({
      id: a.id, ruleId: a.rule_id, ruleName: a.rule_name, kind: a.kind, raisedAt: a.raised_at.toISOString(), clearedAt: a.cleared_at?.toISOString() ?? null,
      detail: a.text, acknowledgedAt: a.acknowledged_at?.toISOString() ?? null,
    }));
  });

  app.post('/api/alarms/:id/acknowledge', { schema: { tags, summary: 'Acknowledge an alarm: someone is on it', params: IdParams, response: { 200: Ok } } }, async (request) => {
    await acknowledgeAlarm(deps, requireTenantActor(request.actor), request.params.id);
    return { ok: true as const };
  });
}
